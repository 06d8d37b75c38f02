/**
 * The few icons the pane draws, as inline SVG (no icon package): always beside text that says the
 * same, so colour and shape are never the only signal. Decorative: hidden from screen readers.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  icon: { flexShrink: 0, width: '16px', height: '16px', verticalAlign: 'text-bottom' },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  success: { color: tokens.colorStatusSuccessForeground1 },
});

export type IconKind = 'error' | 'warning' | 'success';

/** Outline of the shape, then its mark, drawn with the current colour. */
const SHAPES: Record<IconKind, { outline: string; mark: string }> = {
  error: { outline: 'M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13Z', mark: 'M5.75 5.75l4.5 4.5M10.25 5.75l-4.5 4.5' },
  warning: { outline: 'M8 1.75 14.75 13.75H1.25Z', mark: 'M8 6v4M8 11.75v.25' },
  success: { outline: 'M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13Z', mark: 'M5 8.25l2 2 4-4.25' },
};

export function StatusIcon({ kind, className }: { kind: IconKind; className?: string }) {
  const styles = useStyles();
  const shape = SHAPES[kind];
  return (
    <svg
      className={mergeClasses(styles.icon, styles[kind], className)}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={shape.outline} />
      <path d={shape.mark} />
    </svg>
  );
}
