#!/usr/bin/env node
// `npm run bench:addin`: the add-in's figures (docs/harness.md).
//
//  (a) validate-in-place on 10,000 and 50,000 accounts over the in-memory Excel host (Microsoft's
//      Office.js client, src/in-memory-excel): syncs, largest request and response (UTF-8 bytes of
//      the JSON bodies) and milliseconds, in Node (validateInPlace directly), and for 10,000 in
//      headless Chromium (the real pane in the harness, from the Validate click to the summary).
//  (c) validate-in-place on 50,000 accounts with a 250-character notes column (issue 9): syncs,
//      largest request and response on the wire, time; then, after the user types one fix, the
//      automatic re-validation: its undo records (the add-in's, on the host's undo stack).
//  (b) the task pane's first load: the JavaScript taskpane.html loads (gzip), and the time until
//      the pane shows its first button, in headless Chromium with office.js stubbed (page.route
//      at the CDN URL), median of RUNS fresh-profile loads; beside the anchor figures of
//      Microsoft's React task-pane template.
//  (c) the Preview tab (issue 13), benchPreview: a generated 10^6-row Parquet CUR
//      (bench-out/preview-1000000.parquet, made by `npm run bench:preview` when missing) picked in
//      the harness with the example loaded; time from the Preview click to the results shown,
//      the longest main-thread task meanwhile (PerformanceObserver 'longtask'), the Preview
//      chunk's and the worker file's size gzip, and whether any initial script holds Preview code.
//      BENCH_PREVIEW_ONLY=1: this part alone; BENCH_NO_PREVIEW=1: without it.
//
// Builds the pages in production mode into .cache/e2e/ (shared with the E2E tests' builder).
// TypeScript sources (the host, the E2E helpers) are loaded through typescript's transpiler.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCOUNTS = 10_000;
/** Validate-in-place sizes measured in Node (the harness in Chromium: ACCOUNTS). */
const ACCOUNT_COUNTS = [ACCOUNTS, 50_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
// BENCH_NODE_ONLY=1: only the Node figures of (a).
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const ANCHOR = { gzipKiB: 169, firstButtonMs: '450-500' };

// Load .ts/.tsx through the TypeScript transpiler (types are checked by `npm run typecheck`).
require('./ts-require');

// The in-memory host imports Microsoft's Excel client library as a module of `window`: the same
// wrapping as jest's transform and webpack's loader (scripts/office-client.js).
{
  const { OFFICE_CLIENT_FILE, loadOfficeClient } = require('./office-client');
  const factory = loadOfficeClient();
  const m = new module.constructor(OFFICE_CLIENT_FILE, module);
  Object.assign(m, { filename: OFFICE_CLIENT_FILE, loaded: true, exports: factory });
  require.cache[OFFICE_CLIENT_FILE] = m;
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Syncs, and the largest and mean request and response of a run (UTF-8 bytes of the JSON bodies). */
function syncFigures(stats) {
  const req = stats.records.map((r) => r.requestBytes);
  const res = stats.records.map((r) => r.responseBytes);
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    syncs: stats.syncs,
    request: { max: Math.max(0, ...req), mean: mean(req) },
    response: { max: Math.max(0, ...res), mean: mean(res) },
  };
}

function printSync(label, f, ms, error = null) {
  console.log(
    `  ${label.padEnd(34)} ${String(f.syncs).padStart(3)} syncs  ` +
      `largest request ${kib(f.request.max)} (mean ${kib(f.request.mean)})  ` +
      `largest response ${kib(f.response.max)} (mean ${kib(f.response.mean)})  ${ms.toFixed(0)} ms` +
      (error ? `  REFUSED: ${error}` : ''),
  );
}

/** Example workbook plus ACCOUNTS accounts, every `every`th ID broken (so there are marks to write). */
function fillWorkbook(host, example, accounts, every = 10) {
  for (const [name, rows] of Object.entries(example)) {
    const s = host.model.sheet(name) ?? host.model.addSheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = s.ensure(r, c);
        if (typeof v === 'string' && /^\d{12}$/.test(v)) cell.numberFormat = '@';
        cell.value = v;
      }),
    );
  }
  const s = host.model.sheet('Accounts');
  const first = example.Accounts.length;
  for (let i = 0; i < accounts; i++) {
    const r = first + i;
    Object.assign(s.ensure(r, 0), { value: `Account ${i}` });
    Object.assign(s.ensure(r, 1), { value: `aws-${i}@example.com` });
    Object.assign(s.ensure(r, 2), { value: i % every === 0 ? 'x' : String(100000000000 + i), numberFormat: '@' });
    Object.assign(s.ensure(r, 3), { value: 'Subset 1' });
  }
}

