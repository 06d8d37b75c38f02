/**
 * inspectXlsx (issue 16, item 2): what an .xlsx carries besides its visible cells, read by the
 * core from the bytes, on files generated here (exceljs, and by hand for hostile shapes).
 */
import { zipSync } from 'fflate';
import { ContentsError, inspectXlsx } from '../../../src/core/package/contents';
import { workbookToXlsx } from '../../../src/core/package';
import { validWorkbook } from '../fixtures/workbooks';
import { EXAMPLE_SECRET, dirtyWorkbook } from './helpers';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A hand-made package: one sheet whose XML is `sheetData`. */
function handMade(sheetXml: string): Uint8Array {
  return zipSync({
    'xl/workbook.xml': enc(
      `<workbook ${MAIN} xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': enc(
      '<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': enc(sheetXml),
  });
}

describe('inspectXlsx', () => {
  it('reads what a careless workbook carries', async () => {
    const c = inspectXlsx(await dirtyWorkbook());
    expect(c.sheets.filter((s) => s.state !== 'visible')).toEqual([
      { name: 'Keys', state: 'veryHidden' },
      { name: 'Notes', state: 'hidden' },
    ]);
    expect(c.properties.map((p) => `${p.part}:${p.name}=${p.value}`)).toEqual([
      'core:creator=Jane Admin',
      'core:lastModifiedBy=Unknown',
      'app:Company=Acme Cloud Partners',
    ]);
    expect(c.comments).toEqual([{ sheet: 'Accounts', cell: 'C3', text: 'ask Bob for the real one' }]);
    expect(c.formulas).toEqual([
      { sheet: 'Accounts', cell: 'F2', formula: '=HYPERLINK("http://evil.example","open")' },
    ]);
    const keys = c.cells.sheets.find((s) => s.name === 'Keys')!;
    expect(keys.rows[0]![1]).toEqual({ type: 'text', value: EXAMPLE_SECRET });
  });

  it('finds nothing in the rebuilt workbook but its visible sheets and values', () => {
    const c = inspectXlsx(workbookToXlsx(validWorkbook()));
    expect(c.sheets.every((s) => s.state === 'visible')).toBe(true);
    expect([c.properties, c.comments, c.externalLinks, c.formulas, c.otherParts]).toEqual([[], [], [], [], []]);
    expect(c.cells.sheets[0]!.rows[1]).toEqual([
      { type: 'text', value: 'MSP Name' },
      { type: 'text', value: 'Acme Cloud Partners' },
    ]);
  });

  it('lists external links, data connections and macros', () => {
    const bytes = zipSync({
      'xl/workbook.xml': enc(`<workbook ${MAIN}><sheets/></workbook>`),
      'xl/_rels/workbook.xml.rels': enc(
        '<Relationships>' +
          '<Relationship Id="rId2" Type="http://x/externalLink" Target="externalLinks/externalLink1.xml"/>' +
          '<Relationship Id="rId3" Type="http://x/connections" Target="connections.xml"/>' +
          '</Relationships>',
      ),
      'xl/externalLinks/externalLink1.xml': enc('<externalLink/>'),
      'xl/externalLinks/_rels/externalLink1.xml.rels': enc(
        '<Relationships><Relationship Id="rId1" Type="http://x/externalLinkPath" Target="file:///C:/Secrets.xlsx" TargetMode="External"/></Relationships>',
      ),
      'xl/connections.xml': enc('<connections><connection id="1" name="Prices &amp; Co"/></connections>'),
      'xl/vbaProject.bin': new Uint8Array([1, 2, 3]),
    });
    const c = inspectXlsx(bytes);
    expect(c.externalLinks).toEqual(['file:///C:/Secrets.xlsx', 'data connection "Prices & Co"']);
    expect(c.otherParts).toEqual(['xl/externalLinks/externalLink1.xml', 'xl/connections.xml', 'xl/vbaProject.bin']);
  });

  it('refuses what is not an .xlsx package, with ContentsError', () => {
    expect(() => inspectXlsx(enc('PK nonsense'))).toThrow(ContentsError);
    expect(() => inspectXlsx(zipSync({ 'a.txt': enc('x') }))).toThrow('no xl/workbook.xml');
  });

  it('is linear on hostile sheet XML: unclosed cells, unclosed tags, long attributes', () => {
    const n = 20_000;
    for (const xml of ['<c r="A1">'.repeat(n), '<c '.repeat(n), `<c r="${'x'.repeat(n * 4)}`, '<'.repeat(n * 4)]) {
      expect(inspectXlsx(handMade(xml)).sheets).toEqual([{ name: 'S', state: 'visible' }]);
    }
  });
});
