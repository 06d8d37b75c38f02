/**
 * How the package gets out of the pane on this platform (issue 9, item 7), and the sentence the
 * pane shows about it:
 * - download: `<a download>` of a blob, which Excel on Windows (WebView2), Excel on the web and
 *   the harness honour;
 * - browser: Excel on Mac and iPad (WKWebView ignores `download`, office-js #2700, closed by
 *   design): the add-in's own save page opened in the user's browser with
 *   `Office.context.ui.openBrowserWindow` (OpenBrowserWindowApi 1.1), the package in the URL
 *   fragment (handover.ts);
 * - none: Mac or iPad where neither works (no OpenBrowserWindowApi, or a package too large for a
 *   URL): the pane says which other route is left (the upload, Excel on the web, msp-enroll).
 */
import { MAX_HANDOVER_URL, handoverUrl, type Handover } from './handover';

/** What the choice reads from Office (tests give their own). */
export interface SaveEnvironment {
  /** `Office.context.platform`: "PC", "OfficeOnline", "Mac", "iOS", …; undefined outside Office. */
  readonly platform?: string | undefined;
  /** `Office.context.ui.openBrowserWindow` where OpenBrowserWindowApi 1.1 is supported. */
  readonly openBrowserWindow?: ((url: string) => void) | undefined;
  /** The pane's own address: the save page sits beside it. */
  readonly pageUrl: string;
}

export type SaveRoute =
  | { readonly kind: 'download'; readonly note: string }
  | { readonly kind: 'browser'; readonly note: string; readonly open: () => void }
  | { readonly kind: 'none'; readonly note: string };

/** WKWebView hosts: downloads from the pane are ignored there. */
const NO_DOWNLOADS: Readonly<Record<string, string>> = { Mac: 'Excel on Mac', iOS: 'Excel on iPad' };

interface OfficeLike {
  readonly context?: {
    readonly platform?: unknown;
    readonly requirements?: { isSetSupported(name: string, version?: string): boolean };
    readonly ui?: { openBrowserWindow?: (url: string) => void };
  };
}

/** The environment of the running pane (Office's globals where loaded). */
export function currentSaveEnvironment(): SaveEnvironment {
  const office = (globalThis as { Office?: OfficeLike }).Office;
  const context = office?.context;
  const platform = typeof context?.platform === 'string' ? context.platform : undefined;
  let canOpen = false;
  try {
    canOpen = context?.requirements?.isSetSupported('OpenBrowserWindowApi', '1.1') === true;
  } catch {
    canOpen = false;
  }
  const ui = context?.ui;
  const open = canOpen && typeof ui?.openBrowserWindow === 'function' ? ui.openBrowserWindow.bind(ui) : undefined;
  return { platform, openBrowserWindow: open, pageUrl: globalThis.location?.href ?? 'https://localhost/' };
}

export function chooseSaveRoute(env: SaveEnvironment, handover: Handover, uploadSet: boolean): SaveRoute {
  const host = env.platform === undefined ? undefined : NO_DOWNLOADS[env.platform];
  if (host === undefined) {
    return {
      kind: 'download',
      note: 'Select the link to save the package: your browser or Office shows the download.',
    };
  }
  const other = uploadSet
    ? 'The upload to your intake address sends it to Spot without saving.'
    : 'Set an intake address below to upload it, submit from Excel on the web, or run msp-enroll package on the saved workbook (docs/cli.md).';
  const open = env.openBrowserWindow;
  if (open === undefined) {
    return {
      kind: 'none',
      note: `${host} cannot save files from add-ins, and this version cannot open your browser from the pane. ${other}`,
    };
  }
  const url = handoverUrl(new URL('save.html', env.pageUrl), handover);
  if (url.length > MAX_HANDOVER_URL) {
    return {
      kind: 'none',
      note: `${host} cannot save files from add-ins, and this package is too large to hand to your browser (${Math.round(url.length / 1e6)} MB in a link, at most ${MAX_HANDOVER_URL / 1e6} MB). ${other}`,
    };
  }
  return {
    kind: 'browser',
    note: `${host} cannot save files from add-ins: the package opens in your browser, on this device only, which saves it.`,
    open: () => open(url),
  };
}