/** validateInPlace on `accounts` accounts in Node: figures of the last of `runs` runs, median time. */
async function benchNode(accounts, runs) {
  const { createMemoryExcel, install } = require('../src/in-memory-excel');
  const { validateInPlace } = require('../src/excel/in-place');
  const { EXAMPLE } = require('../src/harness/seed');
  const times = [];
  let figures;
  let error = null;
  for (let run = 0; run < runs; run++) {
    const host = createMemoryExcel();
    install(host);
    fillWorkbook(host, EXAMPLE, accounts);
    host.resetStats();
    const t0 = performance.now();
    try {
      await Excel.run((context) => validateInPlace(context));
    } catch (e) {
      // A refusal is a figure too: which code, at which sync.
      error = `${e.code ?? e.message} at sync ${host.stats.syncs}`;
    }
    times.push(performance.now() - t0);
    figures = syncFigures(host.stats);
  }
  return { figures, ms: median(times), error };
}

const LONG_ACCOUNTS = 50_000;
const NOTE = `Überweisung "monatlich" – ${'é'.repeat(100)}${'x'.repeat(250)}`.slice(0, 250);

/**
 * (c): 50,000 accounts with a notes column, one ID in a hundred broken (500 findings, under the
 * 1,000 marks a run writes), a run the user asks for, then one fix and the automatic run.
 */
async function benchLongText() {
  const { createMemoryExcel, install } = require('../src/in-memory-excel');
  const { validateInPlace } = require('../src/excel/in-place');
  const { EXAMPLE } = require('../src/harness/seed');
  const host = createMemoryExcel();
  install(host);
  fillWorkbook(host, EXAMPLE, LONG_ACCOUNTS, 100);
  const s = host.model.sheet('Accounts');
  s.enter(0, 4, 'Notes');
  for (let r = 1; r < EXAMPLE.Accounts.length + LONG_ACCOUNTS; r++) s.ensure(r, 4).value = NOTE;
  host.resetStats();
  let t0 = performance.now();
  const first = await Excel.run((context) => validateInPlace(context, { tidy: true }));
  const full = { figures: syncFigures(host.stats), ms: performance.now() - t0, marked: first.marked };
  // The user fixes one broken ID (account 100's).
  const row = EXAMPLE.Accounts.length + 100;
  host.type('Accounts', `C${row + 1}`, String(100000000000 + 100));
  const undoBefore = host.undo.count;
  host.resetStats();
  t0 = performance.now();
  const again = await Excel.run({ delayForCellEdit: true }, (context) => validateInPlace(context, { tidy: false }));
  const auto = { figures: syncFigures(host.stats), ms: performance.now() - t0 };
  const records = host.undo.records.slice(undoBefore).filter((r) => r.by === 'addin').length;
  const top = host.undo.records.at(-1);
  return { full, auto, records, changes: again.markChanges, topIsUsers: top?.by === 'user' };
}

async function benchHarness(e2e) {
  const page = await e2e.context.newPage();
  await page.goto(`${e2e.url}harness.html`);
  await page.getByRole('button', { name: 'Build sheets', exact: true }).waitFor();
  const { EXAMPLE } = require('../src/harness/seed');
  await page.evaluate(
    ({ example, accounts, fill }) => {
      const { host, changes } = window.mspHarness;
      new Function('host', 'example', 'accounts', `(${fill})(host, example, accounts)`)(host, example, accounts);
      changes.bump();
      host.resetStats();
    },
    { example: EXAMPLE, accounts: ACCOUNTS, fill: fillWorkbook.toString() },
  );
  const pane = page.locator('#pane');
  await pane.getByRole('tab', { name: 'Validate', exact: true }).click();
  const button = pane.getByRole('button', { name: 'Validate', exact: true });
  await button.waitFor();
  await page.evaluate(() => window.mspHarness.host.resetStats());
  const t0 = Date.now();
  await button.click();
  await pane
    .getByText(/\d+ errors?,/)
    .first()
    .waitFor({ timeout: 120_000 });
  const ms = Date.now() - t0;
  const stats = await page.evaluate(() => {
    const s = window.mspHarness.host.stats;
    return { syncs: s.syncs, records: s.records.map((r) => ({ ...r })) };
  });
  await page.close();
  return { figures: syncFigures(stats), ms };
}

