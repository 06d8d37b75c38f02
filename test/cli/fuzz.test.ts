/**
 * A bounded mutation fuzz of the readers (issue 15): a few hundred mutants of the example
 * workbook and of its package, from a fixed seed, through `validate` and `verify` in-process.
 * Any exit but 0, 1 or 2, an "internal error", a stack trace, or more than one line on standard
 * error when the file is refused fails the test, naming the mutant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { cli, EXAMPLE, tempDir } from './helpers';
import { prng } from '../../src/core/preview/generator';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
jest.setTimeout(120_000);

/** Fragments that reach the readers' edges: the grid's bounds, limits, entities, bad bytes. */
const TOKENS = [
  '<row r="1048577">',
  '<row r="4294967295"><c r="A4294967295"><v>1</v></c></row>',
  '<c r="XFE1"><v>1</v></c>',
  '<c r="XFD2"><v>1</v></c>',
  '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<mergeCell ref="A1:D1048576"/>',
  '<mergeCell ref="B2:A1:C3"/>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;&a;&a;',
  '&#0;&#xFFFFFFFF;',
  '<a>'.repeat(150),
  '<c r="A2" t="s"><v>999999</v></c>',
  '<c r="A2" t="e"><v>#N/A</v></c>',
  '<c r="A2"><f>HYPERLINK("http://example.com")</f><v>1</v></c>',
  '<c r="A2" t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r></is></c>',
  '<sheet name="Accounts" sheetId="9" r:id="rId99"/>',
  '<sheet name="x"',
  '\u0000',
  '"',
  '>',
];
const BAD_BYTES = [Uint8Array.from([0xff]), Uint8Array.from([0xc3, 0x28]), Uint8Array.from([0xed, 0xa0, 0x80])];

const utf8 = new TextEncoder();

function mutateBytes(data: Uint8Array, rnd: () => number): { bytes: Uint8Array; what: string } {
  const at = Math.floor(rnd() * Math.max(1, data.length));
  const pick = rnd();
  if (pick < 0.25) {
    const out = Uint8Array.from(data);
    const n = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < n; i++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
    return { bytes: out, what: `${n} random bytes` };
  }
  if (pick < 0.4) {
    const length = Math.floor(rnd() * 400);
    return { bytes: concat(data.subarray(0, at), data.subarray(at + length)), what: `deleted ${length} at ${at}` };
  }
  if (pick < 0.55) {
    const length = Math.floor(rnd() * 2000);
    return {
      bytes: concat(data.subarray(0, at), data.subarray(at, at + length), data.subarray(at)),
      what: `duplicated ${length} at ${at}`,
    };
  }
  if (pick < 0.65) {
    const bad = BAD_BYTES[Math.floor(rnd() * BAD_BYTES.length)]!;
    return { bytes: concat(data.subarray(0, at), bad, data.subarray(at)), what: `bad UTF-8 at ${at}` };
  }
  const token = TOKENS[Math.floor(rnd() * TOKENS.length)]!;
  // Most tokens belong between tags: insert just before a `<`.
  let before = at;
  while (before < data.length && data[before] !== 0x3c) before++;
  return {
    bytes: concat(data.subarray(0, before), utf8.encode(token), data.subarray(before)),
    what: `inserted ${JSON.stringify(token.slice(0, 40))} at ${before}`,
  };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Mutates one part of a ZIP and packs it again (so the mutation reaches the XML, past the CRCs). */
function mutatePart(zipBytes: Uint8Array, rnd: () => number, only?: RegExp): { bytes: Uint8Array; what: string } {
  const files = unzipSync(zipBytes);
  const names = Object.keys(files).filter((n) => only === undefined || only.test(n));
  const name = names[Math.floor(rnd() * names.length)]!;
  const m = mutateBytes(files[name]!, rnd);
  const zippable: Zippable = {};
  for (const [n, data] of Object.entries(files)) zippable[n] = n === name ? m.bytes : data;
  return { bytes: zipSync(zippable), what: `${name}: ${m.what}` };
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

async function expectClean(command: 'validate' | 'verify', bytes: Uint8Array, what: string): Promise<void> {
  const file = tmp.path(command === 'verify' ? 'mutant.zip' : 'mutant.xlsx');
  writeFileSync(file, bytes);
  const r = await cli(command, file);
  const problem =
    ![0, 1, 2].includes(r.code) || /internal error/.test(r.stderr) || STACK.test(r.stdout + r.stderr)
      ? 'a bad exit, an internal error or a stack trace'
      : r.code === 2 && r.stderr.trimEnd().split('\n').length !== 1
        ? 'not one line on standard error'
        : null;
  if (problem !== null) {
    throw new Error(
      `${command} of a mutant (${what}): ${problem}: exit ${r.code}\n${r.stderr}${r.stdout.slice(0, 500)}`,
    );
  }
}

const SEED = 20261201;
const example = readFileSync(EXAMPLE);

it('validate: 200 mutants of the example, in its XML parts and in its bytes', async () => {
  const rnd = prng(SEED);
  const exits = new Map<string, number>();
  for (let i = 0; i < 200; i++) {
    const m = i % 4 === 3 ? mutateBytes(example, rnd) : mutatePart(example, rnd, /\.xml$|\.rels$/);
    await expectClean('validate', m.bytes, `#${i} ${m.what}`);
    exits.set(m.what.split(':')[0]!, (exits.get(m.what.split(':')[0]!) ?? 0) + 1);
  }
  // The mutants reached the parts that matter, not only the ZIP's bytes.
  expect([...exits.keys()].filter((k) => k.startsWith('xl/worksheets/')).length).toBeGreaterThan(0);
});

it('verify: 100 mutants of the example package', async () => {
  const file = tmp.path('example.zip');
  const made = await cli('package', EXAMPLE, '-o', file);
  expect(made.code).toBe(0);
  const pkg = readFileSync(file);
  const rnd = prng(SEED + 1);
  for (let i = 0; i < 100; i++) {
    const m = i % 2 === 0 ? mutateBytes(pkg, rnd) : mutatePart(pkg, rnd);
    await expectClean('verify', m.bytes, `#${i} ${m.what}`);
  }
});
