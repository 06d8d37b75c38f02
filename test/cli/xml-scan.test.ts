/** The linear tag scanner in front of the reader: what it visits, what it refuses. */
import fc from 'fast-check';
import { forEachTag, parseAttributes, rawAttribute, XmlScanError } from '../../src/cli/xml-scan';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

/** The visited tags as `name depth {attributes}`. */
function visits(xml: string, names: string[], maxDepth = 100): string[] {
  const buf = bytes(xml);
  const out: string[] = [];
  forEachTag(buf, maxDepth, names, (tag) => {
    const attrs = parseAttributes(buf.toString('utf8', tag.attrStart, tag.attrEnd));
    out.push(`${tag.name} ${tag.depth} ${JSON.stringify(Object.fromEntries(attrs))}`);
  });
  return out;
}

describe('forEachTag', () => {
  it('visits the tags asked for, by local name, with their depth and attributes', () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="u"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><c r=\'B1\'/></x:row></x:sheetData></x:worksheet>';
    expect(visits(xml, ['row', 'c'])).toEqual(['row 3 {"r":"1"}', 'c 4 {"r":"A1","t":"s"}', 'c 4 {"r":"B1"}']);
  });

  it('skips comments, CDATA and processing instructions, and a ">" inside an attribute value', () => {
    const xml = '<a><!-- <c r="X1"> --><![CDATA[<c r="Y1">]]><?pi <c?><c r="A1" f="x>y"/></a>';
    expect(visits(xml, ['c'])).toEqual(['c 2 {"r":"A1","f":"x>y"}']);
  });

  it('refuses a document type declaration (entities are how XML bombs are made)', () => {
    expect(() => visits('<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', [])).toThrow(/document type declaration/);
  });

  it('refuses unterminated tags and stray closing tags', () => {
    expect(() => visits('<a><b', [])).toThrow(/unterminated tag/);
    expect(() => visits('<a></a></b>', [])).toThrow(/closing tag without its start/);
    expect(() => visits('<a b="<"', [])).toThrow(XmlScanError);
  });

  it('counts depth against the limit, as a limit (not as damage)', () => {
    const deep = '<a>'.repeat(101) + '</a>'.repeat(101);
    let error: unknown;
    try {
      visits(deep, []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlScanError);
    expect((error as XmlScanError).tooDeep).toBe(true);
    expect(visits('<a>'.repeat(100) + '</a>'.repeat(100), ['a'])).toHaveLength(100);
    // Empty elements do not nest.
    expect(visits('<a>' + '<b/>'.repeat(500) + '</a>', ['b'], 2)).toHaveLength(500);
  });
});

describe('parseAttributes', () => {
  it('reads both quotes, decodes references, keeps the first of a repeated name', () => {
    expect(Object.fromEntries(parseAttributes(' name="A &amp; B &#x41;&#66;" r:id = \'rId1\' name="again"'))).toEqual({
      name: 'A & B AB',
      'r:id': 'rId1',
    });
  });

  it('stops at what is malformed and returns what it read', () => {
    expect(Object.fromEntries(parseAttributes(' a="1" b c="3"'))).toEqual({ a: '1' });
    expect(Object.fromEntries(parseAttributes(' a="1" b="unclosed'))).toEqual({ a: '1' });
  });

  it('agrees with rawAttribute on generated tags', () => {
    const name = fc.stringMatching(/^[a-z][a-zA-Z:]{0,6}$/);
    const value = fc.stringMatching(/^[a-zA-Z0-9 >/]{0,10}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 5 }), (attrs) => {
        const tag = `<t ${attrs.map(([n, v]) => `${n}="${v}"`).join(' ')}/>`;
        const buf = bytes(tag);
        forEachTag(buf, 10, ['t'], (t) => {
          const parsed = parseAttributes(buf.toString('utf8', t.attrStart, t.attrEnd));
          for (const [n, v] of attrs) {
            expect(parsed.get(n)).toBe(v);
            expect(rawAttribute(buf, t, n)).toBe(v);
          }
        });
      }),
    );
  });

  it('reads pathological input of the maximum cell size (32,767 characters) in one pass', () => {
    // Each run of name characters without "=" made the pattern it replaced backtrack over the
    // rest of the tag: quadratic, 40-60 s on a 12 KB workbook.xml.
    const long = 'a'.repeat(32_767);
    const src = Array.from({ length: 8 }, () => ` ${long} ${long}= x${long}`).join('');
    expect(parseAttributes(src).size).toBe(0);
    const ok = ` name="${long}"`;
    expect(parseAttributes(ok.repeat(1)).get('name')).toHaveLength(32_767);
  });
});
