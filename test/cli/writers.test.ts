/**
 * Workbooks written by real spreadsheet programs (openpyxl, XlsxWriter, Gnumeric, LibreOffice
 * Calc), committed in fixtures/writers/ and rebuilt by scripts/make-writer-fixtures.sh: each is
 * the valid enrollment plus one feature, read and judged as the contract's decisions say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { validateWorkbook } from '../../src/core/validate';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import type { Cell, SheetInput, WorkbookInput } from '../../src/core/port';
import { FIXTURES, cli, parseFindings, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

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

/** A formula in a checked cell is a warning of its own (issue 16); these tests are about values. */
const withoutFormulaWarnings = (found: [string, string | null, string][]): [string, string | null, string][] =>
  found.filter(([, , code]) => code !== 'formula-in-cell');

describe('defect 1: what else a workbook holds never stops it from being read', () => {
  it.each([
    // Notes (comments + VML), a hyperlink, a defined name, a protected sheet, workbook
    // protection, a threaded comment with its persons part, custom XML, a pivot table.
    'openpyxl-comments.xlsx',
    // The same saved again by LibreOffice Calc and by Gnumeric, each its own way.
    'libreoffice-comments.xlsx',
    'gnumeric-comments.xlsx',
  ])('%s: read, and valid', async (name) => {
    expect(await findings(name)).toEqual([]);
  });

  it('openpyxl-comments.xlsx holds what it is said to hold', async () => {
    // Guards the fixture: were these parts gone, the test above would prove nothing.
    const names = Object.keys(unzipSync(readFileSync(fixture('openpyxl-comments.xlsx'))));
    for (const part of [
      /^xl\/comments\/comment\d\.xml$|^xl\/comments\d\.xml$/,
      /\.vml$/,
      /^xl\/threadedComments\//,
      /^xl\/persons\//,
      /^customXml\/item1\.xml$/,
      /^xl\/pivotTables\/pivotTable1\.xml$/,
      /^xl\/pivotCache\/pivotCacheRecords1\.xml$/,
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
    // Judged by their values, which are right; each formula is still a warning at its cell (issue 16).
    expect(withoutFormulaWarnings(await findings('gnumeric-formulas.xlsx'))).toEqual([]);
    expect((await findings('gnumeric-formulas.xlsx')).some(([, , code]) => code === 'formula-in-cell')).toBe(true);
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
    expect(withoutFormulaWarnings(await findings('libreoffice-formulas.xlsx'))).toEqual([]);
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

describe('defect 2: a formula without a saved result is a finding at its cell, never a guess', () => {
  it('openpyxl saves formulas without results: formula-no-result at each, and nothing else', async () => {
    const found = withoutFormulaWarnings(await findings('openpyxl-formulas-no-results.xlsx'));
    expect(found).toEqual([
      ...['C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((c) => ['Accounts', c, 'formula-no-result']),
      ...['B2', 'B3', 'B4', 'B5', 'B6'].map((c) => ['Subset Workflows', c, 'formula-no-result']),
    ]);
    const { stdout } = await cli('validate', fixture('openpyxl-formulas-no-results.xlsx'));
    expect(stdout).toContain('Open and save the workbook in Excel so its formulas have values');
  });
});

describe('defect 3: a table’s totals row is not data', () => {
  it.each(['xlsxwriter-table-totals.xlsx', 'libreoffice-table-totals.xlsx'])('%s: valid', async (name) => {
    const wb = await read(name);
    const accounts = sheetOf(wb, 'Accounts');
    expect(accounts.tables).toEqual([{ ref: 'A1:D8', headerRows: 1, totalsRows: 1 }]);
    // The totals row is there, and is what made the workbook fail before.
    expect(at(accounts, 'A8')).toEqual({ type: 'text', value: 'Total' });
    expect(at(accounts, 'C8')?.formula).toMatch(/^=SUBTOTAL\(103,\[aws account id\]\)$/i);
    expect(sheetOf(wb, 'Subset Workflows').tables).toEqual([{ ref: 'A1:B7', headerRows: 1, totalsRows: 1 }]);
    expect(await findings(name)).toEqual([]);
  });
});

describe('defect 4: merged cells, as the contract now decides', () => {
  it.each(['openpyxl-merged.xlsx', 'gnumeric-merged.xlsx', 'libreoffice-merged.xlsx'])(
    '%s: a warning at the merge in Subset Name, nothing for Details or a user column',
    async (name) => {
      const wb = await read(name);
      expect([...(sheetOf(wb, 'Billing Workflows').merges ?? [])].sort()).toEqual(['D2:D3', 'F2:F5']);
      expect(await findings(name)).toEqual([['Accounts', 'D2', 'merged-cells']]);
    },
  );

  it('XlsxWriter: a merged Details cell is no finding', async () => {
    expect(sheetOf(await read('xlsxwriter-features.xlsx'), 'Billing Workflows').merges).toEqual(['D2:D3']);
    expect(await findings('xlsxwriter-features.xlsx')).toEqual([]);
  });
});

describe('macro-enabled workbooks (.xlsm)', () => {
  it('are read like any workbook', async () => {
    expect(await findings('xlsxwriter-macros.xlsm')).toEqual([]);
  });

  it('are packaged without their macros: rebuilt from the enrollment sheets’ values, and verify passes', async () => {
    const original = readFileSync(fixture('xlsxwriter-macros.xlsm'));
    expect(Object.keys(unzipSync(original))).toContain('xl/vbaProject.bin');
    const out = tmp.path('macros.zip');
    const p = await cli('package', fixture('xlsxwriter-macros.xlsm'), '-o', out);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('left out (xl/vbaProject.bin)');
    const pkg = unzipSync(readFileSync(out));
    const inner = Object.keys(unzipSync(pkg['workbook.xlsx']!));
    expect(inner.filter((n) => /vba|macro/i.test(n))).toEqual([]);
    expect(JSON.parse(new TextDecoder().decode(pkg['manifest.json'])).workbookSource).toBe('rebuilt-from-values');
    const v = await cli('verify', out);
    expect(v.code).toBe(0);
  });

  it('the same workbook without macros is rebuilt from its values too: one rule for every file (issue 16)', async () => {
    const out = tmp.path('plain.zip');
    expect((await cli('package', fixture('xlsxwriter-features.xlsx'), '-o', out)).code).toBe(0);
    const pkg = unzipSync(readFileSync(out));
    expect(pkg['workbook.xlsx']).not.toEqual(new Uint8Array(readFileSync(fixture('xlsxwriter-features.xlsx'))));
    expect(JSON.parse(new TextDecoder().decode(pkg['manifest.json'])).workbookSource).toBe('rebuilt-from-values');
  });
});
