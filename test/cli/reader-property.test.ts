/**
 * Property: whatever exceljs writes into cells, the reader gives back the port cell that means
 * the same, and never throws.
 */
import fc from 'fast-check';
import * as ExcelJS from 'exceljs';
import { a1 } from '../../src/core/a1';
import type { Cell } from '../../src/core/port';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A cell to write, and the port cell expected back. */
interface Case {
  readonly write: ExcelJS.CellValue;
  readonly numFmt?: string;
  readonly expected: Cell;
}

// Text that XML can carry (exceljs does not escape control characters as Excel's _xHHHH_ does,
// and XML parsers turn \r into \n), including spaces at the ends and XML's special characters.
const xmlChar = fc.oneof(
  fc.constantFrom(' ', '<', '>', '&', '"', "'", '\t', '\n', '0', 'é', '中', '😀'),
  fc.string({ minLength: 1, maxLength: 1 }).filter((c) => /^[\x20-\x7e]$/.test(c)),
);
const xmlText = fc.array(xmlChar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));

const FORMATS = ['General', '0', '000000000000', '0.00E+00', '@', '#,##0.00'];
const ERRORS = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;

const textCase = xmlText.map((s): Case => ({ write: s, expected: { type: 'text', value: s } }));
const numberCase = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 999_999_999_999 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
    ),
    fc.constantFrom(...FORMATS),
  )
  .map(([n, numFmt]): Case => {
    const value = Object.is(n, -0) ? 0 : n;
    return { write: value, numFmt, expected: { type: 'number', value, format: numFmt } };
  });
const booleanCase = fc.boolean().map((b): Case => ({ write: b, expected: { type: 'boolean', value: b } }));
const dateCase = fc.integer({ min: Date.UTC(1900, 2, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 }).map((s): Case => {
  const d = new Date(s * 1000);
  return { write: d, expected: { type: 'date', value: d } };
});
const errorCase = fc
  .constantFrom(...ERRORS)
  .map((e): Case => ({ write: { error: e }, expected: { type: 'error', value: e } }));
const richCase = fc.array(fc.tuple(xmlText, fc.boolean()), { minLength: 1, maxLength: 3 }).map((runs): Case => ({
  write: { richText: runs.map(([text, bold]) => ({ text, font: { bold } })) },
  expected: { type: 'text', value: runs.map(([t]) => t).join('') },
}));
const hyperlinkCase = xmlText.map((s): Case => ({
  write: { text: s, hyperlink: 'https://example.com/x' },
  expected: { type: 'text', value: s },
}));

const plainCase = fc.oneof(textCase, numberCase, booleanCase, dateCase, errorCase, richCase, hyperlinkCase);

const formulaCase = fc
  .oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((n) => (Object.is(n, -0) ? 0 : n)),
    xmlText,
    fc.boolean(),
    fc.constantFrom(...ERRORS).map((e) => ({ error: e })),
  )
  .map((result): Case => {
    const formula = 'SUM(Z1:Z2)';
    const expected: Cell =
      typeof result === 'number'
        ? { type: 'number', value: result, format: 'General', formula: `=${formula}` }
        : typeof result === 'string'
          ? { type: 'text', value: result, formula: `=${formula}` }
          : typeof result === 'boolean'
            ? { type: 'boolean', value: result, formula: `=${formula}` }
            : { type: 'error', value: result.error, formula: `=${formula}` };
    return { write: { formula, result }, expected };
  });

/** Up to 6 rows by 4 columns, holes allowed. */
const grid = (cell: fc.Arbitrary<Case>) =>
  fc.array(fc.array(fc.option(cell, { nil: undefined }), { maxLength: 4 }), { minLength: 1, maxLength: 6 });

let counter = 0;
async function writeGrid(rows: readonly (readonly (Case | undefined)[])[], merge?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Accounts');
  rows.forEach((row, r) =>
    row.forEach((c, col) => {
      if (c === undefined) return;
      const cell = ws.getCell(a1(r, col));
      cell.value = c.write;
      if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
    }),
  );
  if (merge !== undefined) ws.mergeCells(merge);
  const path = tmp.path(`p-${++counter}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The expected port rows: only non-empty cells, at their places. */
function expectedRows(rows: readonly (readonly (Case | undefined)[])[]): (Cell | undefined)[][] {
  const out: (Cell | undefined)[][] = [];
  rows.forEach((row, r) =>
    row.forEach((c, col) => {
      if (c === undefined) return;
      (out[r] ??= [])[col] = c.expected;
    }),
  );
  return out;
}

it('plain values: the reader gives back what was written, and exceljs reads it the same way', async () => {
  await fc.assert(
    fc.asyncProperty(grid(plainCase), async (rows) => {
      const path = await writeGrid(rows);
      const { workbook } = await readWorkbookFile(path);
      expect(workbook.sheets[0]?.rows).toEqual(expectedRows(rows));
    }),
    { numRuns: 60 },
  );
}, 60_000);

it('formulas and merges: cached results of every type, formula text, and ranges', async () => {
  await fc.assert(
    fc.asyncProperty(grid(fc.oneof(plainCase, formulaCase)), fc.boolean(), async (rows, merged) => {
      // A merge over rows 8-9, away from the data (a merge drops the values it covers).
      const path = await writeGrid(rows, merged ? 'A8:B9' : undefined);
      const { workbook } = await readWorkbookFile(path);
      expect(workbook.sheets[0]?.rows).toEqual(expectedRows(rows));
      expect(workbook.sheets[0]?.merges).toEqual(merged ? ['A8:B9'] : []);
    }),
    { numRuns: 60 },
  );
}, 60_000);
