/**
 * The .xlsx reader on workbooks exceljs writes: every kind of cell comes out as the right port
 * cell. (Workbooks of other programs: `writers.test.ts`.)
 */
import { copyFileSync, readFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import type { Cell, SheetInput, WorkbookInput } from '../../src/core/port';
import { readWorkbookBytes, readWorkbookFile } from '../../src/cli/xlsx-read';
import { EXAMPLE, FIXTURES, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let counter = 0;
async function write(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, name = 'Sheet A'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet(name), wb);
  const path = tmp.path(`case-${++counter}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

const only = (wb: WorkbookInput): SheetInput => {
  const [first] = wb.sheets;
  if (first === undefined) throw new Error('no sheet');
  return first;
};
const at = (sheet: SheetInput, row: number, col: number): Cell | undefined => sheet.rows[row - 1]?.[col - 1];

describe('plain values', () => {
  let path: string;
  beforeAll(async () => {
    path = await write((ws) => {
      ws.getCell('A1').value = 'plain text';
      ws.getCell('B1').value = 12345678901;
      ws.getCell('C1').value = 12345678901;
      ws.getCell('C1').numFmt = '000000000000';
      ws.getCell('D1').value = 1.5e20;
      ws.getCell('D1').numFmt = '0.00E+00';
      ws.getCell('E1').value = 42;
      ws.getCell('E1').numFmt = '@';
      ws.getCell('A2').value = true;
      ws.getCell('B2').value = false;
      ws.getCell('C2').value = new Date(Date.UTC(2024, 5, 4, 12, 30, 0));
      ws.getCell('D2').value = { error: '#N/A' };
      ws.getCell('E2').value = { error: '#REF!' };
      ws.getCell('A3').value = { richText: [{ text: 'Sub', font: { bold: true } }, { text: 'set 1' }] };
      ws.getCell('B3').value = { text: 'finops@contoso.example.com', hyperlink: 'mailto:finops@contoso.example.com' };
      ws.getCell('C3').value = '  padded  ';
      ws.getCell('D3').value = '012345678901';
      ws.getCell('D3').numFmt = '@';
      ws.getCell('A5').value = 'after a blank row';
      ws.getCell('E5').value = 'sparse';
    });
  });

  it('each cell type maps to its port cell', async () => {
    const { workbook } = await readWorkbookFile(path);
    const s = only(workbook);
    expect(s.name).toBe('Sheet A');
    expect(at(s, 1, 1)).toEqual({ type: 'text', value: 'plain text' });
    // Numbers keep their number format; none is General.
    expect(at(s, 1, 2)).toEqual({ type: 'number', value: 12345678901, format: 'General' });
    expect(at(s, 1, 3)).toEqual({ type: 'number', value: 12345678901, format: '000000000000' });
    expect(at(s, 1, 4)).toEqual({ type: 'number', value: 1.5e20, format: '0.00E+00' });
    expect(at(s, 1, 5)).toEqual({ type: 'number', value: 42, format: '@' });
    expect(at(s, 2, 1)).toEqual({ type: 'boolean', value: true });
    expect(at(s, 2, 2)).toEqual({ type: 'boolean', value: false });
    expect(at(s, 2, 3)).toEqual({ type: 'date', value: new Date(Date.UTC(2024, 5, 4, 12, 30, 0)) });
    expect(at(s, 2, 4)).toEqual({ type: 'error', value: '#N/A' });
    expect(at(s, 2, 5)).toEqual({ type: 'error', value: '#REF!' });
    // Rich text and hyperlinks are their text.
    expect(at(s, 3, 1)).toEqual({ type: 'text', value: 'Subset 1' });
    expect(at(s, 3, 2)).toEqual({ type: 'text', value: 'finops@contoso.example.com' });
    // Text is passed on as it is: trimming is the core's business.
    expect(at(s, 3, 3)).toEqual({ type: 'text', value: '  padded  ' });
    expect(at(s, 3, 4)).toEqual({ type: 'text', value: '012345678901' });
    // Empty rows and cells are absent (the port reads a missing entry as empty).
    expect(s.rows[3]).toBeUndefined();
    expect(at(s, 5, 2)).toBeUndefined();
    expect(at(s, 5, 5)).toEqual({ type: 'text', value: 'sparse' });
    expect(s.merges).toEqual([]);
  });
});

describe('formulas, judged by their cached result', () => {
  let path: string;
  beforeAll(async () => {
    path = await write((ws) => {
      ws.getCell('A1').value = { formula: 'B1*2', result: 24691357802 };
      ws.getCell('B1').value = 12345678901;
      ws.getCell('C1').value = { formula: '"0"&B1', result: '012345678901' };
      ws.getCell('D1').value = { formula: 'B1>0', result: true };
      ws.getCell('E1').value = { formula: 'VLOOKUP(1,Z1:Z2,2,FALSE)', result: { error: '#N/A' } };
      ws.getCell('F1').value = { formula: 'DATE(2024,6,4)', result: new Date(Date.UTC(2024, 5, 4)) };
      ws.getCell('F1').numFmt = 'yyyy-mm-dd';
      ws.getCell('G1').value = { formula: 'NOW()' };
      ws.getCell('A2').value = 1;
      ws.fillFormula('A3:A4', 'A2+1', [2, 3]);
      ws.getCell('B2').value = 7;
      ws.getCell('B2').numFmt = '0.00';
      ws.getCell('B3').value = { formula: 'B2*2', result: 14 };
      ws.getCell('B3').numFmt = '0.00';
      ws.getCell('C2').value = { formula: 'COUNTIF(Z:Z,"x")', result: 0 };
      ws.getCell('C3').value = { formula: 'ISNUMBER(Z1)', result: false };
    });
  });

  it('keeps result types and formula text', async () => {
    const { workbook } = await readWorkbookFile(path);
    const s = only(workbook);
    expect(at(s, 1, 1)).toEqual({ type: 'number', value: 24691357802, format: 'General', formula: '=B1*2' });
    expect(at(s, 1, 3)).toEqual({ type: 'text', value: '012345678901', formula: '="0"&B1' });
    expect(at(s, 1, 4)).toEqual({ type: 'boolean', value: true, formula: '=B1>0' });
    expect(at(s, 1, 5)).toEqual({ type: 'error', value: '#N/A', formula: '=VLOOKUP(1,Z1:Z2,2,FALSE)' });
    expect(at(s, 1, 6)).toEqual({ type: 'date', value: new Date(Date.UTC(2024, 5, 4)), formula: '=DATE(2024,6,4)' });
    // No cached result: an empty cell that still says it holds a formula.
    expect(at(s, 1, 7)).toEqual({ type: 'empty', formula: '=NOW()' });
    // Shared formulas: the dependent cell gets its own translated formula.
    expect(at(s, 3, 1)).toEqual({ type: 'number', value: 2, format: 'General', formula: '=A2+1' });
    expect(at(s, 4, 1)).toEqual({ type: 'number', value: 3, format: 'General', formula: '=A3+1' });
    expect(at(s, 3, 2)).toEqual({ type: 'number', value: 14, format: '0.00', formula: '=B2*2' });
    // Results of 0 and false (exceljs's own cell.value leaves them out).
    expect(at(s, 2, 3)).toEqual({ type: 'number', value: 0, format: 'General', formula: '=COUNTIF(Z:Z,"x")' });
    expect(at(s, 3, 3)).toEqual({ type: 'boolean', value: false, formula: '=ISNUMBER(Z1)' });
  });
});

describe('merged cells', () => {
  it('are reported as A1 ranges, with only the top-left cell holding the value', async () => {
    const path = await write((ws) => {
      ws.getCell('A1').value = 'Subset Name';
      ws.getCell('A2').value = 'Subset 1';
      ws.mergeCells('A2:A4');
      ws.getCell('B2').value = 'wide';
      ws.mergeCells('B2:D3');
      ws.getCell('E1').value = 'x';
    });
    const { workbook } = await readWorkbookFile(path);
    const s = only(workbook);
    expect([...(s.merges ?? [])].sort()).toEqual(['A2:A4', 'B2:D3']);
    expect(at(s, 2, 1)).toEqual({ type: 'text', value: 'Subset 1' });
    expect(at(s, 3, 1)).toBeUndefined();
    expect(at(s, 4, 1)).toBeUndefined();
    expect(at(s, 3, 4)).toBeUndefined();
  });
});

describe('sheets', () => {
  it('keeps tab names as spelled and tab order', async () => {
    const path = await write((ws, wb) => {
      ws.getCell('A1').value = 1;
      wb.addWorksheet('subset workflows ').getCell('A1').value = 2;
      wb.addWorksheet('Ünïcode & <Co>').getCell('A1').value = 3;
      wb.addWorksheet('Empty');
    }, 'ACCOUNTS');
    const { workbook } = await readWorkbookFile(path);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['ACCOUNTS', 'subset workflows ', 'Ünïcode & <Co>', 'Empty']);
    expect(workbook.sheets[3]?.rows).toEqual([]);
  });

  it('reads a 1904-based workbook’s dates as the same days', async () => {
    const path = await write((ws, wb) => {
      wb.properties.date1904 = true;
      ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 31));
    });
    const s = only((await readWorkbookFile(path)).workbook);
    expect(at(s, 1, 1)).toEqual({ type: 'date', value: new Date(Date.UTC(2024, 0, 31)) });
  });
});

describe('packages as Excel and LibreOffice lay them out', () => {
  it('reads the LibreOffice-saved example exactly like the original', async () => {
    const original = await readWorkbookFile(EXAMPLE);
    const libre = await readWorkbookFile(`${FIXTURES}/example-libreoffice.xlsx`);
    expect(libre.workbook).toEqual(original.workbook);
  });

  it('reads from bytes as from the file', async () => {
    const path = tmp.path('copy.xlsx');
    copyFileSync(EXAMPLE, path);
    const fromFile = await readWorkbookFile(path);
    const fromBytes = await readWorkbookBytes(readFileSync(path));
    expect(fromBytes.workbook).toEqual(fromFile.workbook);
  });
});
