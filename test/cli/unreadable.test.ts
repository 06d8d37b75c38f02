/**
 * Files that are not workbooks get one line saying what they are and what to do, and nothing
 * else: not a ZIP library's error, never a stack trace.
 */
import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { readWorkbookBytes, readWorkbookFile, UnreadableWorkbookError } from '../../src/cli/xlsx-read';
import { EXAMPLE, FIXTURES, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function reason(path: string): Promise<string> {
  const outcome = await readWorkbookFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof UnreadableWorkbookError))
    throw new Error(`expected UnreadableWorkbookError, got ${String(outcome)}`);
  expect(outcome.message).not.toMatch(/\n/);
  return outcome.message;
}

function file(name: string, content: Uint8Array | string): string {
  const path = tmp.path(name);
  writeFileSync(path, content);
  return path;
}

const example = readFileSync(EXAMPLE);

describe('what the file is', () => {
  it('a missing file', async () => {
    expect(await reason(tmp.path('nope.xlsx'))).toBe('no such file');
  });

  it('a directory', async () => {
    const dir = tmp.path('folder.xlsx');
    mkdirSync(dir);
    expect(await reason(dir)).toMatch(/is a directory/);
  });

  // root reads anything, so this one only runs as another user.
  (process.getuid?.() === 0 ? it.skip : it)('an unreadable file', async () => {
    const path = file('locked.xlsx', example);
    chmodSync(path, 0o000);
    expect(await reason(path)).toBe('permission denied');
  });

  it('an empty file', async () => {
    expect(await reason(file('empty.xlsx', ''))).toMatch(/empty/);
  });

  it('a text file renamed .xlsx', async () => {
    expect(await reason(file('accounts.xlsx', 'Account Name,AWS Account ID\nProd,012345678901\n'))).toMatch(
      /text file .*CSV.*not an Excel workbook/,
    );
  });

  it('an HTML page saved as .xlsx', async () => {
    expect(await reason(file('page.xlsx', '<!DOCTYPE html><html><body>Sign in</body></html>'))).toMatch(/HTML page/);
  });

  it('a PDF', async () => {
    expect(await reason(file('doc.xlsx', '%PDF-1.7\n%\u00e2\u00e3\n'))).toMatch(/PDF/);
  });

  it('random binary', async () => {
    expect(await reason(file('noise.xlsx', new Uint8Array([0, 1, 2, 3, 250, 251, 0, 9])))).toMatch(/not a ZIP/);
  });

  it('a password-protected workbook (saved so by LibreOffice)', async () => {
    expect(await reason(`${FIXTURES}/encrypted.xlsx`)).toMatch(/password-protected/);
  });

  it('an Excel 97-2003 .xls (saved so by LibreOffice)', async () => {
    expect(await reason(`${FIXTURES}/excel-97.xls`)).toMatch(/old Excel 97-2003 workbook \(\.xls\)/);
  });

  it('some other OLE compound file', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await reason(file('ole.xlsx', ole))).toMatch(/password-protected workbook or an old Excel 97-2003 \.xls/);
  });

  it.each([
    ['half of it', Math.floor(example.length / 2)],
    ['all but its last bytes', example.length - 10],
    ['its first 100 bytes', 100],
  ])('a truncated copy of the example: %s', async (_label, length) => {
    expect(await reason(file(`truncated-${length}.xlsx`, example.subarray(0, length)))).toMatch(
      /damaged: its ZIP structure is truncated or corrupt/,
    );
  });

  it('a ZIP that is not a workbook', async () => {
    expect(await reason(file('photos.xlsx', zipSync({ 'a.txt': strToU8('hello') })))).toMatch(/no xl\/workbook\.xml/);
  });

  it('a Word document', async () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(await reason(file('letter.xlsx', docx))).toMatch(/Word document/);
  });

  it('an OpenDocument spreadsheet', async () => {
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': strToU8('<x/>'),
    });
    expect(await reason(file('sheet.xlsx', ods))).toMatch(/OpenDocument/);
  });

  it('an .xlsb', async () => {
    const xlsb = zipSync({ 'xl/workbook.bin': new Uint8Array([1, 2, 3]) });
    expect(await reason(file('binary.xlsx', xlsb))).toMatch(/\.xlsb/);
  });

  it('a workbook whose XML is broken', async () => {
    const broken = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'),
      'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>'),
    });
    // Either reader may make something of it, or neither; it must not be anything but these two.
    const outcome = await readWorkbookFile(file('broken.xlsx', broken)).then(
      (r) => ({ sheets: r.workbook.sheets.length }),
      (e: unknown) => e,
    );
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(UnreadableWorkbookError);
      expect(outcome.message).not.toMatch(/\n/);
    } else {
      expect(outcome).toEqual({ sheets: expect.any(Number) });
    }
  });
});

describe('never anything but a workbook or UnreadableWorkbookError', () => {
  const settle = (bytes: Uint8Array): Promise<unknown> =>
    readWorkbookBytes(Buffer.from(bytes)).then(
      () => 'read',
      (e: unknown) => e,
    );

  it.each([
    ['anything', []],
    ['after a ZIP signature', [0x50, 0x4b, 0x03, 0x04]],
    ['after an OLE signature', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ])('on random bytes: %s', async (_label, prefix) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (tail) => {
        const outcome = await settle(Uint8Array.from([...prefix, ...tail]));
        return outcome === 'read' || outcome instanceof UnreadableWorkbookError;
      }),
      { numRuns: 200 },
    );
  });

  it('on the example with bytes overwritten', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: example.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const bytes = Uint8Array.from(example);
          for (const [at, value] of edits) bytes[at] = value;
          const outcome = await settle(bytes);
          return outcome === 'read' || outcome instanceof UnreadableWorkbookError;
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
