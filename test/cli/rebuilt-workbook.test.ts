/**
 * The rebuilt-from-values path (Excel on the web, the harness): the core's .xlsx writer, read
 * back by the command line's reader, gives the same cells and the same enrollment; a
 * package built from it passes `verify` with that reader.
 */
import { unzipSync } from 'fflate';
import { readWorkbookBytes } from '../../src/cli/xlsx-read';
import {
  buildPackage,
  canonicalJson,
  enrollmentToWorkbook,
  verifyPackage,
  workbookToXlsx,
} from '../../src/core/package';
import type { Cell, WorkbookInput } from '../../src/core/port';
import { validateWorkbook } from '../../src/core/validate';
import { validWorkbook } from '../core/fixtures/workbooks';
import { enrollmentOf, everyRuleWorkbook } from '../core/package/helpers';

const readBack = async (bytes: Uint8Array): Promise<WorkbookInput> => (await readWorkbookBytes(bytes)).workbook;

describe('workbookToXlsx', () => {
  it('writes the cells that the reader reads back as they were', async () => {
    const cells: Cell[] = [
      { type: 'text', value: '012345678901' },
      { type: 'text', value: ' spaces  & <markup> "quotes" \u201csmart\u201d é 東京 \n line' },
      { type: 'number', value: 12345678901, format: '000000000000' },
      { type: 'number', value: 3.25, format: 'General' },
      { type: 'number', value: -7, format: '0.00' },
      { type: 'boolean', value: true },
      { type: 'date', value: new Date('2025-03-14T00:00:00Z') },
      { type: 'error', value: '#N/A' },
    ];
    const input: WorkbookInput = {
      sheets: [
        { name: 'Values & more', rows: [cells, undefined, [undefined, { type: 'text', value: 'after a gap' }]] },
        { name: 'Merged', rows: [[{ type: 'text', value: 'merged' }]], merges: ['A1:B2'] },
      ],
    };
    const back = await readBack(workbookToXlsx(input));
    expect(back.sheets.map((s) => s.name)).toEqual(['Values & more', 'Merged']);
    const row = back.sheets[0]!.rows[0]!;
    expect(row.map((c) => c?.type)).toEqual(cells.map((c) => c.type));
    expect(row.map((c) => (c !== undefined && 'value' in c ? c.value : null))).toEqual(
      cells.map((c) => ('value' in c ? c.value : null)),
    );
    expect(row[2]).toMatchObject({ format: '000000000000' });
    expect(row[4]).toMatchObject({ format: '0.00' });
    expect(back.sheets[0]!.rows[2]?.[1]).toEqual({ type: 'text', value: 'after a gap' });
    expect(back.sheets[1]!.merges).toEqual(['A1:B2']);
  });

  it('escapes what XML cannot hold the OOXML way (_xHHHH_), as Excel reads it', async () => {
    const value = 'literal _x0041_, control \u0001, tab\t';
    const bytes = workbookToXlsx({ sheets: [{ name: 'S', rows: [[{ type: 'text', value }]] }] });
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<t xml:space="preserve">literal _x005F_x0041_, control _x0001_, tab\t</t>');
    // The reader decodes the escapes as Excel does.
    expect((await readBack(bytes)).sheets[0]!.rows[0]![0]).toEqual({ type: 'text', value });
  });

  it('writes a formula as its result only: no formula reaches Spot (issue 16)', async () => {
    const input: WorkbookInput = {
      sheets: [
        {
          name: 'F',
          rows: [
            [
              { type: 'number', value: 2, format: 'General', formula: '=1+1' },
              { type: 'text', value: 'ab', formula: '="a"&"b"' },
              { type: 'text', value: 'Acme', formula: '=HYPERLINK("http://evil.example","Acme")' },
              { type: 'number', value: 0, format: 'General', formula: "=cmd|' /C calc'!A0" },
              { type: 'empty', formula: '=WEBSERVICE("https://x.example")' },
            ],
          ],
        },
      ],
    };
    const bytes = workbookToXlsx(input);
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).not.toContain('<f>');
    expect(xml).not.toMatch(/HYPERLINK|cmd|WEBSERVICE/);
    const back = await readBack(bytes);
    expect(back.sheets[0]!.rows[0]).toEqual([
      { type: 'number', value: 2, format: 'General' },
      { type: 'text', value: 'ab' },
      { type: 'text', value: 'Acme' },
      { type: 'number', value: 0, format: 'General' },
    ]);
  });

  it('gives the same bytes for the same port', () => {
    expect(workbookToXlsx(validWorkbook())).toEqual(workbookToXlsx(validWorkbook()));
  });

  it('the fixture workbook and the one every rule uses validate the same after the reader', async () => {
    for (const input of [validWorkbook(), everyRuleWorkbook()]) {
      const direct = validateWorkbook(input);
      const back = validateWorkbook(await readBack(workbookToXlsx(input)));
      expect(back.findings).toEqual(direct.findings);
      expect(canonicalJson(back.enrollment)).toBe(canonicalJson(direct.enrollment));
    }
  });

  it('a package of a rebuilt workbook passes verify, the workbook read by the command line’s reader', async () => {
    const enrollment = enrollmentOf(everyRuleWorkbook());
    const built = await buildPackage(enrollment, workbookToXlsx(enrollmentToWorkbook(enrollment)), {
      source: 'rebuilt-from-values',
      toolVersion: '0.1.0',
      now: new Date('2025-03-14T09:26:53.589Z'),
    });
    const result = await verifyPackage(built.bytes, { readWorkbook: (bytes) => readBack(bytes) });
    expect(result.problems).toEqual([]);
    expect(result.manifest?.workbookSource).toBe('rebuilt-from-values');
  });
});
