import {
  TransportError,
  makeXhrTransport,
  uploadPackage,
  type Transport,
  type UploadRequest,
  type UploadResponse,
} from '../../../src/taskpane/submit/upload';

const body = Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]);
const URL_ = 'https://intake.example.com/spot';

/** A transport answering from a script, one entry per attempt. */
function scripted(...answers: (UploadResponse | TransportError)[]) {
  const requests: UploadRequest[] = [];
  const transport: Transport = async (request) => {
    requests.push(request);
    request.onProgress(body.length / 2, body.length);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more answers scripted');
    if (answer instanceof TransportError) throw answer;
    request.onProgress(body.length, body.length);
    return answer;
  };
  return { transport, requests };
}

const sleeps: number[] = [];
const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
beforeEach(() => (sleeps.length = 0));

/** The package's SHA-256, as the pane passes it. */
const KEY = 'ab'.repeat(32);
const base = { idempotencyKey: KEY, sleep };

describe('uploadPackage', () => {
  it('POSTs the zip as application/zip with the bearer token and the idempotency key, and reports progress', async () => {
    const { transport, requests } = scripted({ status: 201, statusText: 'Created' });
    const progress: number[] = [];
    const r = await uploadPackage(URL_, body, {
      ...base,
      transport,
      token: 's3cret',
      onProgress: (f) => progress.push(f),
    });
    expect(r).toEqual({
      ok: true,
      status: 201,
      attempts: 1,
      log: [
        {
          attempt: 1,
          outcome: 'accepted',
          status: 201,
          bodySent: true,
          message: 'The intake accepted the package (HTTP 201).',
        },
      ],
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: URL_,
      body,
      timeoutMs: 30_000,
      headers: { 'Content-Type': 'application/zip', Authorization: 'Bearer s3cret', 'Idempotency-Key': KEY },
    });
    expect(progress).toEqual([0, 0.5, 1, 1]);
  });

  it('sends no Authorization header without a token, and the key still', async () => {
    const { transport, requests } = scripted({ status: 200, statusText: 'OK' });
    await uploadPackage(URL_, body, { ...base, transport, token: '' });
    expect(requests[0]!.headers).toEqual({ 'Content-Type': 'application/zip', 'Idempotency-Key': KEY });
  });

  it('refuses a key that is not a SHA-256 before sending anything', async () => {
    const { transport, requests } = scripted({ status: 200, statusText: 'OK' });
    for (const idempotencyKey of ['', 'AB'.repeat(32), 'ab'.repeat(31), `${'ab'.repeat(32)}\r\nX: y`]) {
      await expect(uploadPackage(URL_, body, { ...base, idempotencyKey, transport })).rejects.toThrow(RangeError);
    }
    expect(requests).toEqual([]);
  });

  it('never retries a 5xx by itself: the body was sent, so it may have arrived', async () => {
    for (const status of [500, 502, 503]) {
      const { transport, requests } = scripted(
        { status, statusText: 'Bad Gateway' },
        { status: 200, statusText: 'OK' },
      );
      sleeps.length = 0;
      const r = await uploadPackage(URL_, body, { ...base, transport });
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(r).toMatchObject({ ok: false, attempts: 1, status, retryable: true, mayHaveArrived: true });
      if (r.ok) throw new Error('unreachable');
      expect(r.message).toBe(
        `The intake failed (HTTP ${status} Bad Gateway) after the package was sent, so it may have arrived; it was not sent again.`,
      );
      expect(r.log).toEqual([{ attempt: 1, outcome: 'failed', status, bodySent: true, message: r.message }]);
    }
  });

  it('never retries a timeout or a drop once the body may have left', async () => {
    for (const error of [
      new TransportError('timeout', 'timed out', true),
      new TransportError('network', 'reset', true),
    ]) {
      const { transport, requests } = scripted(error, { status: 200, statusText: 'OK' });
      const r = await uploadPackage(URL_, body, { ...base, transport, timeoutMs: 5000 });
      expect(requests).toHaveLength(1);
      expect(r).toMatchObject({ ok: false, attempts: 1, retryable: true, mayHaveArrived: true });
      expect(r.log.map((a) => [a.outcome, a.bodySent])).toEqual([['no-answer', true]]);
    }
    const { transport } = scripted(new TransportError('timeout', 'timed out', true));
    const r = await uploadPackage(URL_, body, { ...base, transport, timeoutMs: 5000 });
    expect(!r.ok && r.message).toBe(
      'The package was sent, but the intake did not answer within 5 seconds, so it may have arrived; it was not sent again.',
    );
  });

  it('a TransportError that does not say otherwise counts as sent (no retry when in doubt)', async () => {
    const { transport, requests } = scripted(new TransportError('network', 'who knows'));
    const r = await uploadPackage(URL_, body, { ...base, transport });
    expect(requests).toHaveLength(1);
    expect(r).toMatchObject({ ok: false, mayHaveArrived: true });
  });

  it('retries failures before any byte left, with backoff, the same key each time, and records each attempt', async () => {
    const { transport, requests } = scripted(
      new TransportError('network', 'connection refused', false),
      new TransportError('timeout', 'timed out', false),
      { status: 201, statusText: 'Created' },
    );
    const seen: string[] = [];
    const r = await uploadPackage(URL_, body, {
      ...base,
      transport,
      timeoutMs: 5000,
      onAttempt: (a) => seen.push(`${a.attempt} ${a.outcome}`),
    });
    expect(requests).toHaveLength(3);
    expect(requests.map((q) => q.headers['Idempotency-Key'])).toEqual([KEY, KEY, KEY]);
    expect(sleeps).toEqual([1000, 2000]);
    expect(seen).toEqual(['1 not-sent', '2 not-sent', '3 accepted']);
    expect(r.ok && r.log.map((a) => a.message)).toEqual([
      'The intake could not be reached (connection refused); nothing was sent. Trying again.',
      'The intake could not be reached (no connection within 5 seconds); nothing was sent. Trying again.',
      'The intake accepted the package (HTTP 201).',
    ]);
  });

  it('gives up after 3 attempts that sent nothing, and says nothing arrived', async () => {
    const refused = () => new TransportError('network', 'connection refused', false);
    const { transport, requests } = scripted(refused(), refused(), refused(), { status: 200, statusText: 'OK' });
    const r = await uploadPackage(URL_, body, { ...base, transport });
    expect(requests).toHaveLength(3);
    expect(r).toMatchObject({
      ok: false,
      attempts: 3,
      retryable: true,
      mayHaveArrived: false,
      message: 'The intake could not be reached (connection refused); nothing was sent.',
    });
  });

  it('a failure before sending, then one after: stops, and says it may have arrived', async () => {
    const { transport, requests } = scripted(
      new TransportError('network', 'connection refused', false),
      { status: 502, statusText: '' },
      { status: 200, statusText: 'OK' },
    );
    const r = await uploadPackage(URL_, body, { ...base, transport });
    expect(requests).toHaveLength(2);
    expect(r).toMatchObject({ ok: false, attempts: 2, status: 502, mayHaveArrived: true });
    expect(r.log.map((a) => a.outcome)).toEqual(['not-sent', 'failed']);
  });

  it('does not retry a 4xx, and says what to check', async () => {
    const { transport, requests } = scripted({ status: 401, statusText: 'Unauthorized' });
    const r = await uploadPackage(URL_, body, { ...base, transport });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(r).toMatchObject({
      ok: false,
      attempts: 1,
      status: 401,
      retryable: false,
      mayHaveArrived: false,
      message: 'The intake refused the package (HTTP 401 Unauthorized): check the token.',
    });
  });

  it('a cancel is neither retried nor retryable', async () => {
    const { transport, requests } = scripted(new TransportError('aborted', 'aborted', false));
    const r = await uploadPackage(URL_, body, { ...base, transport });
    expect(requests).toHaveLength(1);
    expect(r).toMatchObject({ ok: false, retryable: false, message: 'The upload was cancelled.' });
  });
});

