/**
 * The Preview sheet through Microsoft's client on the strict in-memory host: a table of numbers
 * in a currency format, text kept as text, an existing sheet replaced only when asked, the
 * enrollment sheets untouched, and every request within the payload budget.
 */
import type { PreviewResult, SubsetPreview } from '../../src/core/preview/runner';
import { officeHost } from '../../src/excel/host';
import {
  MONEY_FORMAT,
  PREVIEW_SHEET,
  previewRows,
  readForPreview,
  writePreviewSheet,
} from '../../src/excel/preview-sheet';
import type { MemoryExcel } from '../../src/in-memory-excel';
import { freshExcel, loadValid } from './helpers';

const U = 10_000_000_000n; // money units per dollar

function subset(name: string, accounts: number, services: readonly string[]): SubsetPreview {
  const lines = Array.from({ length: accounts }, (_, a) =>
    services.map((service, s) => {
      const before = BigInt(a * 100 + s + 1) * U + 12_3400000000n / 100n; // n.0123..., exact
      return { accountId: String(100000000000 + a), service, before, after: [before * 2n, before * 2n - U] };
    }),
  ).flat();
  const sum = (f: (l: (typeof lines)[number]) => bigint): bigint => lines.reduce((t, l) => t + f(l), 0n);
  const before = sum((l) => l.before);
  const final = sum((l) => l.after[1]!);
  return {
    subset: name,
    workflow: 'W',
    endCustomer: { consoleEmail: `${name.toLowerCase()}@example.com`, spotOrgId: '606000000011' },
    before,
    after: [sum((l) => l.after[0]!), final],
    final,
    difference: final - before,
    accounts: Array.from({ length: accounts }, (_, a) => ({
      accountId: String(100000000000 + a),
      name: a === 0 ? '=1+1' : `acct ${a}`,
      before: 0n,
      after: [],
    })),
    services: [],
    lines,
  };
}

function resultOf(subsets: SubsetPreview[]): PreviewResult {
  const before = subsets.reduce((t, s) => t + s.before, 0n);
  return {
    dialect: 'cur-csv',
    month: '2025-06',
    payer: '012345678901',
    rows: { read: 10, previewed: 10, otherMonth: 0, otherProvider: 0 },
    workflows: [
      {
        name: 'W',
        steps: [
          { step: 1, rule: 'uplift', sentence: 'Uplift', exactness: 'exact' },
          { step: 2, rule: 'discount', sentence: 'Discount', exactness: 'exact' },
        ],
      },
    ],
    subsets,
    notEnrolled: { before: 5n * U, accounts: [{ accountId: '999999999999', before: 5n * U }] },
    accountsNotInCur: [],
    total: { before: before + 5n * U, final: subsets.reduce((t, s) => t + s.final, 0n) + 5n * U },
    notes: [],
  };
}

/** Every cell of every sheet but Preview: what the writer must never change. */
function others(host: MemoryExcel): string {
  return JSON.stringify(
    host.model.sheets
      .filter((s) => s.name !== PREVIEW_SHEET)
      .map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1))]),
  );
}