/** The scripts taskpane.html loads itself (office.js aside), and their gzip sizes. */
function initialScripts(dir) {
  const html = fs.readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1])
    .filter((s) => !/^https?:/.test(s));
  return srcs.map((src) => {
    const body = fs.readFileSync(path.join(dir, src));
    return { src, raw: body.length, gzip: zlib.gzipSync(body).length };
  });
}

const OFFICE_STUB = `window.Office = {
  HostType: { Excel: 'Excel' },
  context: { officeTheme: undefined, requirements: { isSetSupported: function () { return true; } } },
  onReady: function (cb) { var info = { host: 'Excel', platform: 'OfficeOnline' }; if (cb) cb(info); return Promise.resolve(info); }
};`;

async function firstLoad(launchChromium, url) {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: OFFICE_STUB }),
    );
    const bodies = [];
    page.on('response', (res) => {
      if (/\.js$/.test(new URL(res.url()).pathname) && res.url().startsWith(url)) {
        bodies.push(
          res.body().then(
            (b) => zlib.gzipSync(b).length,
            () => 0,
          ),
        );
      }
    });
    await page.addInitScript(() => {
      const seen = () => {
        for (const b of document.querySelectorAll('button')) {
          if (b.textContent === 'Build sheets') return true;
        }
        return false;
      };
      new MutationObserver((_, observer) => {
        if (seen()) {
          window.__firstButton = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${url}taskpane.html`);
    await page.getByRole('button', { name: 'Build sheets', exact: true }).waitFor();
    const ms = await page.evaluate(() => window.__firstButton);
    const jsBytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    return { ms, jsBytes };
  } finally {
    await browser.close();
  }
}

/** (c) The Preview tab on a 10^6-row Parquet CUR in the harness (issue 13). */
async function benchPreview(dir, url, launchChromium) {
  const file = path.join(__dirname, '..', 'bench-out', 'preview-1000000.parquet');
  if (!fs.existsSync(file)) {
    console.log('  generating bench-out/preview-1000000.parquet (node scripts/bench-preview.js)…');
    require('node:child_process').execFileSync(
      process.execPath,
      [path.join(__dirname, 'bench-preview.js'), '--sizes', '1000000', '--formats', 'parquet'],
      { stdio: 'inherit' },
    );
  }
  const gz = (name) => zlib.gzipSync(fs.readFileSync(path.join(dir, name))).length;
  const chunk = fs.readdirSync(dir).find((f) => /^preview\.[0-9a-f]+\.js$|^preview\.js$/.test(f));
  const initial = initialScripts(dir).filter((s) =>
    fs.readFileSync(path.join(dir, s.src), 'utf8').includes('Write preview to a sheet'),
  );
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${url}harness.html`);
    await page.getByRole('button', { name: 'Load example' }).click();
    const pane = page.locator('#pane');
    await pane.getByRole('tab', { name: 'Preview', exact: true }).click();
    await pane.getByTestId('cur-files').setInputFiles(file);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await pane.getByRole('button', { name: 'Preview', exact: true }).click();
    await pane.getByTestId('preview-total').waitFor({ timeout: 600_000 });
    const ms = Date.now() - t0;
    const longest = await page.evaluate(() => window.__longest);
    const total = await pane.getByTestId('preview-total').textContent();
    console.log(
      `  ${'Preview click to results shown'.padEnd(44)} ${`${ms} ms`.padStart(12)}   target <= 5000 ms  ${ms <= 5000 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  ${'longest main-thread task meanwhile'.padEnd(44)} ${(longest === 0 ? 'none >= 50 ms' : `${longest.toFixed(0)} ms`).padStart(12)}   target <= 100 ms   ${longest <= 100 ? 'met' : 'MISSED'}`,
    );
    // The Long Tasks API reports only tasks of 50 ms or more.
    console.log(`  (${total}; long tasks are those of 50 ms or more)`);
  } finally {
    await browser.close();
  }
  console.log(
    `  ${'Preview chunk (gzip)'.padEnd(44)} ${(chunk ? kib(gz(chunk)) : 'missing').padStart(12)}   ${chunk ?? ''}`,
  );
  console.log(`  ${'worker file preview-worker.js (gzip)'.padEnd(44)} ${kib(gz('preview-worker.js')).padStart(12)}`);
  console.log(
    `  ${'initial scripts holding Preview code'.padEnd(44)} ${String(initial.length).padStart(12)}   ${initial.length === 0 ? 'none: the first load does not grow' : initial.map((s) => s.src).join(', ')}`,
  );
}

async function main() {
  if (process.env.BENCH_NODE_ONLY === '1') {
    // The Node figures of (a) alone: no build, no browser.
    for (const accounts of ACCOUNT_COUNTS) {
      const node = await benchNode(accounts, 1);
      printSync(`Node, ${accounts.toLocaleString('en')} accounts`, node.figures, node.ms, node.error);
    }
    return;
  }
  const { buildPages, serveStatic, launchChromium } = require('../test/e2e/harness');
  console.log('bench:addin — building the pages (webpack --mode production, cached in .cache/e2e/)…');
  const dir = await buildPages('production');
  if (process.env.BENCH_PREVIEW_ONLY === '1') {
    // Part (c) alone (issue 13).
    const server = await serveStatic(dir);
    try {
      console.log('\n(c) the Preview tab, headless Chromium harness, example workbook, 10^6-row Parquet CUR');
      await benchPreview(dir, server.url, launchChromium);
    } finally {
      await server.close();
    }
    return;
  }

  console.log(
    '\n(a) validate in place (every tenth ID wrong), in-memory Excel host on Office.js (excel-web-16.00.js);',
  );
  console.log(`    bytes: UTF-8 JSON of each request and response body; Excel on the web refuses either over 5 MiB`);
  for (const accounts of ACCOUNT_COUNTS) {
    const node = await benchNode(accounts, accounts > ACCOUNTS ? 1 : 3);
    printSync(`Node, ${accounts.toLocaleString('en')} accounts`, node.figures, node.ms, node.error);
  }

  console.log(
    `\n(c) validate in place, ${LONG_ACCOUNTS.toLocaleString('en')} accounts with a 250-character notes column (one ID in 100 wrong), strict in-memory host (5 MB limits)`,
  );
  const long = await benchLongText();
  printSync('Node, validateInPlace', long.full.figures, long.full.ms);
  printSync('after one fix, automatic run', long.auto.figures, long.auto.ms);
  console.log(
    `  undo records of the automatic run after one fix: ${long.records} (mark changes ${long.changes}); ` +
      `top of the undo stack is the user's edit: ${long.topIsUsers ? 'yes' : 'no'}; marks written by the first run: ${long.full.marked}`,
  );

  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const harness = await benchHarness({ url: server.url, context: browser.context });
    printSync(`Chromium harness, ${ACCOUNTS.toLocaleString('en')} accounts`, harness.figures, harness.ms);
    console.log("  (Chromium: the pane's whole Validate action, validateInPlace plus the pane's event subscriptions;");
    console.log('   milliseconds from the Validate click to the summary, rendering of the findings included.)');
  } finally {
    await browser.close();
  }

  console.log(`\n(b) task pane first load, headless Chromium, office.js stubbed, median of ${RUNS} fresh loads`);
  const scripts = initialScripts(dir);
  const gzip = scripts.reduce((n, s) => n + s.gzip, 0);
  const raw = scripts.reduce((n, s) => n + s.raw, 0);
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await firstLoad(launchChromium, server.url));
  if (process.env.BENCH_NO_PREVIEW !== '1') {
    console.log('\n(c) the Preview tab, headless Chromium harness, example workbook, 10^6-row Parquet CUR');
    await benchPreview(dir, server.url, launchChromium);
  }
  await server.close();
  const ms = median(loads.map((l) => l.ms));
  const fetched = median(loads.map((l) => l.jsBytes));
  for (const s of scripts) console.log(`  ${s.src.padEnd(34)} ${kib(s.raw).padStart(11)}  gzip ${kib(s.gzip)}`);
  console.log('');
  console.log(`  ${''.padEnd(44)} ${'ours'.padStart(12)}   Microsoft's React template (anchor)`);
  console.log(`  ${'initial JS of the page (gzip)'.padEnd(44)} ${kib(gzip).padStart(12)}   ${ANCHOR.gzipKiB} KB`);
  console.log(`  ${'JS fetched by then (gzip, with prefetches)'.padEnd(44)} ${kib(fetched).padStart(12)}`);
  console.log(
    `  ${'first button shown (median)'.padEnd(44)} ${`${ms.toFixed(0)} ms`.padStart(12)}   ${ANCHOR.firstButtonMs} ms`,
  );
  console.log(
    `  (ours: minified ${kib(raw)}; first button: "Build sheets" on the first tab; runs: ${loads.map((l) => l.ms.toFixed(0)).join(' ')} ms)`,
  );
  console.log(
    "  The template's figures are the issue's anchor, measured on this machine earlier: building the template here needs GitHub, which is not reachable.",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
