import { unzipSync, zipSync } from 'fflate';
import { officeHost } from '../../src/excel/host';
import {
  SUBMISSION_LOG_HEADERS,
  SUBMISSION_LOG_SHEET,
  appendSubmissionLog,
  logTime,
  type SubmissionLogEntry,
} from '../../src/excel/submission-log';
import type { MemoryExcel } from '../../src/in-memory-excel';
import { inspectXlsx } from '../../src/core/package/contents';
import { DIRTY_LEFT_OUT, dirtyWorkbook } from '../core/package/helpers';
import { freshExcel, loadValid } from './helpers';

const entry = (over: Partial<SubmissionLogEntry> = {}): SubmissionLogEntry => ({
  time: new Date('2025-03-14T09:30:00.000Z'),
  packageSha256: '0123456789'.repeat(6) + 'abcd',
  fileName: 'acme-012345678901-2025-03-14.zip',
  accounts: 3,
  subsets: 2,
  workflows: 1,
  endCustomers: null,
  destination: 'saved',
  ...over,
});

/** The log sheet's cells as Excel shows them, row by row. */
function shown(host: MemoryExcel): string[][] {
  const s = host.model.sheet(SUBMISSION_LOG_SHEET)!;
  const rows: string[][] = [];
  for (let r = 0; ; r++) {
    const row = SUBMISSION_LOG_HEADERS.map((_, c) => s.text(r, c));
    if (row.every((t) => t === '')) return rows;
    rows.push(row);
  }
}

describe('appendSubmissionLog', () => {
  it('makes the sheet with its header row, then appends one row', async () => {
    const host = freshExcel();
    loadValid(host);
    const r = await Excel.run((context) => appendSubmissionLog(context, entry()));
    expect(r).toEqual({ kind: 'appended', sheet: SUBMISSION_LOG_SHEET, row: 2, created: true });
    expect(shown(host)).toEqual([
      [...SUBMISSION_LOG_HEADERS],
      [
        '2025-03-14 09:30:00Z',
        entry().packageSha256,
        'acme-012345678901-2025-03-14.zip',
        '3',
        '2',
        '1',
        'not yet',
        'saved',
      ],
    ]);
    const s = host.model.sheet(SUBMISSION_LOG_SHEET)!;
    // The time and the SHA-256 stay text (not a date, not a number in scientific notation).
    expect(s.value(1, 0)).toBe('2025-03-14 09:30:00Z');
    expect(s.numberFormat(1, 1)).toBe('@');
    expect(s.value(1, 3)).toBe(3);
  });

  it('twice: two rows, and the earlier row is never changed', async () => {
    const host = freshExcel();
    await Excel.run((context) => appendSubmissionLog(context, entry()));
    const before = shown(host);
    const second = entry({
      time: new Date('2025-03-14T10:00:00Z'),
      packageSha256: 'f'.repeat(64),
      fileName: 'acme-012345678901-2025-03-14-2.zip',
      accounts: null,
      endCustomers: 4,
      destination: 'https://intake.example.com/spot',
    });
    const r = await Excel.run((context) => appendSubmissionLog(context, second));
    expect(r).toEqual({ kind: 'appended', sheet: SUBMISSION_LOG_SHEET, row: 3, created: false });
    const after = shown(host);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toEqual([
      logTime(second.time),
      'f'.repeat(64),
      'acme-012345678901-2025-03-14-2.zip',
      'not listed',
      '2',
      '1',
      '4',
      'https://intake.example.com/spot',
    ]);
  });

  it('appends below the last used row, even after rows the user added', async () => {
    const host = freshExcel();
    await Excel.run((context) => appendSubmissionLog(context, entry()));
    host.type(SUBMISSION_LOG_SHEET, 'A4', 'my note');
    const r = await Excel.run((context) => appendSubmissionLog(context, entry()));
    expect(r).toMatchObject({ kind: 'appended', row: 5 });
    expect(host.model.sheet(SUBMISSION_LOG_SHEET)!.text(3, 0)).toBe('my note');
  });

  it('writes the header row into an existing empty sheet', async () => {
    const host = freshExcel();
    host.addSheet(SUBMISSION_LOG_SHEET);
    const r = await Excel.run((context) => appendSubmissionLog(context, entry()));
    expect(r).toEqual({ kind: 'appended', sheet: SUBMISSION_LOG_SHEET, row: 2, created: false });
    expect(shown(host)[0]).toEqual([...SUBMISSION_LOG_HEADERS]);
  });

  it('leaves a protected log sheet alone and says so', async () => {
    const host = freshExcel();
    await Excel.run((context) => appendSubmissionLog(context, entry()));
    host.model.sheet(SUBMISSION_LOG_SHEET)!.protected = true;
    const before = shown(host);
    await expect(Excel.run((context) => appendSubmissionLog(context, entry()))).resolves.toEqual({
      kind: 'protected',
      sheet: SUBMISSION_LOG_SHEET,
    });
    expect(shown(host)).toEqual(before);
  });

  it('is the host method appendSubmissionLog', async () => {
    const host = freshExcel();
    const office = officeHost();
    await office.appendSubmissionLog!(entry());
    await office.appendSubmissionLog!(entry());
    expect(shown(host)).toHaveLength(3);
  });
});

