/** The sheet XML parser on what writers put there: each stored type, prefixes, missing `r`, escapes. */
import {
  isDateFormat,
  parseSharedStrings,
  parseSheet,
  parseStyles,
  parseTable,
  type SheetContext,
} from '../../src/cli/ooxml';

const xml = (s: string): Uint8Array => new TextEncoder().encode(s);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheetXml = (cells: string, rest = ''): Uint8Array =>
  xml(`<?xml version="1.0"?><worksheet ${NS}><sheetData>${cells}</sheetData>${rest}</worksheet>`);

const ctx: SheetContext = {
  sharedStrings: ['Standard Resale', '012345678901'],
  formats: ['General', '000000000000', 'yyyy-mm-dd', '@'],
  date1904: false,
};

describe('parseSheet', () => {
  it('reads each cell by its stored type, formulas’ cached results included', () => {
    const { rows } = parseSheet(
      sheetXml(
        '<row r="1">' +
          '<c r="A1" t="s"><f>VLOOKUP(1,X!A:B,2,FALSE)</f><v>0</v></c>' + // Gnumeric: a text result as a shared string
          '<c r="B1" t="str"><f>TEXT(1,"000000000000")</f><v>000000000001</v></c>' +
          '<c r="C1" t="str"><f>""</f><v></v></c>' + // an empty-text result
          '<c r="D1" t="inlineStr"><is><t>inline</t></is></c>' +
          '<c r="E1" t="b"><f>1&gt;0</f><v>1</v></c>' +
          '<c r="F1" t="e"><f>NA()</f><v>#N/A</v></c>' +
          '<c r="G1" s="1"><v>12345678901</v></c>' +
          '<c r="H1" s="2"><v>45627</v></c>' +
          '<c r="I1" t="d"><v>2024-12-01T00:00:00</v></c>' +
          '<c r="J1"><f>NOW()</f></c>' + // no saved result
          '<c r="K1" s="3"><v>7</v></c>' +
          '</row>',
      ),
      ctx,
    );
    expect(rows[0]).toEqual([
      { type: 'text', value: 'Standard Resale', formula: '=VLOOKUP(1,X!A:B,2,FALSE)' },
      { type: 'text', value: '000000000001', formula: '=TEXT(1,"000000000000")' },
      { type: 'text', value: '', formula: '=""' },
      { type: 'text', value: 'inline' },
      { type: 'boolean', value: true, formula: '=1>0' },
      { type: 'error', value: '#N/A', formula: '=NA()' },
      { type: 'number', value: 12345678901, format: '000000000000' },
      { type: 'date', value: new Date(Date.UTC(2024, 11, 1)) },
      { type: 'date', value: new Date(Date.UTC(2024, 11, 1)) },
      { type: 'empty', formula: '=NOW()' },
      { type: 'number', value: 7, format: '@' },
    ]);
  });

  it('places cells without `r` after the one before, and rows without `r` after the row before', () => {
    const { rows } = parseSheet(
      sheetXml('<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>'),
      ctx,
    );
    expect(Array.from(rows[0] ?? [], (c) => (c && 'value' in c ? c.value : null))).toEqual([1, null, 3, 4]);
    expect(rows[1]?.[0]).toEqual({ type: 'number', value: 5, format: 'General' });
  });

  it('reads prefixed elements, leaves out phonetic runs, decodes _xHHHH_ and entities', () => {
    const { rows, merges } = parseSheet(
      xml(
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2">' +
          '<x:c r="B2" t="inlineStr"><x:is><x:r><x:t>Sub</x:t></x:r><x:r><x:t xml:space="preserve">set &amp; 1_x000D_</x:t></x:r><x:rPh><x:t>phonetic</x:t></x:rPh></x:is></x:c>' +
          '</x:row></x:sheetData><x:mergeCells><x:mergeCell ref="$B$2:C3"/></x:mergeCells></x:worksheet>',
      ),
      ctx,
    );
    expect(rows[1]?.[1]).toEqual({ type: 'text', value: 'Subset & 1\r' });
    expect(merges).toEqual(['B2:C3']);
  });

  it('gives shared formulas’ dependents their own translated text', () => {
    const { rows } = parseSheet(
      sheetXml(
        '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row>' +
          '<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row>' +
          '<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c></row>',
      ),
      ctx,
    );
    expect(rows.map((r) => r?.[0]?.formula)).toEqual(['=B1*2', '=B2*2', '=B3*2']);
  });

  it('turns what cannot be a value into an error, not a guess', () => {
    const { rows } = parseSheet(
      sheetXml(
        '<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1"><v>1e999</v></c><c r="C1" t="d"><v>nope</v></c></row>',
      ),
      ctx,
    );
    expect(rows[0]).toEqual([
      { type: 'error', value: '#REF!' },
      { type: 'error', value: '#NUM!' },
      { type: 'error', value: '#VALUE!' },
    ]);
  });

  it('lists its table parts, and throws on XML that is not well-formed', () => {
    const { tableParts } = parseSheet(
      sheetXml('', '<tableParts count="1"><tablePart r:id="rId3" xmlns:r="urn:r"/></tableParts>'),
      ctx,
    );
    expect(tableParts).toEqual(['rId3']);
    expect(() => parseSheet(xml('<worksheet><sheetData><row></sheetData>'), ctx)).toThrow();
  });
});

describe('the other parts', () => {
  it('shared strings: plain and rich items in order, phonetic runs left out', () => {
    expect(
      parseSharedStrings(
        xml(
          `<sst ${NS}><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r><rPh><t>x</t></rPh></si><si><t/></si></sst>`,
        ),
      ),
    ).toEqual(['a', 'bc', '']);
    expect(parseSharedStrings(undefined)).toEqual([]);
  });

  it('styles: each cell style’s number format, custom or built in', () => {
    expect(
      parseStyles(
        xml(
          `<styleSheet ${NS}><numFmts><numFmt numFmtId="164" formatCode="000000000000"/></numFmts>` +
            '<cellStyleXfs><xf numFmtId="3"/></cellStyleXfs>' +
            '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="49"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        ),
      ),
    ).toEqual(['General', '000000000000', '@', 'mm-dd-yy']);
  });

  it('tables: the range and the schema’s defaults for header and totals rows', () => {
    expect(parseTable(xml(`<table ${NS} ref="A1:D8" totalsRowCount="1"/>`))).toEqual({
      ref: 'A1:D8',
      headerRows: 1,
      totalsRows: 1,
    });
    expect(parseTable(xml(`<table ${NS} ref="A2:D8" headerRowCount="0" totalsRowShown="0"/>`))).toEqual({
      ref: 'A2:D8',
      headerRows: 0,
      totalsRows: 0,
    });
  });

  it('date formats', () => {
    for (const f of ['yyyy-mm-dd', 'mm-dd-yy', 'd-mmm', 'h:mm', '[$-409]mmmm d, yyyy'])
      expect(isDateFormat(f)).toBe(true);
    for (const f of ['General', '0', '000000000000', '@', '"days"0', '0.00E+00', '[Red]0'])
      expect(isDateFormat(f)).toBe(false);
  });
});
