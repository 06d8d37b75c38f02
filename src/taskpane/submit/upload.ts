/**
 * Uploads the package to the intake address: POST of the ZIP as application/zip, with
 * `Authorization: Bearer <token>` when a token is set, a timeout per attempt, and retries with
 * backoff on network errors, timeouts and 5xx answers (never on 4xx: the request itself is
 * wrong, and sending it again would not help). The transport is injected so tests need no network.
 */

export interface UploadRequest {
  readonly url: string;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes sent so far of `total`. */
  readonly onProgress: (sent: number, total: number) => void;
}

export interface UploadResponse {
  readonly status: number;
  readonly statusText: string;
}

/** A failure before any HTTP answer. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: 'network' | 'timeout' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

export type Transport = (request: UploadRequest) => Promise<UploadResponse>;

export interface UploadOptions {
  readonly token?: string;
  readonly transport?: Transport;
  /** Attempts in all (the first and the retries). */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Wait before retry n (1-based): backoffMs * 2^(n-1). */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Progress of the current attempt, 0..1, and which attempt it is. */
  readonly onProgress?: (fraction: number, attempt: number) => void;
  /** Called before each retry, with why the previous attempt failed. */
  readonly onRetry?: (attempt: number, reason: string) => void;
}

export const UPLOAD_DEFAULTS = { attempts: 3, timeoutMs: 30_000, backoffMs: 1_000 } as const;

export type UploadResult =
  | { readonly ok: true; readonly status: number; readonly attempts: number }
  | {
      readonly ok: false;
      readonly attempts: number;
      /** Why the last attempt failed, in a sentence. */
      readonly message: string;
      /** The HTTP status of the last attempt, when there was one. */
      readonly status?: number;
      readonly retryable: boolean;
    };

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describeStatus(r: UploadResponse): string {
  const text = r.statusText.trim() === '' ? '' : ` ${r.statusText.trim()}`;
  if (r.status === 401 || r.status === 403)
    return `The intake refused the package (HTTP ${r.status}${text}): check the token.`;
  if (r.status === 404) return `The intake address was not found (HTTP 404${text}): check the address.`;
  if (r.status === 413) return `The intake refused the package as too large (HTTP 413${text}).`;
  if (r.status >= 500) return `The intake failed (HTTP ${r.status}${text}).`;
  return `The intake refused the package (HTTP ${r.status}${text}).`;
}

export async function uploadPackage(url: string, body: Uint8Array, options: UploadOptions = {}): Promise<UploadResult> {
  const attempts = Math.max(1, options.attempts ?? UPLOAD_DEFAULTS.attempts);
  const timeoutMs = options.timeoutMs ?? UPLOAD_DEFAULTS.timeoutMs;
  const backoffMs = options.backoffMs ?? UPLOAD_DEFAULTS.backoffMs;
  const transport = options.transport ?? xhrTransport;
  const sleep = options.sleep ?? wait;
  const headers: Record<string, string> = { 'Content-Type': 'application/zip' };
  if (options.token !== undefined && options.token !== '') headers.Authorization = `Bearer ${options.token}`;

  let last: UploadResult = { ok: false, attempts: 0, message: 'Nothing was sent.', retryable: true };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      options.onRetry?.(attempt, last.ok ? '' : last.message);
      await sleep(backoffMs * 2 ** (attempt - 2));
    }
    options.onProgress?.(0, attempt);
    try {
      const response = await transport({
        url,
        body,
        headers,
        timeoutMs,
        onProgress: (sent, total) => options.onProgress?.(total > 0 ? sent / total : 0, attempt),
      });
      if (response.status >= 200 && response.status < 300) {
        options.onProgress?.(1, attempt);
        return { ok: true, status: response.status, attempts: attempt };
      }
      const retryable = response.status >= 500;
      last = { ok: false, attempts: attempt, message: describeStatus(response), status: response.status, retryable };
      if (!retryable) return last;
    } catch (error) {
      const message =
        error instanceof TransportError
          ? error.kind === 'timeout'
            ? `The intake did not answer within ${Math.round(timeoutMs / 1000)} seconds.`
            : error.kind === 'aborted'
              ? 'The upload was cancelled.'
              : `The intake could not be reached (${error.message}).`
          : `The upload failed: ${error instanceof Error ? error.message : String(error)}`;
      const retryable = !(error instanceof TransportError && error.kind === 'aborted');
      last = { ok: false, attempts: attempt, message, retryable };
      if (!retryable) return last;
    }
  }
  return last;
}

/** The constructor of XMLHttpRequest (a fake one in tests). */
export type XhrFactory = () => XMLHttpRequest;

/** POST through XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function makeXhrTransport(create: XhrFactory = () => new XMLHttpRequest()): Transport {
  return (request) =>
    new Promise<UploadResponse>((resolve, reject) => {
      const xhr = create();
      xhr.open('POST', request.url, true);
      xhr.timeout = request.timeoutMs;
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e: ProgressEvent) =>
        request.onProgress(e.loaded, e.lengthComputable ? e.total : request.body.length);
      xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText });
      // A CORS refusal, a TLS error, DNS, a refused connection and a CSP block all look alike here.
      xhr.onerror = () => reject(new TransportError('network', 'network error, CORS or certificate problem'));
      xhr.ontimeout = () => reject(new TransportError('timeout', 'timed out'));
      xhr.onabort = () => reject(new TransportError('aborted', 'aborted'));
      // A Blob rather than the bytes: XHR's typings want an ArrayBuffer-backed view.
      xhr.send(new Blob([request.body.slice()], { type: 'application/zip' }));
    });
}

export const xhrTransport: Transport = (request) => makeXhrTransport()(request);
