/**
 * Submit, end to end in headless Chromium on the harness (issue 5): blocked by errors, fixed,
 * submitted; the download captured, unzipped and every part checked; uploads to a local HTTPS
 * intake (self-signed certificate: Chromium runs with --ignore-certificate-errors here) that
 * succeeds, answers 502 (not sent again until "Retry upload", with the same Idempotency-Key), or
 * never answers (one attempt: the body was sent, so it is not sent again), and an address where
 * nothing listens (retried by itself: nothing left).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PACKAGE_FILES, verifyPackage } from '../../src/core/package';
import {
  BUILD_TIMEOUT_MS,
  CHROMIUM_ARGS,
  openHarness,
  startE2E,
  UI_TIMEOUT_MS,
  type E2E,
  type HarnessPage,
} from './harness';

jest.setTimeout(60_000);

// The intake's certificate is self-signed. Only this test file's browser gets the flag (each
// jest test file has its own module registry, so the shared list is not changed for others).
CHROMIUM_ARGS.push('--ignore-certificate-errors');

interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly body: Buffer;
}

/** A local HTTPS intake: /ok answers 201, /flaky 502 then 201, /hang never answers. CORS for any origin. */
async function startIntake(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'msp-intake-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  const received: Received[] = [];
  const hits = new Map<string, number>();
  const server: Server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization, Idempotency-Key',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const p = new URL(req.url ?? '/', 'https://x').pathname;
      received.push({
        path: p,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body: Buffer.concat(chunks),
      });
      const n = (hits.get(p) ?? 0) + 1;
      hits.set(p, n);
      if (p === '/hang') return; // never answers
      if (p === '/flaky' && n === 1) res.writeHead(502, cors).end('bad gateway');
      else res.writeHead(201, cors).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let e2e: E2E | undefined;
let intake: Awaited<ReturnType<typeof startIntake>> | undefined;
beforeAll(async () => {
  intake = await startIntake();
  e2e = await startE2E();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await e2e?.close();
  await intake?.close();
});

const started = (): E2E => {
  if (!e2e) throw new Error('E2E did not start (see beforeAll)');
  return e2e;
};

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The example workbook, loaded, on the Submit tab. */
async function exampleOnSubmit(): Promise<HarnessPage> {
  const h = await openHarness(started());
  await h.page.getByRole('button', { name: 'Load example' }).click();
  await h.openPaneTab('Submit');
  await h.pane.getByRole('button', { name: 'Submit to Spot' }).waitFor();
  return h;
}

async function setIntake(h: HarnessPage, url: string, token: string): Promise<void> {
  const details = h.pane.locator('details').filter({ hasText: 'Advanced: upload settings (optional)' });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await h.pane.getByText('Advanced: upload settings (optional)').click();
  await h.pane.getByLabel('Intake address').fill(url);
  await h.pane.getByLabel('Access token').fill(token);
  await h.clickButton('Save upload settings');
  await h.pane.getByText('Saved.').waitFor();
}

/** Clicks the save link of `fileName` (or the first) and returns the downloaded file. */
async function download(h: HarnessPage, name: RegExp): Promise<{ fileName: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([h.page.waitForEvent('download'), h.pane.getByRole('link', { name }).click()]);
  const at = await file.path();
  return { fileName: file.suggestedFilename(), bytes: new Uint8Array(await readFile(at)) };
}

describe('Submit', () => {
  it('is blocked by errors; once fixed, gives a package whose every part checks, logged in the workbook', async () => {
    const h = await exampleOnSubmit();
    await h.typeInCell('Accounts', 'C4', '1234');
    await h.clickButton('Submit to Spot');
    await h.pane.getByText(/Not submitted: 1 error to fix/).waitFor({ timeout: UI_TIMEOUT_MS });
    const errors = h.pane.getByRole('list', { name: 'Errors that block submission' });
    await expect(errors.innerText()).resolves.toContain('Accounts!C4');
    expect(await h.pane.getByRole('link', { name: /^Save / }).count()).toBe(0);

    await h.typeInCell('Accounts', 'C4', '000731948265');
    await h.clickButton('Submit to Spot');
    const link = h.pane.getByRole('link', { name: /^Save .*\.zip$/ });
    await link.waitFor({ timeout: UI_TIMEOUT_MS });
    const first = await download(h, /^Save .*\.zip$/);
    expect(first.fileName).toMatch(/^[a-z0-9-]+-\d{12}-\d{4}-\d\d-\d\d\.zip$/);

    // Every part: the five entries in order, verify's checks, and what the manifest says.
    const entries = unzipSync(first.bytes);
    expect(Object.keys(entries)).toEqual([...PACKAGE_FILES]);
    const verified = await verifyPackage(first.bytes);
    expect(verified.problems).toEqual([]);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as {
      workbookSource: string;
      tool: { name: string };
    };
    expect(manifest.workbookSource).toBe('rebuilt-from-values');
    expect(manifest.tool.name).toBe('msp-enroll');
    const enrollment = JSON.parse(Buffer.from(entries['enrollment.json']!).toString('utf8')) as {
      accounts: { accountId: string }[];
    };
    expect(enrollment.accounts.map((a) => a.accountId)).toContain('000731948265');
    expect(Buffer.from(entries['ticket.txt']!).toString('utf8')).toMatch(/^Spot MSP enrollment: /);
    expect([...entries['workbook.xlsx']!.subarray(0, 2)]).toEqual([0x50, 0x4b]);

    // The Submission Log row: the package's SHA-256, destination "saved".
    await h.pane.getByText(/Recorded in row 2 of the "Submission Log" sheet/).waitFor({ timeout: UI_TIMEOUT_MS });
    await h.showSheet('Submission Log');
    expect(await h.cellText('Submission Log', 'B2')).toBe(sha256(first.bytes));
    expect(await h.cellText('Submission Log', 'H2')).toBe('saved');

    // Twice: a second package with its own name, a second row, the first row unchanged.
    await h.clickButton('Submit to Spot');
    const secondName = first.fileName.replace(/\.zip$/, '-2.zip');
    await h.pane.getByRole('link', { name: `Save ${secondName}` }).waitFor({ timeout: UI_TIMEOUT_MS });
    const second = await download(h, new RegExp(`^Save ${secondName.replace(/[.]/g, '\\.')}$`));
    expect(second.fileName).toBe(secondName);
    await h.pane.getByText(/Recorded in row 3/).waitFor({ timeout: UI_TIMEOUT_MS });
    await h.showSheet('Submission Log');
    expect(await h.cellText('Submission Log', 'B2')).toBe(sha256(first.bytes));
    expect(await h.cellText('Submission Log', 'B3')).toBe(sha256(second.bytes));
    await h.expectNoCspViolations();
  });

  it('uploads to an HTTPS intake with the token and the package’s SHA-256 as Idempotency-Key', async () => {
    const h = await exampleOnSubmit();
    const server = intake!;
    await setIntake(h, `${server.url}/ok?key=secret`, 'tok-e2e');
    await h.clickButton('Submit to Spot');
    await h.pane.getByText(/received the package/).waitFor({ timeout: UI_TIMEOUT_MS });
    const ok = server.received.filter((r) => r.path === '/ok');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.authorization).toBe('Bearer tok-e2e');
    expect(ok[0]!.contentType).toBe('application/zip');
    expect(ok[0]!.idempotencyKey).toBe(sha256(ok[0]!.body));
    expect((await verifyPackage(new Uint8Array(ok[0]!.body))).problems).toEqual([]);
    await h.showSheet('Submission Log');
    expect(await h.cellText('Submission Log', 'B2')).toBe(sha256(ok[0]!.body));
    expect(await h.cellText('Submission Log', 'H2')).toBe(`${server.url}/ok`);
    await h.expectNoCspViolations();
  });

  it('a 502 is delivered once; "Retry upload" sends it once more with the same key; each attempt said', async () => {
    const h = await exampleOnSubmit();
    const server = intake!;
    await setIntake(h, `${server.url}/flaky`, '');
    await h.clickButton('Submit to Spot');
    await h.pane.getByText('Upload failed').waitFor({ timeout: UI_TIMEOUT_MS });
    await h.pane
      .getByText(/HTTP 502 Bad Gateway\) after the package was sent, so it may have arrived/)
      .first()
      .waitFor();
    // The old pane sent it again 1 s and 3 s later: wait past that.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(server.received.filter((r) => r.path === '/flaky')).toHaveLength(1);
    await h.clickButton('Retry upload');
    await h.pane.getByText(/received the package/).waitFor({ timeout: UI_TIMEOUT_MS });
    const flaky = server.received.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(2);
    expect(flaky[1]!.authorization).toBeUndefined();
    expect(flaky.map((r) => r.idempotencyKey)).toEqual([sha256(flaky[0]!.body), sha256(flaky[0]!.body)]);
    expect(flaky[1]!.body.equals(flaky[0]!.body)).toBe(true);
    const attempts = h.pane.getByRole('list', { name: /^Upload attempts of / });
    expect(await attempts.getByRole('listitem').allTextContents()).toEqual([
      'Attempt 1: The intake failed (HTTP 502 Bad Gateway) after the package was sent, so it may have arrived; it was not sent again.',
      'Attempt 2: The intake accepted the package (HTTP 201).',
    ]);
    await h.expectNoCspViolations();
  });

  it('retries by itself an address where nothing listens (nothing left), and says so', async () => {
    const h = await exampleOnSubmit();
    // A port that was just free: connection refused, before any byte of the body.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await setIntake(h, `https://127.0.0.1:${port}/intake`, '');
    await h.clickButton('Submit to Spot');
    await h.pane.getByText('Upload failed').waitFor({ timeout: UI_TIMEOUT_MS });
    const attempts = h.pane.getByRole('list', { name: /^Upload attempts of / });
    const lines = await attempts.getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.includes('nothing was sent'))).toBe(true);
    expect(await h.pane.getByText(/may already have it/).count()).toBe(0);
  });

  it('says so when the intake never answers, sends it once, and keeps the package to save', async () => {
    const h = await exampleOnSubmit();
    await setIntake(h, `${intake!.url}/hang`, '');
    await h.clickButton('Submit to Spot');
    // One attempt of 30 s: the body was sent, so it is not sent again by itself.
    await h.pane.getByText('Upload failed').waitFor({ timeout: 60_000 });
    await h.pane
      .getByText(/did not answer within 30 seconds, so it may have arrived; it was not sent again\. Nothing is lost/)
      .waitFor();
    const saved = await download(h, /^Save .*\.zip$/);
    expect((await verifyPackage(saved.bytes)).problems).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(intake!.received.filter((r) => r.path === '/hang')).toHaveLength(1);
    await h.pane.getByRole('button', { name: 'Retry upload' }).waitFor();
    await h.expectNoCspViolations();
  }, 90_000);
});
