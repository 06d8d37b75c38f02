/**
 * Property: a workbook read by the file reader (`msp-enroll`) and the same sheets read by the
 * add-in's reader (Office.js, over the in-memory Excel host) give the same findings: random edits
 * of the valid enrollment (IDs as text or numbers in various formats, white space, error values,
 * blanks), merged cells, and Accounts kept as an Excel table with a totals row.
 */
import fc from 'fast-check';
import * as ExcelJS from 'exceljs';
import { a1 } from '../../src/core/a1';
import type { Finding } from '../../src/core/findings';
import { validateWorkbook } from '../../src/core/validate';
import { readWorkbook } from '../../src/excel/read';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import { createMemoryExcel, install } from '../../src/in-memory-excel';
import { key } from '../../src/in-memory-excel/model';
import type { Scalar } from '../../src/in-memory-excel/values';
import { validSheets } from '../core/fixtures/workbooks';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A cell as both writers take it: its value and number format. */
interface Value {
  readonly value: string | number | boolean | { error: string } | null;
  readonly format: string;
}

const text = (value: string): Value => ({ value, format: /^\d{12}$/.test(value) ? '@' : 'General' });

const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc
    .constantFrom(
      '012345678901',
      '111111111111',
      '1111-1111-1111',
      ' 222222222222\u00a0',
      'Subset 1',
      'Workflow 2',
      '',
      '  ',
      'email1',
      'a@b.example',
    )
    .map(text),
  fc.constantFrom('\t606000000011\n', '606 000 000 011', 'uplift', '{"percent":3}', '{percent}').map(text),
  fc
    .tuple(
      fc.constantFrom(12345678901, 111111111111, 3, 606000000011),
      fc.constantFrom('General', '0', '000000000000', '0.00E+00'),
    )
    .map(([value, format]) => ({ value, format })),
  fc.constantFrom('#N/A', '#REF!', '#VALUE!').map((error) => ({ value: { error }, format: 'General' })),
  fc.boolean().map((value) => ({ value, format: 'General' })),
  fc.constant({ value: null, format: 'General' }),
);

type Sheets = Record<string, Value[][]>;

const SHEET_NAMES = Object.keys(validSheets());

/** Up to 6 edits of the valid workbook's data cells (never its headers), and the options. */
const caseArb = fc.record({
  edits: fc.array(
    fc.tuple(fc.constantFrom(...SHEET_NAMES), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 5 }), valueArb),
    { maxLength: 6 },
  ),
  // A vertical merge of two or three rows in one column of Accounts or Billing Workflows.
  merge: fc.option(
    fc.tuple(
      fc.constantFrom('Accounts', 'Billing Workflows'),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 1, max: 2 }),
    ),
    { nil: undefined },
  ),
  table: fc.boolean(),
});

type RawCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function buildSheets(c: RawCase): Sheets {
  const sheets: Sheets = {};
  for (const [name, rows] of Object.entries(validSheets())) {
    sheets[name] = rows.map((row) =>
      row.map((v): Value =>
        typeof v === 'number' ? { value: v, format: 'General' } : text(typeof v === 'string' ? v : ''),
      ),
    );
  }
  for (const [name, r, col, v] of c.edits) {
    const rows = sheets[name]!;
    while (rows.length <= r) rows.push([]);
    const row = rows[r]!;
    while (row.length <= col) row.push({ value: null, format: 'General' });
    row[col] = v;
  }
  return sheets;
}

interface Case {
  readonly sheets: Sheets;
  readonly merge?: { sheet: string; ref: string; row: number; col: number; rows: number };
  /** Accounts as a table (its current rows) plus a totals row. */
  readonly table: boolean;
}

const toCase = (c: RawCase): Case => {
  const sheets = buildSheets(c);
  const table = c.table;
  // Excel refuses merges inside a table: only without one.
  if (c.merge === undefined || (table && c.merge[0] === 'Accounts')) return { sheets, table };
  const [sheet, row, col, extra] = c.merge;
  const m = { sheet, ref: `${a1(row, col)}:${a1(row + extra, col)}`, row, col, rows: extra + 1 };
  // A merge keeps only its top-left value.
  for (let r = row + 1; r <= row + extra; r++) {
    const cells = sheets[sheet]![r];
    if (cells?.[col] !== undefined) cells[col] = { value: null, format: 'General' };
  }
  return { sheets, table, merge: m };
};

let counter = 0;

async function viaFile(c: Case): Promise<Finding[]> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(c.sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, col) => {
        if (v.value === null) return;
        const cell = ws.getCell(a1(r, col));
        cell.value = v.value as ExcelJS.CellValue;
        if (v.format !== 'General') cell.numFmt = v.format;
      }),
    );
    if (c.table && name === 'Accounts') {
      const last = rows.length;
      // The table over the rows as they are, then a totals row below them (as Excel lays it out).
      ws.getCell(a1(last, 0)).value = 'Total';
      ws.getCell(a1(last, 3)).value = last - 1;
      ws.addTable({
        name: 'AccountsTable',
        ref: 'A1',
        headerRow: true,
        totalsRow: false,
        columns: ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'].map((n) => ({ name: n })),
        rows: [],
      });
      // exceljs's table model: its range and totals row count, as Excel's table part holds them.
      const table = ws.getTable('AccountsTable') as unknown as { table: { tableRef?: string; totalsRow: boolean } };
      table.table.tableRef = `A1:D${last + 1}`;
      table.table.totalsRow = true;
    }
    if (c.merge?.sheet === name) ws.mergeCells(c.merge.ref);
  }
  const path = tmp.path(`agree-${++counter}.xlsx`);
  await wb.xlsx.writeFile(path);
  const { workbook } = await readWorkbookFile(path);
  // The file holds what the case says (else the property would prove less than it claims).
  const accounts = workbook.sheets.find((x) => x.name === 'Accounts')!;
  const last = c.sheets['Accounts']!.length;
  expect(accounts.tables).toEqual(c.table ? [{ ref: `A1:D${last + 1}`, headerRows: 1, totalsRows: 1 }] : undefined);
  if (c.merge) expect(workbook.sheets.find((x) => x.name === c.merge!.sheet)!.merges).toEqual([c.merge.ref]);
  return validateWorkbook(workbook).findings;
}

async function viaAddin(c: Case): Promise<Finding[]> {
  const host = createMemoryExcel();
  install(host);
  for (const [name, rows] of Object.entries(c.sheets)) {
    const s = host.model.addSheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, col) => {
        if (v.value === null) return;
        s.cells.set(key(r, col), { value: v.value as Scalar, numberFormat: v.format });
      }),
    );
    if (c.table && name === 'Accounts') {
      const last = rows.length;
      s.cells.set(key(last, 0), { value: 'Total', numberFormat: 'General' });
      s.cells.set(key(last, 3), { value: last - 1, numberFormat: 'General' });
      const t = host.model.addTable(s, { row: 0, col: 0, rows: last + 1, cols: 4 }, true);
      t.showTotals = true;
    }
    if (c.merge?.sheet === name) s.merges.push({ row: c.merge.row, col: c.merge.col, rows: c.merge.rows, cols: 1 });
  }
  const read = await Excel.run((context) => readWorkbook(context, { mergedAreas: true }));
  return validateWorkbook(read.input).findings;
}

it('the file reader and the add-in reader give the same findings', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (raw) => {
      const c = toCase(raw);
      const [file, addin] = [await viaFile(c), await viaAddin(c)];
      expect(addin).toEqual(file);
    }),
    { numRuns: 40 },
  );
}, 120_000);
