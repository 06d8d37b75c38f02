import { zipSync } from 'fflate';
import { buildPackage, holdsMacros, workbookToXlsx } from '../../../src/core/package';
import { validWorkbook } from '../fixtures/workbooks';
import { enrollmentOf } from './helpers';

const zip = (names: string[]): Uint8Array =>
  zipSync(Object.fromEntries(names.map((n) => [n, new TextEncoder().encode('x')])));

describe('holdsMacros', () => {
  it.each([
    ['a VBA project', ['xl/workbook.xml', 'xl/vbaProject.bin'], true],
    ['a signed VBA project', ['xl/workbook.xml', 'xl/vbaProjectSignature.bin'], true],
    ['Excel 4 macro sheets', ['xl/workbook.xml', 'xl/macrosheets/sheet1.xml'], true],
    ['an ordinary workbook', ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/media/image1.png'], false],
    ['a binary that is not VBA', ['xl/workbook.xml', 'xl/printerSettings/printerSettings1.bin'], false],
  ])('%s', (_label, names, expected) => {
    expect(holdsMacros(zip(names))).toBe(expected);
  });

  it('a file whose ZIP the strict reader does not list is searched for the part names', () => {
    const enc = new TextEncoder();
    expect(holdsMacros(enc.encode('PK\u0003\u0004 not really a workbook'))).toBe(false);
    expect(holdsMacros(enc.encode('PK\u0003\u0004....xl/vbaProject.bin....'))).toBe(true);
  });

  it('the rebuilt workbook holds none', () => {
    expect(holdsMacros(workbookToXlsx(validWorkbook()))).toBe(false);
  });
});

describe('buildPackage', () => {
  it('refuses an original file that holds macros, and takes it rebuilt', async () => {
    const enrollment = enrollmentOf(validWorkbook());
    const options = { toolVersion: '0.1.0', now: new Date('2026-12-01T00:00:00Z') } as const;
    const xlsm = zip(['[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin']);
    await expect(buildPackage(enrollment, xlsm, { ...options, source: 'original-file' })).rejects.toThrow(
      /holds macros, which are never packaged/,
    );
    const rebuilt = workbookToXlsx(validWorkbook());
    await expect(
      buildPackage(enrollment, rebuilt, { ...options, source: 'rebuilt-from-values' }),
    ).resolves.toMatchObject({ manifest: { workbookSource: 'rebuilt-from-values' } });
  });
});