/** Just enough of XMLHttpRequest: records the request and lets the test finish it. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  timeout = 0;
  status = 0;
  statusText = '';
  sent: unknown;
  readonly headers: Record<string, string> = {};
  readyState = 1;
  readonly upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onreadystatechange: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(data: unknown): void {
    this.sent = data;
  }
}

describe('the XMLHttpRequest transport', () => {
  const make = () => makeXhrTransport(() => new FakeXhr() as unknown as XMLHttpRequest);
  const request = (progress: [number, number][] = []): UploadRequest => ({
    url: URL_,
    body,
    headers: { 'Content-Type': 'application/zip', Authorization: 'Bearer t' },
    timeoutMs: 1234,
    onProgress: (sent, total) => progress.push([sent, total]),
  });

  it('POSTs with the headers and timeout, reports upload progress, resolves with the status', async () => {
    const progress: [number, number][] = [];
    const pending = make()(request(progress));
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url, xhr.timeout]).toEqual(['POST', URL_, 1234]);
    expect(xhr.headers).toEqual({ 'Content-Type': 'application/zip', Authorization: 'Bearer t' });
    expect(xhr.sent).toBeInstanceOf(Blob);
    expect((xhr.sent as Blob).size).toBe(body.length);
    xhr.upload.onprogress!({ loaded: 3, total: 7, lengthComputable: true } as ProgressEvent);
    xhr.status = 204;
    xhr.statusText = 'No Content';
    xhr.onload!();
    await expect(pending).resolves.toEqual({ status: 204, statusText: 'No Content' });
    expect(progress).toEqual([[3, 7]]);
  });

  it('rejects with TransportError on error and timeout, nothing sent before any upload progress', async () => {
    const failed = make()(request());
    FakeXhr.last!.onerror!();
    await expect(failed).rejects.toMatchObject({ kind: 'network', bodySent: false });
    const late = make()(request());
    FakeXhr.last!.ontimeout!();
    await expect(late).rejects.toMatchObject({ kind: 'timeout', bodySent: false });
  });

  it('says the body left after upload progress, after the upload finished, or once headers came', async () => {
    const progressed = make()(request());
    FakeXhr.last!.upload.onprogress!({ loaded: 1, total: 7, lengthComputable: true } as ProgressEvent);
    FakeXhr.last!.ontimeout!();
    await expect(progressed).rejects.toMatchObject({ kind: 'timeout', bodySent: true });

    const uploaded = make()(request());
    FakeXhr.last!.upload.onload!();
    FakeXhr.last!.onerror!();
    await expect(uploaded).rejects.toMatchObject({ kind: 'network', bodySent: true });

    const answered = make()(request());
    FakeXhr.last!.readyState = 2;
    FakeXhr.last!.onreadystatechange!();
    FakeXhr.last!.onerror!();
    await expect(answered).rejects.toMatchObject({ kind: 'network', bodySent: true });

    // What Chromium does on a refused connection: OPENED straight to DONE, then error.
    const refused = make()(request());
    FakeXhr.last!.readyState = 4;
    FakeXhr.last!.onreadystatechange!();
    FakeXhr.last!.upload.onprogress!({ loaded: 0, total: 0, lengthComputable: false } as ProgressEvent);
    FakeXhr.last!.onerror!();
    await expect(refused).rejects.toMatchObject({ kind: 'network', bodySent: false });

    const zero = make()(request());
    FakeXhr.last!.upload.onprogress!({ loaded: 0, total: 7, lengthComputable: true } as ProgressEvent);
    FakeXhr.last!.onerror!();
    await expect(zero).rejects.toMatchObject({ kind: 'network', bodySent: false });
  });
});
