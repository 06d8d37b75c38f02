/**
 * The Preview tab end to end in headless Chromium on the harness (issue 13): the example loaded,
 * a generated Parquet CUR picked, the engine run in the add-in's own worker file (no CSP
 * violation: worker-src 'self'), the totals and each subset equal to `msp-enroll preview --json`
 * on the same file to the cent, the waterfall and tables shown, the Preview sheet written into
 * the in-memory workbook, a long CSV run cancelled, and no serious axe violation in the tab.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatMoney, moneyOf } from '../../src/core/preview/money';
import { money } from '../../src/taskpane/preview/money-text';
import { cli, EXAMPLE } from '../cli/helpers';
import { OPTIONS, writeGenerated } from '../taskpane/preview/fixtures';
import { BUILD_TIMEOUT_MS, openHarness, startE2E, type E2E, type HarnessPage } from './harness';

jest.setTimeout(120_000);

let e2e: E2E | undefined;
let dir = '';
let parquet = '';
let bigCsvs: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'msp-preview-e2e-'));
  parquet = path.join(dir, 'cur-2025-06.parquet');
  await writeGenerated(parquet, 'parquet', { ...OPTIONS, rows: 20_000 });
  // Five copies of 300,000 rows: a run long enough to cancel on any machine.
  const big = path.join(dir, 'cur-2025-06-big-1.csv');
  await writeGenerated(big, 'csv', { ...OPTIONS, rows: 300_000 });
  bigCsvs = [big];
  for (let i = 2; i <= 5; i++) {
    const copy = path.join(dir, `cur-2025-06-big-${i}.csv`);
    await copyFile(big, copy);
    bigCsvs.push(copy);
  }
  e2e = await startE2E();
}, BUILD_TIMEOUT_MS * 2);
afterAll(async () => {
  await e2e?.close();
  await rm(dir, { recursive: true, force: true });
});

async function exampleOnPreview(): Promise<HarnessPage> {
  if (!e2e) throw new Error('E2E did not start (see beforeAll)');
  const h = await openHarness(e2e);
  await h.page.getByRole('button', { name: 'Load example' }).click();
  await h.openPaneTab('Preview');
  await h.pane.getByRole('button', { name: 'Preview', exact: true }).waitFor();
  return h;
}

interface CliResult {
  total: { before: string; final: string };
  subsets: { subset: string; before: string; final: string; difference: string }[];
}

const cents = (exact: string): string => money(moneyOf(exact));

describe('the Preview tab in Chromium', () => {
  it('previews a generated Parquet CUR as msp-enroll preview --json does, to the cent, and writes the Preview sheet', async () => {
    const run = await cli('preview', EXAMPLE, parquet, '--json');
    expect(run.code).toBe(0);
    const expected = JSON.parse(run.stdout) as CliResult;

    const h = await exampleOnPreview();
    await h.pane.getByTestId('cur-files').setInputFiles(parquet);
    await h.pane.getByRole('button', { name: 'Preview', exact: true }).click();
    const total = h.pane.getByTestId('preview-total');
    await total.waitFor({ timeout: 60_000 });
    await expect(total.textContent()).resolves.toContain(
      `Total before ${cents(expected.total.before)}, final ${cents(expected.total.final)}`,
    );
    const rows = await h.pane
      .getByRole('table', { name: 'Charges per subset' })
      .getByRole('row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const shown = rows.filter((r) => r.length > 0 && r[0] !== 'Not enrolled');
    expect(shown.map((r) => [r[0], r[2], r[3]])).toEqual(
      expected.subsets.map((s) => [s.subset, cents(s.before), cents(s.final)]),
    );
    expect(formatMoney(moneyOf(expected.total.before))).not.toBe('0.00');
    // Every figure fits its own cell (the table scrolls sideways instead of columns running into
    // each other in a narrow pane); checked on the pane at Office's narrowest width.
    await h.page.evaluate(() => {
      document.getElementById('pane')!.style.width = '320px';
    });
    const spill = await h.pane
      .getByRole('table', { name: 'Charges per subset' })
      .locator('td, th')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent ?? ''));
    expect(spill).toEqual([]);
    // The waterfall (an image with its numbers in words) and its table.
    await expect(
      h.pane
        .getByRole('img', { name: /step by step: before/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await h.pane
      .getByRole('table', { name: /step by step$/ })
      .first()
      .waitFor();

    const axe = await h.axe('#pane');
    expect(axe).toEqual([]);

    await h.pane.getByRole('button', { name: 'Write preview to a sheet' }).click();
    await h.pane.getByText(/Wrote [\d,]+ lines to the Preview sheet/).waitFor();
    const sheet = await h.page.evaluate(() => {
      const s = (
        window as unknown as {
          mspHarness: { host: { model: { sheet(n: string): { value(r: number, c: number): unknown } | undefined } } };
        }
      ).mspHarness.host.model.sheet('Preview');
      return s === undefined ? null : [s.value(0, 0), s.value(0, 6), typeof s.value(1, 6)];
    });
    expect(sheet).toEqual(['Subset', 'Before', 'number']);
    await h.expectNoCspViolations();
    await h.page.close();
  });

  it('cancels a long run: the worker stops and no result is shown', async () => {
    const h = await exampleOnPreview();
    await h.pane.getByTestId('cur-files').setInputFiles(bigCsvs);
    await h.pane.getByRole('button', { name: 'Preview', exact: true }).click();
    await h.pane.getByRole('progressbar', { name: 'Preview running' }).waitFor();
    // Found and clicked in one step inside the page: the progress re-renders ten times a second,
    // and a locator's click can land on a node React has just replaced.
    await h.page.waitForFunction(() => {
      const cancel = [...document.querySelectorAll('#pane button')].find((b) => b.textContent === 'Cancel');
      (cancel as HTMLButtonElement | undefined)?.click();
      return cancel !== undefined;
    });
    await h.pane.getByText('Preview cancelled.').waitFor();
    await h.page.waitForTimeout(500);
    await expect(h.pane.getByTestId('preview-total').count()).resolves.toBe(0);
    await h.expectNoCspViolations();
    await h.page.close();
  });
});
