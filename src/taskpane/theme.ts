import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The part of Office's theme that the task pane follows; absent where the host has no theme API. */
export type OfficeThemeInfo = Pick<Office.OfficeTheme, 'bodyBackgroundColor'> & { isDarkTheme?: boolean };

/** Relative luminance of a #rrggbb colour, 0 (black) to 1 (white); undefined if it is not one. */
function luminance(hex: string): number | undefined {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return undefined;
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/**
 * Fluent theme matching the Office theme: dark when Office says so (isDarkTheme, newer hosts) or
 * when its body background is dark; light otherwise, and where Office exposes no theme.
 */
export function fluentThemeFor(officeTheme: OfficeThemeInfo | undefined): Theme {
  if (!officeTheme) return webLightTheme;
  if (typeof officeTheme.isDarkTheme === 'boolean') return officeTheme.isDarkTheme ? webDarkTheme : webLightTheme;
  const l = luminance(officeTheme.bodyBackgroundColor);
  return l !== undefined && l < 0.2 ? webDarkTheme : webLightTheme;
}
