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

describe('uploadPackage', () => {
  it('POSTs the zip as application/zip with the bearer token, and reports progress', async () => {
    const { transport, requests } = scripted({ status: 201, statusText: 'Created' });
    const progress: number[] = [];
    const r = await uploadPackage(URL_, body, {
      transport,
      sleep,
      token: 's3cret',
      onProgress: (f) => progress.push(f),
    });
    expect(r).toEqual({ ok: true, status: 201, attempts: 1 });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: URL_,
      body,
      timeoutMs: 30_000,
      headers: { 'Content-Type': 'application/zip', Authorization: 'Bearer s3cret' },
    });
    expect(progress).toEqual([0, 0.5, 1, 1]);
  });

  it('sends no Authorization header without a token', async () => {
    const { transport, requests } = scripted({ status: 200, statusText: 'OK' });
    await uploadPackage(URL_, body, { transport, sleep, token: '' });
    expect(requests[0]!.headers).toEqual({ 'Content-Type': 'application/zip' });
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    const { transport, requests } = scripted(
      { status: 500, statusText: 'Internal Server Error' },
      { status: 200, statusText: 'OK' },
    );
    const retries: string[] = [];
    const r = await uploadPackage(URL_, body, { transport, sleep, onRetry: (n, why) => retries.push(`${n}: ${why}`) });
    expect(r).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
    expect(retries).toEqual(['2: The intake failed (HTTP 500 Internal Server Error).']);
  });

  it('retries network errors and timeouts, and gives up after 3 attempts', async () => {
    const { transport, requests } = scripted(
      new TransportError('network', 'connection refused'),
      new TransportError('timeout', 'timed out'),
      new TransportError('timeout', 'timed out'),
    );
    const r = await uploadPackage(URL_, body, { transport, sleep, timeoutMs: 5000 });
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    expect(r).toEqual({
      ok: false,
      attempts: 3,
      retryable: true,
      message: 'The intake did not answer within 5 seconds.',
    });
  });

  it('does not retry a 4xx, and says what to check', async () => {
    const { transport, requests } = scripted({ status: 401, statusText: 'Unauthorized' });
    const r = await uploadPackage(URL_, body, { transport, sleep });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(r).toEqual({
      ok: false,
      attempts: 1,
      status: 401,
      retryable: false,
      message: 'The intake refused the package (HTTP 401 Unauthorized): check the token.',
    });
  });

  it('gives up on a 5xx after the last attempt', async () => {
    const { transport } = scripted(
      { status: 503, statusText: '' },
      { status: 502, statusText: '' },
      { status: 500, statusText: '' },
    );
    const r = await uploadPackage(URL_, body, { transport, sleep });
    expect(r).toMatchObject({ ok: false, attempts: 3, status: 500, retryable: true });
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
  readonly upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
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

  it('rejects with TransportError on error and timeout', async () => {
    const failed = make()(request());
    FakeXhr.last!.onerror!();
    await expect(failed).rejects.toMatchObject({ kind: 'network' });
    const late = make()(request());
    FakeXhr.last!.ontimeout!();
    await expect(late).rejects.toMatchObject({ kind: 'timeout' });
  });
});