describe('writePreviewSheet', () => {
  it('writes the lines as a table, money as numbers in currency format, and leaves the enrollment sheets alone', async () => {
    const host = freshExcel();
    loadValid(host);
    const before = others(host);
    const result = resultOf([subset('Contoso', 2, ['AmazonEC2', 'AmazonS3'])]);
    const outcome = await Excel.run((context) => writePreviewSheet(context, result, { replace: false }));
    expect(outcome).toMatchObject({ kind: 'written', sheet: PREVIEW_SHEET, rows: 5 });
    expect(others(host)).toBe(before);
    const s = host.model.sheet(PREVIEW_SHEET)!;
    const header = Array.from({ length: 11 }, (_, c) => s.value(0, c));
    expect(header).toEqual([
      'Subset',
      'End customer',
      'Workflow',
      'Account',
      'Account name',
      'Service',
      'Before',
      'After step 1',
      'After step 2',
      'Final',
      'Difference',
    ]);
    // Account 100000000000, AmazonEC2: before 1.1234, after 2.2468 then 1.2468.
    expect([s.value(1, 0), s.value(1, 3), s.value(1, 5)]).toEqual(['Contoso', '100000000000', 'AmazonEC2']);
    expect([s.value(1, 6), s.value(1, 7), s.value(1, 8), s.value(1, 9)]).toEqual([1.1234, 2.2468, 1.2468, 1.2468]);
    expect(s.value(1, 10)).toBeCloseTo(0.1234, 10);
    expect(s.numberFormat(1, 6)).toBe(MONEY_FORMAT);
    // Account IDs are text (no lost zeros, no scientific notation); a name that looks like a formula stays text.
    expect(s.numberFormat(1, 3)).toBe('@');
    expect(s.value(1, 4)).toBe('=1+1');
    expect(s.cell(1, 4)?.formula).toBeUndefined();
    // The not-enrolled account is its own line.
    expect([s.value(5, 0), s.value(5, 3), s.value(5, 6), s.value(5, 9), s.value(5, 10)]).toEqual([
      'Not enrolled',
      '999999999999',
      5,
      5,
      0,
    ]);
    const tables = s.tables();
    expect(tables).toHaveLength(1);
    expect(tables[0]!.name).toBe('PreviewLines');
    expect(tables[0]!.rect).toMatchObject({ row: 0, col: 0, rows: 6, cols: 11 });
  });

  it('leaves an existing Preview sheet alone unless asked to replace it', async () => {
    const host = freshExcel();
    loadValid(host);
    host.addSheet(PREVIEW_SHEET, [['my notes']]);
    const result = resultOf([subset('Contoso', 1, ['AmazonEC2'])]);
    const kept = await Excel.run((context) => writePreviewSheet(context, result, { replace: false }));
    expect(kept).toEqual({ kind: 'exists', sheet: PREVIEW_SHEET });
    expect(host.model.sheet(PREVIEW_SHEET)!.value(0, 0)).toBe('my notes');
    const before = others(host);
    const replaced = await Excel.run((context) => writePreviewSheet(context, result, { replace: true }));
    expect(replaced).toMatchObject({ kind: 'written', rows: 2 });
    expect(host.model.sheet(PREVIEW_SHEET)!.value(0, 0)).toBe('Subset');
    expect(others(host)).toBe(before);
  });

  it('names its table PreviewLines2 when the user has a PreviewLines table', async () => {
    const host = freshExcel();
    loadValid(host);
    const mine = host.addSheet('Mine', [['a'], ['1']]);
    host.model.addTable(mine, { row: 0, col: 0, rows: 2, cols: 1 }, true).name = 'PreviewLines';
    await Excel.run((context) => writePreviewSheet(context, resultOf([subset('A', 1, ['X'])]), { replace: false }));
    expect(host.model.sheet(PREVIEW_SHEET)!.tables()[0]!.name).toBe('PreviewLines2');
  });

  it('writes a large preview in bands, every request within the budget', async () => {
    const host = freshExcel();
    loadValid(host);
    // 3 subsets x 100 accounts x 5 services = 1,500 lines (about 150 kB of values and formats).
    const services = ['AmazonEC2', 'AmazonS3', 'AmazonRDS', 'AWSLambda', 'AmazonCloudFront'];
    const result = resultOf(['A', 'B', 'C'].map((n) => subset(n, 100, services)));
    host.resetStats();
    const budget = 30_000;
    const outcome = await Excel.run((context) =>
      writePreviewSheet(context, result, { replace: false, maxPayloadBytes: budget }),
    );
    expect(outcome).toMatchObject({ kind: 'written', rows: 1_501 });
    const requests = host.stats.records.map((r) => r.requestBytes);
    expect(requests.length).toBeGreaterThan(4);
    expect(Math.max(...requests)).toBeLessThanOrEqual(budget);
    expect(host.stats.records.every((r) => r.error === undefined)).toBe(true);
    const s = host.model.sheet(PREVIEW_SHEET)!;
    expect(s.value(1_501, 0)).toBe('Not enrolled');
    expect(s.value(1_500, 3)).toBe('100000000099');
  });

  it('a column per step of the longest workflow; shorter workflows leave theirs blank', () => {
    const result = resultOf([subset('A', 1, ['X'])]);
    const short: SubsetPreview = { ...subset('B', 1, ['Y']), workflow: 'V' };
    const lines = short.lines.map((l) => ({ ...l, after: [l.after[0]!] }));
    const withShort: PreviewResult = {
      ...result,
      workflows: [...result.workflows, { name: 'V', steps: [result.workflows[0]!.steps[0]!] }],
      subsets: [...result.subsets, { ...short, lines }],
    };
    const { header, rows } = previewRows(withShort);
    expect(header.filter((h) => h.startsWith('After step'))).toEqual(['After step 1', 'After step 2']);
    const b = rows.find((r) => r[0] === 'B')!;
    expect(b.slice(6)).toEqual([1.1234, 2.2468, '', 2.2468, 1.1234]);
  });
});

describe('readForPreview', () => {
  it('gives the enrollment of a valid workbook, warnings allowed', async () => {
    const host = freshExcel();
    loadValid(host);
    const read = await Excel.run((context) => readForPreview(context));
    expect(read.enrollment?.subsets.map((s) => s.name)).toEqual([
      'Subset 1',
      'Subset 2',
      'Subset 3',
      'Subset 4',
      'Subset 5',
    ]);
  });

  it('refuses a workbook whose mapping is unknowable (an account in two subsets), with the findings', async () => {
    const host = freshExcel();
    loadValid(host, (sheets) => {
      sheets['Accounts']!.push(['Contoso again', 'x@contoso.example', '111111111111', 'Subset 3']);
    });
    const read = await officeHost().readForPreview!();
    expect(read.enrollment).toBeNull();
    expect(read.findings.some((f) => f.severity === 'error' && f.sheet === 'Accounts')).toBe(true);
  });

  it('refuses a subset without a workflow', async () => {
    const host = freshExcel();
    loadValid(host, (sheets) => {
      sheets['Subset Workflows']![5] = ['Subset 5', null];
    });
    const read = await officeHost().readForPreview!();
    expect(read.enrollment).toBeNull();
    expect(read.findings.some((f) => f.severity === 'error' && f.sheet === 'Subset Workflows')).toBe(true);
  });
});
