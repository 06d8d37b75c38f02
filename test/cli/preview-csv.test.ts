/**
 * The command line's CSV reader (papaparse over Node's zlib): records as the file holds them,
 * quoted fields, a byte-order mark, characters split between chunks, and the CSV it refuses
 * (a ragged row, a blank row before the end, a quote left open, a broken gzip), each naming the
 * file and the row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PreviewInputError } from '../../src/core/preview/dialects';
import { csvRecords } from '../../src/cli/preview-read';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function records(path: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const record of csvRecords(path)) out.push(record);
  return out;
}

async function refusal(path: string): Promise<string> {
  try {
    await records(path);
  } catch (e) {
    if (e instanceof PreviewInputError) return e.note.message;
    throw e;
  }
  throw new Error(`${path} was read`);
}

function file(name: string, body: string | Buffer): string {
  const path = tmp.path(name);
  writeFileSync(path, body);
  return path;
}

test('records as written: quotes, commas and line breaks inside quotes, a BOM, CRLF, the blank last line', async () => {
  const path = file('quoted.csv', '\ufeffa,b,c\r\n1,"two, and ""three""","line\none"\r\n4,,6\r\n');
  expect(await records(path)).toEqual([
    ['a', 'b', 'c'],
    ['1', 'two, and "three"', 'line\none'],
    ['4', '', '6'],
  ]);
});

test('gzipped, large: every row, and characters split between chunks stay whole', async () => {
  const rows = 40_000;
  const lines = ['id,description'];
  for (let i = 0; i < rows; i++) lines.push(`${i},Café à Zürich — ${'é'.repeat(i % 7)}`);
  const path = file('large.csv.gz', gzipSync(Buffer.from(lines.join('\n') + '\n')));
  const read = await records(path);
  expect(read).toHaveLength(rows + 1);
  expect(read.every((r, i) => i === 0 || r[1] === `Café à Zürich — ${'é'.repeat((i - 1) % 7)}`)).toBe(true);
  expect(read[rows]).toEqual([String(rows - 1), `Café à Zürich — ${'é'.repeat((rows - 1) % 7)}`]);
});

test('a second pass reads the file again from the start', async () => {
  const path = file('twice.csv', 'a,b\n1,2\n3,4\n');
  const source = csvRecords(path);
  for await (const first of source) {
    expect(first).toEqual(['a', 'b']);
    break;
  }
  expect(await records(path)).toEqual([
    ['a', 'b'],
    ['1', '2'],
    ['3', '4'],
  ]);
});

test('refused, naming the file and the row: ragged rows, a blank row before the end, an open quote', async () => {
  expect(await refusal(file('ragged.csv', 'a,b,c\n1,2,3\n1,2\n'))).toMatch(
    /ragged\.csv cannot be read: it is not valid CSV \(row 3 has 2 fields where the header has 3\)/,
  );
  expect(await refusal(file('blank.csv', 'a,b\n1,2\n\n3,4\n'))).toMatch(
    /blank\.csv .*not valid CSV \(row 3 is blank\)/,
  );
  expect(await refusal(file('quote.csv', 'a,b\n1,"2\n3,4\n'))).toMatch(
    /quote\.csv cannot be read: it is not valid CSV/,
  );
  // Blank rows at the very end are no line items, and no error.
  expect(await records(file('tail.csv', 'a,b\n1,2\n\n\n'))).toEqual([
    ['a', 'b'],
    ['1', '2'],
  ]);
});

test('refused: not gzip, no such file, a folder', async () => {
  expect(await refusal(file('broken.csv.gz', 'a,b\n1,2\n'))).toMatch(
    /broken\.csv\.gz cannot be read: it is not a valid gzip file/,
  );
  expect(await refusal(tmp.path('missing.csv'))).toMatch(/missing\.csv cannot be read: there is no such file/);
  mkdirSync(tmp.path('folder.csv'));
  expect(await refusal(tmp.path('folder.csv'))).toMatch(/folder\.csv cannot be read: it is a folder/);
});
