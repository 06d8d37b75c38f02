/**
 * Shared helpers for the end-to-end tests: a webpack build of the pages, a static server over it,
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core; never a downloaded
 * browser), and the harness page driven the way a person would: by roles, names and keys.
 *
 * A test file does:
 *
 *   let e2e: E2E;
 *   beforeAll(async () => { e2e = await startE2E(); }, BUILD_TIMEOUT_MS);
 *   afterAll(() => e2e?.close());
 *   it('...', async () => {
 *     const h = await openHarness(e2e);
 *     await h.clickButton('Build sheets');
 *     await h.typeInCell('Accounts', 'C2', '1234');
 *     await h.waitForFinding('Accounts', 'C2');
 *     h.expectNoCspViolations();
 *   });
 *
 * The build is made once per source state: its directory under .cache/e2e/ is named by a hash of
 * src/, webpack.config.js and package-lock.json, so parallel test files (and later runs with the
 * same sources) share it; a lock directory keeps two workers from building at once.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const run = promisify(execFile);

export const ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for a quiet, offline, reproducible headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** For beforeAll: the first build of the pages takes 15-40 s. */
export const BUILD_TIMEOUT_MS = 150_000;
/** Waits for the page's own reactions (validation after an edit is debounced). */
export const UI_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Build

function hashSources(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(file).update(readFileSync(file));
    }
  };
  walk(path.join(ROOT, 'src'));
  // scripts/office-client*.js: the webpack loader of Microsoft's Excel client (the harness's host);
  // scripts/deployment.js: the build's deployment values.
  for (const f of [
    'webpack.config.js',
    'package-lock.json',
    'tsconfig.json',
    'manifest.xml',
    'scripts/deployment.js',
    'scripts/office-client.js',
    'scripts/office-client-loader.js',
  ]) {
    const file = path.join(ROOT, f);
    if (existsSync(file)) hash.update(f).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes builds of other source states untouched for an hour (the cache would only grow). */
async function pruneBuilds(cache: string, keep: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of await fs.readdir(cache)) {
    const dir = path.join(cache, name);
    if (dir === keep || name.endsWith('.lock')) continue;
    const stat = await fs.stat(dir).catch(() => null);
    if (stat && stat.mtimeMs < hourAgo) await fs.rm(dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A development build of every page (webpack --mode development), made once per source state.
 * @returns the directory holding harness.html, taskpane.html and their scripts
 */
export async function buildPages(mode: 'development' | 'production' = 'development'): Promise<string> {
  const dir = path.join(ROOT, '.cache', 'e2e', `${mode}-${hashSources()}`);
  const lock = `${dir}.lock`;
  const started = Date.now();
  await fs.mkdir(path.dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(path.join(dir, 'harness.html'))) return dir;
    try {
      await fs.mkdir(lock);
      break; // ours to build
    } catch {
      // Another worker builds it; a lock older than the timeout is a crashed build's.
      const age = Date.now() - (await fs.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > BUILD_TIMEOUT_MS) await fs.rm(lock, { recursive: true, force: true });
      if (Date.now() - started > BUILD_TIMEOUT_MS) throw new Error(`E2E: timed out waiting for the build in ${dir}`);
      await sleep(500);
    }
  }
  try {
    const tmp = `${dir}.tmp`;
    await fs.rm(tmp, { recursive: true, force: true });
    const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
    try {
      await run(process.execPath, [webpack, '--mode', mode, '--output-path', tmp], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        // A production build needs every deployment value (scripts/deployment.js); these name a
        // test deployment. The pages are served from 127.0.0.1 whatever the manifest says.
        env: {
          ...process.env,
          ...(mode === 'production'
            ? {
                ADDIN_PUBLIC_URL: 'https://msp-enroll.test/',
                ADDIN_PROVIDER_NAME: 'E2E test build',
                ADDIN_SUPPORT_URL: 'https://msp-enroll.test/support',
                ADDIN_INTAKE_ORIGINS: 'https://127.0.0.1:*',
              }
            : { ADDIN_PUBLIC_URL: '', ADDIN_INTAKE_ORIGINS: '' }),
        },
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`E2E: webpack failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}`);
    }
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(tmp, dir);
    await pruneBuilds(path.dirname(dir), dir);
    return dir;
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `read` until it returns `expected` (Object.is), failing with the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!Object.is(last, expected)) {
    if (Date.now() > end) throw new Error(`until: expected ${String(expected)}, still ${String(last)}`);
    await sleep(50);
    last = await read();
  }
}

// ---------------------------------------------------------------------------------------------
// Static server

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` on http://127.0.0.1:<free port>/ (GET only, no directory listings). */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  // The built task pane's policy (its <meta>, with the build's intake origins), sent as a header
  // on every file as the dev server does: a Web Worker (preview-worker.js) is held to its own
  // response's policy, not to the page's <meta>.
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
    readFileSync(path.join(root, 'taskpane.html'), 'utf8'),
  );
  if (meta === null) throw new Error(`E2E: ${dir}/taskpane.html has no Content-Security-Policy`);
  const policy = meta[1]!;
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.resolve(root, `.${pathname}`);
    if (req.method !== 'GET' || !file.startsWith(root + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    fs.readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': policy,
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

/**
 * Headless Chromium with a fresh profile. Fails (never skips) when Chromium is missing: CI
 * installs it (.ci/run); locally, `apt-get install chromium`.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `E2E: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium; .ci/run does) ` +
        'or set CHROMIUM_PATH. The tests never download a browser.',
    );
  }
  const profile = await fs.mkdtemp(path.join(tmpdir(), 'msp-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

export interface E2E {
  /** Base URL of the served build (ends with '/'). */
  readonly url: string;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Build (or reuse), serve, and launch: for a test file's beforeAll (timeout BUILD_TIMEOUT_MS). */
export async function startE2E(): Promise<E2E> {
  const browser = await launchChromium(); // first: a missing Chromium fails before the build
  try {
    const server = await serveStatic(await buildPages());
    return {
      url: server.url,
      context: browser.context,
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The harness page

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

/**
 * Violations that are known and harmless, each with its reason. Zod 4 probes once whether eval
 * works (`new Function("")` in a try/catch, to pick its faster object parser); under our CSP the
 * probe is refused and reported, and zod falls back to its plain parser. `z.config({ jitless:
 * true })` in the core would remove the probe (reported to the lead; src/core is not ours).
 */
export const KNOWN_CSP_VIOLATIONS: readonly ((v: CspViolation) => boolean)[] = [
  (v) => v.directive === 'script-src' && v.blocked === 'eval' && /zod/.test(v.source),
];

/** The page, with what it reported: CSP violations, console errors and uncaught exceptions. */
export class HarnessPage {
  readonly cspViolations: CspViolation[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** The task pane (beside the grid). */
  get pane(): Locator {
    return this.page.locator('#pane');
  }

  /** The grid of the sheet shown. */
  get grid(): Locator {
    return this.page.getByRole('grid');
  }

  /**
   * A cell of the grid by sheet and address; the sheet must be the one shown. (A cell's
   * accessible name is "Accounts B3, <its text>[ (error mark)]", or "Accounts B3" when empty.)
   */
  cell(sheet: string, address: string): Locator {
    return this.page.getByRole('gridcell', { name: new RegExp(`^${escapeRegExp(`${sheet} ${address}`)}(,|$)`) });
  }

  /** Shows a sheet by its tab. */
  async showSheet(sheet: string): Promise<void> {
    const tab = this.page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: sheet, exact: true });
    await tab.click();
    await tab.waitFor();
    await this.grid.and(this.page.getByLabel(`Sheet ${sheet}`, { exact: true })).waitFor();
  }

  /** Selects a cell with a click, types `text` (starting an edit) and commits it with Enter. */
  async typeInCell(sheet: string, address: string, text: string): Promise<void> {
    await this.showSheet(sheet);
    const cell = this.cell(sheet, address);
    await cell.click();
    await cell.press('F2');
    const input = this.page.getByRole('textbox', { name: `Edit ${sheet} ${address}`, exact: true });
    await input.fill(text);
    await input.press('Enter');
    await input.waitFor({ state: 'detached' });
  }

  /** The text a cell shows (its display text: not the hidden address or mark note). */
  async cellText(sheet: string, address: string): Promise<string> {
    return this.cell(sheet, address).locator('[data-text]').innerText();
  }

  /** Whether the cell carries a mark, and of which kind. */
  async cellMark(sheet: string, address: string): Promise<'error' | 'warning' | 'marked' | null> {
    const title = (await this.cell(sheet, address).getAttribute('title')) ?? '';
    const m = /\((error|warning|marked) mark\)$/.exec(title);
    return (m?.[1] as 'error' | 'warning' | 'marked' | undefined) ?? null;
  }

  /** Clicks a button of the pane by its accessible name. */
  async clickButton(name: string | RegExp): Promise<void> {
    await this.pane.getByRole('button', { name, exact: typeof name === 'string' }).click();
  }

  /** Opens a tab of the pane ("Set up", "Validate", "Submit"). */
  async openPaneTab(name: string): Promise<void> {
    await this.pane.getByRole('tab', { name, exact: true }).click();
  }

  /** The findings listed in the pane, as "Sheet!A1" (from their "Go to" buttons), in order. */
  async findings(): Promise<string[]> {
    const labels = await this.pane
      .getByRole('button', { name: /^Go to / })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/^Go to /, ''));
  }

  /** The "Go to" button of the (first) finding listed at a cell. */
  findingLink(sheet: string, address: string): Locator {
    return this.pane.getByRole('button', { name: `Go to ${sheet}!${address}`, exact: true }).first();
  }

  /** Waits until the pane lists a finding at the cell. */
  async waitForFinding(sheet: string, address: string): Promise<void> {
    await this.findingLink(sheet, address).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Waits until the pane lists no finding at the cell. */
  async waitForNoFinding(sheet: string, address: string): Promise<void> {
    await this.findingLink(sheet, address).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }

  /** The pane's validation summary (the polite status line). */
  summary(): Locator {
    return this.pane.getByRole('status').first();
  }

  /** Runs axe-core on `selector` (the page when omitted); returns the violations of the impacts given. */
  async axe(selector?: string, impacts: readonly string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
    // page.evaluate runs outside the page's CSP (a <script> tag would be blocked by it, rightly).
    const source = await fs.readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    await this.page.evaluate(source);
    const violations = await this.page.evaluate(async (context: string | null) => {
      const axe = (window as unknown as { axe: AxeApi }).axe;
      // Tabster's (Fluent UI's focus manager) aria-hidden focus sentinels: they pass focus on the
      // moment they get it, and axe's aria-hidden-focus flags them (a known false positive).
      const result = await axe.run(
        { include: [[context ?? 'html']], exclude: [['[data-tabster-dummy]']] },
        { resultTypes: ['violations'] },
      );
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      }));
    }, selector ?? null);
    return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
  }

  /** Fails with the list when the page reported a CSP violation (not a KNOWN_ one) or an uncaught exception. */
  async expectNoCspViolations(): Promise<void> {
    const fromPage = await this.page.evaluate(
      () => (window as unknown as { __cspViolations?: CspViolation[] }).__cspViolations ?? [],
    );
    const unknown = fromPage.filter((v) => !KNOWN_CSP_VIOLATIONS.some((known) => known(v)));
    const all = unknown.map((v) => `${v.directive} blocked ${v.blocked || 'inline'} (from ${v.source})`);
    if (all.length > 0) throw new Error(`CSP violations:\n${all.join('\n')}`);
    if (this.pageErrors.length > 0) throw new Error(`Uncaught errors:\n${this.pageErrors.join('\n')}`);
  }
}

interface AxeApi {
  run(
    context: { include: string[][]; exclude: string[][] },
    options: { resultTypes: string[] },
  ): Promise<{
    violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[];
  }>;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Opens harness.html in a new page, with CSP violations recorded from the first script on, and
 * waits until both the grid and the pane are there.
 */
export async function openHarness(e2e: E2E): Promise<HarnessPage> {
  const page = await e2e.context.newPage();
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string; source: string }[] = [];
    (window as unknown as { __cspViolations: typeof seen }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }),
    );
  });
  const harness = new HarnessPage(page);
  await page.goto(`${e2e.url}harness.html`);
  await harness.grid.waitFor();
  await harness.pane.getByRole('button', { name: 'Build sheets', exact: true }).waitFor();
  return harness;
}

/**
 * One E2E per test file: started in `beforeAll` (building the pages when needed), closed in
 * `afterAll`. Returns the accessor the tests call.
 */
export function e2eSuite(): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E();
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (!e2e) throw new Error('E2E did not start (see beforeAll)');
    return e2e;
  };
}
