/**
 * Workbooks written by real spreadsheet programs (openpyxl, XlsxWriter, Gnumeric, LibreOffice
 * Calc), committed in fixtures/writers/ and rebuilt by scripts/make-writer-fixtures.sh: each is
 * the valid enrollment plus one feature, read and judged as the contract's decisions say.
 */
import { join } from 'node:path';
import { validateWorkbook } from '../../src/core/validate';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import type { Cell, SheetInput, WorkbookInput } from '../../src/core/port';
import { FIXTURES, cli, parseFindings } from './helpers';

const fixture = (name: string): string => join(FIXTURES, 'writers', name);

const read = async (name: string): Promise<WorkbookInput> => (await readWorkbookFile(fixture(name))).workbook;

const sheetOf = (wb: WorkbookInput, name: string): SheetInput => {
  const s = wb.sheets.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no sheet ${name}`);
  return s;
};

const at = (s: SheetInput, ref: string): Cell | undefined => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  return s.rows[Number(m[2]) - 1]?.[m[1]!.charCodeAt(0) - 65];
};

/** `[sheet, cell, code]` of every finding, as the command line reports them. */
async function findings(name: string): Promise<[string, string | null, string][]> {
  const { code, stdout, stderr } = await cli('validate', fixture(name), '--json');
  if (code === 2) throw new Error(stderr);
  return parseFindings(stdout).map((f) => [f.sheet, f.cell, f.code]);
}

describe('defect 1: what else a workbook holds never stops it from being read', () => {
  it.each([
    // Notes (comments + VML), a hyperlink, a defined name, a protected sheet, workbook
    // protection, a threaded comment with its persons part, custom XML.
    'openpyxl-comments.xlsx',
    // The same saved again by LibreOffice Calc and by Gnumeric, each its own way.
    'libreoffice-comments.xlsx',
    'gnumeric-comments.xlsx',
  ])('%s: read, and valid', async (name) => {
    expect(await findings(name)).toEqual([]);
  });

  it('openpyxl-comments.xlsx holds what it is said to hold', async () => {
    // Guards the fixture: were these parts gone, the test above would prove nothing.
    const { unzipSync } = await import('fflate');
    const { readFileSync } = await import('node:fs');
    const names = Object.keys(unzipSync(readFileSync(fixture('openpyxl-comments.xlsx'))));
    for (const part of [
      /^xl\/comments\/comment\d\.xml$|^xl\/comments\d\.xml$/,
      /\.vml$/,
      /^xl\/threadedComments\//,
      /^xl\/persons\//,
      /^customXml\/item1\.xml$/,
    ]) {
      expect(names.some((n) => part.test(n))).toBe(true);
    }
  });

  it('charts, a chart sheet, images, rich text, a URL and a defined name (XlsxWriter)', async () => {
    const wb = await read('xlsxwriter-features.xlsx');
    // The chart sheet is a sheet without cells.
    expect(sheetOf(wb, 'Accounts chart').rows).toEqual([]);
    // Rich text is its runs joined; a hyperlink cell is its text.
    expect(at(sheetOf(wb, 'Accounts'), 'A4')).toEqual({ type: 'text', value: 'Contoso dev' });
    expect(at(sheetOf(wb, 'Accounts'), 'B3')).toEqual({ type: 'text', value: 'aws-prod@contoso.example' });
  });
});

describe('defect 2: a formula is judged by its saved result, whatever type the writer stored it as', () => {
  it('Gnumeric stores text results as shared strings (t="s"): read as that text', async () => {
    const wb = await read('gnumeric-formulas.xlsx');
    expect(at(sheetOf(wb, 'Subset Workflows'), 'B2')).toEqual({
      type: 'text',
      value: 'Workflow 1',
      formula: '=VLOOKUP(A2,Lookup!$A$2:$B$6,2,FALSE)',
    });
    expect(at(sheetOf(wb, 'Accounts'), 'C2')).toEqual({
      type: 'text',
      value: '012345678901',
      formula: '=TEXT(Lookup!C2,"000000000000")',
    });
    expect(await findings('gnumeric-formulas.xlsx')).toEqual([]);
  });

  it('LibreOffice stores them as t="str": the same cells', async () => {
    const gnumeric = await read('gnumeric-formulas.xlsx');
    const libre = await read('libreoffice-formulas.xlsx');
    for (const [sheet, ref] of [
      ['Subset Workflows', 'B6'],
      ['Accounts', 'C4'],
    ] as const) {
      // The formula's text differs (LibreOffice writes FALSE()); the result is the same text.
      const { type, value } = at(sheetOf(gnumeric, sheet), ref) as Cell & { value: string };
      expect(type).toBe('text');
      expect(at(sheetOf(libre, sheet), ref)).toMatchObject({ type, value });
    }
    expect(await findings('libreoffice-formulas.xlsx')).toEqual([]);
  });

  it('inline strings (XlsxWriter constant_memory) and a 1904 workbook', async () => {
    const wb = await read('xlsxwriter-inline-1904.xlsx');
    const accounts = sheetOf(wb, 'Accounts');
    expect(at(accounts, 'C4')).toEqual({ type: 'text', value: '001111111112' });
    // 1904 dates: the same day as written (2026-11-01 on row 2).
    expect(at(accounts, 'E2')).toEqual({ type: 'date', value: new Date(Date.UTC(2026, 10, 1)) });
    expect(await findings('xlsxwriter-inline-1904.xlsx')).toEqual([]);
    expect(validateWorkbook(wb).findings).toEqual([]);
  });
});
