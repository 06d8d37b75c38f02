/**
 * Uploads the package to the intake address: POST of the ZIP as application/zip, with
 * `Authorization: Bearer <token>` when a token is set and `Idempotency-Key: <the package's
 * SHA-256>` on every attempt, so the intake can tell a second delivery of the same package from a
 * new one. An attempt is retried automatically only when it failed before any byte of the body
 * left (connection refused, DNS, a preflight refused): once the body may have arrived (any HTTP
 * answer, a 5xx included, or a timeout or drop after upload progress) it is never sent again
 * without the user asking. Every attempt is recorded, and said in the pane. The transport is
 * injected so tests need no network.
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
    /**
     * Whether any of the body may have left this computer (upload progress was seen, or the
     * upload finished). When in doubt, true: a failure is retried only when nothing was sent.
     */
    readonly bodySent: boolean = true,
  ) {
    super(message);
  }
}

export type Transport = (request: UploadRequest) => Promise<UploadResponse>;

export interface UploadOptions {
  /** The package's SHA-256 (64 hex digits), sent as `Idempotency-Key` on every attempt. */
  readonly idempotencyKey: string;
  readonly token?: string;
  readonly transport?: Transport;
  /** Attempts in all (the first and the retries of failures before the body left). */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Wait before retry n (1-based): backoffMs * 2^(n-1). */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Progress of the current attempt, 0..1, and which attempt it is. */
  readonly onProgress?: (fraction: number, attempt: number) => void;
  /** Called after each attempt with what happened to it. */
  readonly onAttempt?: (record: AttemptRecord) => void;
}

export const UPLOAD_DEFAULTS = { attempts: 3, timeoutMs: 30_000, backoffMs: 1_000 } as const;

/**
 * What became of one attempt: `accepted` (2xx), `refused` (4xx, or another status), `failed`
 * (5xx), `no-answer` (timed out or dropped after the body may have left), `not-sent` (failed
 * before any byte of the body left), `cancelled`.
 */
export type AttemptOutcome = 'accepted' | 'refused' | 'failed' | 'no-answer' | 'not-sent' | 'cancelled';

export interface AttemptRecord {
  /** 1-based. */
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** Whether the package may have reached the intake in this attempt. */
  readonly bodySent: boolean;
  /** One sentence: what happened, and what comes next. */
  readonly message: string;
}

export type UploadResult =
  | { readonly ok: true; readonly status: number; readonly attempts: number; readonly log: readonly AttemptRecord[] }
  | {
      readonly ok: false;
      readonly attempts: number;
      /** Why the last attempt failed, in a sentence. */
      readonly message: string;
      /** The HTTP status of the last attempt, when there was one. */
      readonly status?: number;
      /** Whether the user may sensibly try again (not after a 4xx or a cancel). */
      readonly retryable: boolean;
      /** Whether the package may have reached the intake in some attempt (so a retry may be a second delivery). */
      readonly mayHaveArrived: boolean;
      readonly log: readonly AttemptRecord[];
    };

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const IDEMPOTENCY_KEY = /^[0-9a-f]{64}$/;

function describeStatus(r: UploadResponse): string {
  const text = r.statusText.trim() === '' ? '' : ` ${r.statusText.trim()}`;
  if (r.status === 401 || r.status === 403)
    return `The intake refused the package (HTTP ${r.status}${text}): check the token.`;
  if (r.status === 404) return `The intake address was not found (HTTP 404${text}): check the address.`;
  if (r.status === 413) return `The intake refused the package as too large (HTTP 413${text}).`;
  if (r.status >= 500)
    return `The intake failed (HTTP ${r.status}${text}) after the package was sent, so it may have arrived; it was not sent again.`;
  return `The intake refused the package (HTTP ${r.status}${text}).`;
}