describe('readForSubmit on the in-memory host (no file API: the fallback path)', () => {
  it('validates, and rebuilds the workbook from the values of the enrollment sheets', async () => {
    const host = freshExcel();
    loadValid(host);
    host.addSheet('Notes', [['private', 'notes']]);
    const read = await officeHost().readForSubmit!();
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(read.enrollment).not.toBeNull();
    expect(read.workbook?.source).toBe('rebuilt-from-values');
    expect(read.workbook?.note).toMatch(/getFileAsync/);
    // An .xlsx (a ZIP) of the contract sheets only.
    const bytes = read.workbook!.bytes;
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).not.toContain('private');
  });

  it('gives no enrollment and no workbook while errors remain', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'not-an-email');
    const read = await officeHost().readForSubmit!();
    expect(read.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(read.enrollment).toBeNull();
    expect(read.workbook).toBeNull();
  });

  /** The host's document gives `bytes` through getFileAsync, in one slice. */
  const giveFile = (host: ReturnType<typeof freshExcel>, bytes: Uint8Array): void => {
    Object.assign(host.Office.context.document, {
      getFileAsync: (_type: unknown, _options: unknown, callback: (r: { status: string; value: unknown }) => void) =>
        callback({
          status: 'succeeded',
          value: {
            size: bytes.length,
            sliceCount: 1,
            getSliceAsync: (index: number, cb: (r: { status: string; value: unknown }) => void) =>
              cb({ status: 'succeeded', value: { index, data: Array.from(bytes) } }),
            closeAsync: (cb?: () => void) => cb?.(),
          },
        }),
    });
  };

  it('takes the file through getFileAsync where the host gives it, to list what it carries; ships the values', async () => {
    const host = freshExcel();
    loadValid(host);
    giveFile(host, await dirtyWorkbook());
    const read = await officeHost().readForSubmit!();
    // One rule for every host (issue 16): never the file itself.
    expect(read.workbook?.source).toBe('rebuilt-from-values');
    expect(read.workbook?.note).toBeUndefined();
    const shipped = inspectXlsx(read.workbook!.bytes);
    expect(shipped.sheets.map((s) => s.name)).toEqual([
      'Enrollment',
      'Accounts',
      'Subset Workflows',
      'Billing Workflows',
      'End Customers',
    ]);
    expect(read.shipment).toEqual({
      sheets: ['Enrollment', 'Accounts', 'Subset Workflows', 'Billing Workflows', 'End Customers'],
      leftOut: DIRTY_LEFT_OUT,
      credentials: [],
    });
  });

  it('without the file (Excel on the web), lists hidden sheets from the sheets as read', async () => {
    const host = freshExcel();
    loadValid(host);
    host.addSheet('Notes', [['private', 'notes']]);
    host.model.sheet('Notes')!.visibility = 'Hidden';
    const read = await officeHost().readForSubmit!();
    expect(read.shipment?.leftOut).toEqual(['hidden sheet "Notes": left out']);
  });

  it('does not list its own Submission Log sheet (a second submission needs no confirmation for it)', async () => {
    const host = freshExcel();
    loadValid(host);
    host.addSheet('Submission Log', [['Time (UTC)']]);
    const read = await officeHost().readForSubmit!();
    expect(read.shipment?.leftOut).toEqual([]);
  });

  it('a credential in a contract sheet blocks, with the cell named', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Accounts', 'F2', 'AKIAIOSFODNN7EXAMPLE');
    const read = await officeHost().readForSubmit!();
    expect(read.shipment?.credentials).toEqual([
      'Accounts!F2 holds what looks like an AWS access key ID. Nothing was packaged: remove it from the workbook (and revoke the credential, since it was in a file), then package again.',
    ]);
  });

  it('never packages macros: an .xlsm the host gives is rebuilt from the values', async () => {
    const host = freshExcel();
    loadValid(host);
    const xlsm = zipSync({ 'xl/workbook.xml': new Uint8Array(1), 'xl/vbaProject.bin': new Uint8Array(8) });
    giveFile(host, xlsm);
    const read = await officeHost().readForSubmit!();
    // One rule for every host (issue 16): the values are rebuilt whatever the file holds.
    expect(read.workbook?.source).toBe('rebuilt-from-values');
    expect(Object.keys(unzipSync(read.workbook!.bytes)).some((n) => /vba/i.test(n))).toBe(false);
  });
});
