/**
 * The package handed from the pane to the add-in's save page (save.html) in the URL fragment,
 * for hosts whose web view cannot save files (Excel on Mac and iPad: WKWebView ignores
 * `<a download>`, office-js #2700). The pane opens the page in the user's browser with
 * `Office.context.ui.openBrowserWindow`; a fragment is never sent to a server, so the package
 * goes from Office to the browser on the same device and nowhere else. The page checks the
 * SHA-256 before it offers the file. See docs/submit.md ("Saving the package").
 */

/** The fragment's format version: a page of another build refuses a format it does not know. */
const FORMAT = '1';

/**
 * The longest URL handed over: Chromium's limit is 2 MB (2,097,152 characters), Safari's and
 * Firefox's are higher, and the user's default browser may be any of them.
 */
export const MAX_HANDOVER_URL = 2_000_000;

export interface Handover {
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** RFC 4648 base64url without padding. btoa works on "binary strings"; chunks keep the arguments small. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when `text` is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The save page's URL carrying the package: `<page>#v=1&name=…&sha256=…&zip=…`. */
export function handoverUrl(page: URL, handover: Handover): string {
  const fragment = new URLSearchParams({
    v: FORMAT,
    name: handover.fileName,
    sha256: handover.sha256,
    zip: toBase64Url(handover.bytes),
  });
  const url = new URL(page.href);
  url.hash = '';
  return `${url.href}#${fragment.toString()}`;
}

export type HandoverRead =
  | { readonly ok: true; readonly handover: Handover }
  | { readonly ok: false; readonly problem: 'missing' | 'format' | 'damaged' };

/**
 * Reads a fragment made by handoverUrl (with or without its '#'). The SHA-256 is checked by the
 * caller (Web Crypto is asynchronous): `damaged` here is a fragment that does not decode.
 */
export function readHandover(fragment: string): HandoverRead {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text === '') return { ok: false, problem: 'missing' };
  const params = new URLSearchParams(text);
  const name = params.get('name') ?? '';
  const sha256 = params.get('sha256') ?? '';
  const zip = params.get('zip');
  if (params.get('v') !== FORMAT || zip === null) return { ok: false, problem: 'format' };
  // A plain file name: no folders, and the .zip the pane gives it.
  if (!/^[^\\/:*?"<>|\u0000-\u001f]{1,200}\.zip$/.test(name) || !/^[0-9a-f]{64}$/.test(sha256))
    return { ok: false, problem: 'format' };
  const bytes = fromBase64Url(zip);
  if (bytes === null || bytes.length === 0) return { ok: false, problem: 'damaged' };
  return { ok: true, handover: { fileName: name, sha256, bytes } };
}