function describeTransportError(error: unknown, timeoutMs: number): { outcome: AttemptOutcome; message: string } {
  if (!(error instanceof TransportError)) {
    return {
      outcome: 'no-answer',
      message: `The upload failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (error.kind === 'aborted') return { outcome: 'cancelled', message: 'The upload was cancelled.' };
  if (!error.bodySent) {
    const why =
      error.kind === 'timeout' ? `no connection within ${Math.round(timeoutMs / 1000)} seconds` : error.message;
    return { outcome: 'not-sent', message: `The intake could not be reached (${why}); nothing was sent.` };
  }
  return {
    outcome: 'no-answer',
    message:
      error.kind === 'timeout'
        ? `The package was sent, but the intake did not answer within ${Math.round(timeoutMs / 1000)} seconds, so it may have arrived; it was not sent again.`
        : `The connection failed after the package was sent (${error.message}), so it may have arrived; it was not sent again.`,
  };
}

export async function uploadPackage(url: string, body: Uint8Array, options: UploadOptions): Promise<UploadResult> {
  if (!IDEMPOTENCY_KEY.test(options.idempotencyKey))
    throw new RangeError('uploadPackage: idempotencyKey must be the package’s SHA-256, 64 lower-case hex digits');
  const attempts = Math.max(1, options.attempts ?? UPLOAD_DEFAULTS.attempts);
  const timeoutMs = options.timeoutMs ?? UPLOAD_DEFAULTS.timeoutMs;
  const backoffMs = options.backoffMs ?? UPLOAD_DEFAULTS.backoffMs;
  const transport = options.transport ?? xhrTransport;
  const sleep = options.sleep ?? wait;
  const headers: Record<string, string> = {
    'Content-Type': 'application/zip',
    'Idempotency-Key': options.idempotencyKey,
  };
  if (options.token !== undefined && options.token !== '') headers.Authorization = `Bearer ${options.token}`;

  const log: AttemptRecord[] = [];
  const record = (r: AttemptRecord): AttemptRecord => {
    log.push(r);
    options.onAttempt?.(r);
    return r;
  };
  // A refusal (4xx) did not arrive; a 5xx or a silence after sending may have.
  const mayHaveArrived = (): boolean => log.some((r) => r.outcome === 'failed' || r.outcome === 'no-answer');
  for (let attempt = 1; ; attempt++) {
    options.onProgress?.(0, attempt);
    let last: AttemptRecord;
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
        record({
          attempt,
          outcome: 'accepted',
          status: response.status,
          bodySent: true,
          message: `The intake accepted the package (HTTP ${response.status}).`,
        });
        return { ok: true, status: response.status, attempts: attempt, log };
      }
      last = record({
        attempt,
        outcome: response.status >= 500 ? 'failed' : 'refused',
        status: response.status,
        bodySent: true,
        message: describeStatus(response),
      });
      // An answer means the request reached the intake: never sent again without the user.
      return {
        ok: false,
        attempts: attempt,
        message: last.message,
        status: response.status,
        retryable: response.status >= 500 || response.status === 408 || response.status === 429,
        mayHaveArrived: mayHaveArrived(),
        log,
      };
    } catch (error) {
      const { outcome, message } = describeTransportError(error, timeoutMs);
      const retryNow = outcome === 'not-sent' && attempt < attempts;
      last = record({
        attempt,
        outcome,
        bodySent: outcome !== 'not-sent' && outcome !== 'cancelled',
        message: retryNow ? `${message} Trying again.` : message,
      });
      if (!retryNow) {
        return {
          ok: false,
          attempts: attempt,
          message,
          retryable: outcome !== 'cancelled',
          mayHaveArrived: mayHaveArrived(),
          log,
        };
      }
    }
    await sleep(backoffMs * 2 ** (attempt - 1));
  }
}

/** The constructor of XMLHttpRequest (a fake one in tests). */
export type XhrFactory = () => XMLHttpRequest;

/**
 * POST through XMLHttpRequest, which (unlike fetch) reports upload progress, and so tells a
 * failure before the body left (no progress, no upload `load`, no headers) from one after.
 */
export function makeXhrTransport(create: XhrFactory = () => new XMLHttpRequest()): Transport {
  return (request) =>
    new Promise<UploadResponse>((resolve, reject) => {
      const xhr = create();
      let bodySent = false;
      xhr.open('POST', request.url, true);
      xhr.timeout = request.timeoutMs;
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e: ProgressEvent) => {
        if (e.loaded > 0) bodySent = true;
        request.onProgress(e.loaded, e.lengthComputable ? e.total : request.body.length);
      };
      xhr.upload.onload = () => {
        bodySent = true;
      };
      // HEADERS_RECEIVED (2) or LOADING (3): the intake answered, so it had the request. Watched
      // as it happens: on a network error the state jumps from OPENED to DONE (4) before `error`.
      let answered = false;
      xhr.onreadystatechange = () => {
        if (xhr.readyState === 2 || xhr.readyState === 3) answered = true;
      };
      const sent = (): boolean => bodySent || answered;
      xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText });
      // A CORS refusal, a TLS error, DNS, a refused connection and a CSP block all look alike here.
      xhr.onerror = () => reject(new TransportError('network', 'network error, CORS or certificate problem', sent()));
      xhr.ontimeout = () => reject(new TransportError('timeout', 'timed out', sent()));
      xhr.onabort = () => reject(new TransportError('aborted', 'aborted', sent()));
      // A Blob rather than the bytes: XHR's typings want an ArrayBuffer-backed view.
      xhr.send(new Blob([request.body.slice()], { type: 'application/zip' }));
    });
}

export const xhrTransport: Transport = (request) => makeXhrTransport()(request);
