import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/package';

describe('canonicalJson', () => {
  it('sorts keys, keeps array order, indents by two spaces and ends with one LF', () => {
    const value = { b: [3, 1, { z: true, a: null }], a: 'x', A: { '': 0, é: -1.5e-7, _: [] }, c: {} };
    expect(canonicalJson(value)).toBe(
      [
        '{',
        '  "A": {',
        '    "": 0,',
        '    "_": [],',
        '    "é": -1.5e-7',
        '  },',
        '  "a": "x",',
        '  "b": [',
        '    3,',
        '    1,',
        '    {',
        '      "a": null,',
        '      "z": true',
        '    }',
        '  ],',
        '  "c": {}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('orders keys by UTF-16 code units, not by locale', () => {
    // Locale order would put "a" before "B" and "ä" next to "a"; code units put capitals first and "ä" last.
    expect(canonicalJson({ a: 1, B: 2, ä: 3, Z: 4 })).toBe('{\n  "B": 2,\n  "Z": 4,\n  "a": 1,\n  "ä": 3\n}\n');
  });

  it('prints scalars as JSON.stringify does, escapes included', () => {
    expect(canonicalJson('line\nbreak "quoted" \u2028 \ud800')).toBe(
      `${JSON.stringify('line\nbreak "quoted" \u2028 \ud800')}\n`,
    );
    expect(canonicalJson(-0)).toBe('0\n');
    expect(canonicalJson([1e21, 0.1, 12345678901234567890])).toBe('[\n  1e+21,\n  0.1,\n  12345678901234567000\n]\n');
  });

  it('leaves out members whose value is undefined, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
    expect(canonicalJson({ a: undefined })).toBe('{}\n');
  });

  it.each([
    ['NaN', { a: Number.NaN }, /\$\.a is NaN/],
    ['Infinity', [Infinity], /\$\[0\] is Infinity/],
    ['undefined in an array', [1, undefined], /\$\[1\] is undefined/],
    ['a Date', { when: new Date(0) }, /\$\.when is not a plain object/],
    ['a Map', new Map(), /\$ is not a plain object/],
    ['a bigint', { n: 1n }, /\$\.n is a bigint/],
    ['a function', { f: () => 1 }, /\$\.f is a function/],
    ['undefined', undefined, /\$ is undefined/],
  ])('refuses %s', (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['k'] = 1;
    expect(canonicalJson(bare)).toBe('{\n  "k": 1\n}\n');
  });

  it('property: the same value built in any key order gives the same text, which parses back to the value', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !Object.is(v, -0));
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        const shuffled = shuffleKeys(value, seed);
        const out = canonicalJson(value);
        expect(canonicalJson(shuffled)).toBe(out);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(out.endsWith('\n') && !out.endsWith('\n\n')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** The same value with every object's keys inserted in another order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + Math.abs(seed)) % entries.length]!).reverse();
  return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
}
