/**
 * `msp-enroll package` and `msp-enroll verify` on real .xlsx files: the command functions,
 * in-process (the command line itself is exercised in package-cli.test.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { packageCommand, toolVersion } from '../../src/cli/package-command';
import { verifyCommand } from '../../src/cli/verify-command';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import { canonicalJson, workbookToXlsx } from '../../src/core/package';
import { validateWorkbook } from '../../src/core/validate';
import { EXAMPLE, ROOT, loadWithExcelJs, sheet, tempDir, type RunResult } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function capture(
  run: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>,
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const pack = (file: string, out: string | null, force = false): Promise<RunResult> =>
  capture((io) => packageCommand(file, out, force, io));
const check = (file: string, json = false): Promise<RunResult> => capture((io) => verifyCommand(file, json, io));

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

/** Rewrites a package's entries (in order), optionally with manifest.json's hashes brought up to date. */
function repack(path: string, out: string, edit: (files: Record<string, Uint8Array>) => void): void {
  const files = unzipSync(readFileSync(path));
  edit(files);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = data;
  writeFileSync(out, zipSync(zippable));
}

describe('msp-enroll package', () => {
  it('packages the example workbook: its sheets rebuilt from values, the enrollment as validated, a manifest saying so', async () => {
    const out = tmp.path('example.zip');
    const r = await pack(EXAMPLE, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^workbook.xlsx ships the values of: "Enrollment", "Accounts", "Subset Workflows", "Billing Workflows", "End Customers"\n` +
          `Left out \\(--include SHEET to ship a sheet too\\):\n` +
          `  document properties: left out \\(creator "msp-enroll", lastModifiedBy "Unknown"\\)\n` +
          `Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes\\): workbook.xlsx, enrollment.json, enrollment.schema.json, ticket.txt, manifest.json\n` +
          `  Northwind Cloud Services, Spot org 606012345678, management account 004217869350, packaged \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\n` +
          `Check it with: msp-enroll verify .*example\\.zip\n$`,
      ),
    );
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files)).toEqual([
      'workbook.xlsx',
      'enrollment.json',
      'enrollment.schema.json',
      'ticket.txt',
      'manifest.json',
    ]);
    const read = (await readWorkbookFile(EXAMPLE)).workbook;
    expect(Buffer.from(files['workbook.xlsx']!).equals(Buffer.from(workbookToXlsx(read)))).toBe(true);
    const { enrollment } = validateWorkbook(read);
    expect(text(files['enrollment.json'])).toBe(canonicalJson(enrollment));
    const manifest = JSON.parse(text(files['manifest.json'])) as Record<string, unknown>;
    expect(manifest['workbookSource']).toBe('rebuilt-from-values');
    expect(manifest['tool']).toEqual({ name: 'msp-enroll', version: toolVersion() });
  });

  it('takes its version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(toolVersion()).toBe(pkg.version);
  });

  it('then verify passes it: exit 0, what was checked on stdout', async () => {
    const out = tmp.path('roundtrip.zip');
    expect((await pack(EXAMPLE, out)).code).toBe(0);
    const r = await check(out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^OK .*roundtrip\.zip\n {2}Northwind Cloud Services, Spot org 606012345678, management account 004217869350\n/,
    );
    expect(r.stdout).toContain('workbook.xlsx gives the same enrollment');
    const json = await check(out, true);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, problems: [] });
  });

  it('two packages of the same workbook differ only in manifest.json’s packagedAt', async () => {
    const a = tmp.path('twice-a.zip');
    const b = tmp.path('twice-b.zip');
    expect((await pack(EXAMPLE, a)).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await pack(EXAMPLE, b)).code).toBe(0);
    const fa = unzipSync(readFileSync(a));
    const fb = unzipSync(readFileSync(b));
    for (const name of ['workbook.xlsx', 'enrollment.json', 'enrollment.schema.json', 'ticket.txt']) {
      expect(Buffer.from(fb[name]!).equals(Buffer.from(fa[name]!))).toBe(true);
    }
    const at = /"packagedAt": "[^"]+"/;
    expect(text(fb['manifest.json']).replace(at, '')).toBe(text(fa['manifest.json']).replace(at, ''));
  });

  it('refuses a workbook with errors: exit 1, the findings on stdout, nothing written', async () => {
    const workbook = await loadWithExcelJs(EXAMPLE);
    sheet(workbook, 'Accounts').getCell('C3').value = '12345';
    const bad = tmp.path('bad.xlsx');
    await workbook.xlsx.writeFile(bad);
    const out = tmp.path('bad.zip');
    const r = await pack(bad, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Accounts!C3 {2}error {2}"12345" has 5 digits/);
    expect(r.stdout).toMatch(/\n\n1 error in 1 sheet\n$/);
    expect(r.stderr).toBe(`msp-enroll: ${bad} has errors, so nothing was packaged. Fix them, then package again.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('packages a workbook with warnings only, and prints them', async () => {
    const workbook = await loadWithExcelJs(EXAMPLE);
    sheet(workbook, 'Subset Workflows').addRow(['Subset 9', 'Workflow 1']);
    const warned = tmp.path('warned.xlsx');
    await workbook.xlsx.writeFile(warned);
    const r = await pack(warned, tmp.path('warned.zip'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^'Subset Workflows'!A7 {2}warning {2}Subset "Subset 9" has no account/);
    expect(r.stdout).toMatch(/\nWrote /);
  });

  it('never overwrites: refuses an existing OUT (exit 1, file untouched) unless --force', async () => {
    const out = tmp.path('taken.zip');
    writeFileSync(out, 'keep me');
    const r = await pack(EXAMPLE, out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`msp-enroll: ${out} already exists; use --force to replace it, or choose another -o\n`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await pack(EXAMPLE, out, true);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await check(out)).code).toBe(0);
  });

  it('refuses to write the package over the workbook itself, even with --force', async () => {
    const copy = tmp.path('self.xlsx');
    writeFileSync(copy, readFileSync(EXAMPLE));
    const r = await pack(copy, copy, true);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`msp-enroll: ${copy} is the workbook itself; choose another -o\n`);
    expect(readFileSync(copy).equals(readFileSync(EXAMPLE))).toBe(true);
  });

  it('given a folder as OUT, writes the package under its own name there', async () => {
    const dir = tmp.path('out-folder');
    mkdirSync(dir);
    const r = await pack(EXAMPLE, dir);
    expect(r.code).toBe(0);
    const name = /Wrote (\S+) /.exec(r.stdout)?.[1] ?? '';
    expect(name).toMatch(/out-folder\/northwind-cloud-services-004217869350-\d{4}-\d\d-\d\d\.zip$/);
    expect(existsSync(name)).toBe(true);
    const again = await pack(EXAMPLE, dir);
    expect(again.code).toBe(1); // the same name on the same day: refused, not overwritten
    expect(again.stderr).toMatch(/already exists; use --force/);
  });

  it('cannot read FILE: exit 2, one line', async () => {
    const r = await pack(tmp.path('nope.xlsx'), tmp.path('nope.zip'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`msp-enroll: cannot read ${tmp.path('nope.xlsx')}: no such file\n`);
    const txt = tmp.path('not-a-workbook.xlsx');
    writeFileSync(txt, 'hello');
    const r2 = await pack(txt, tmp.path('nope.zip'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^msp-enroll: cannot read .*not-a-workbook\.xlsx: .*\n$/);
  });

  it('cannot write into a folder that does not exist: exit 1', async () => {
    const r = await pack(EXAMPLE, tmp.path('no/such/folder/p.zip'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^msp-enroll: cannot write .*p\.zip: its folder does not exist\n$/);
  });
});

describe('msp-enroll verify', () => {
  let good = '';
  beforeAll(async () => {
    good = tmp.path('good.zip');
    expect((await pack(EXAMPLE, good)).code).toBe(0);
  });

  it('names enrollment.json when it was edited after packaging: exit 1', async () => {
    const bad = tmp.path('edited.zip');
    repack(good, bad, (files) => {
      files['enrollment.json'] = new TextEncoder().encode(
        text(files['enrollment.json']).replace('018273645091', '018273645092'),
      );
    });
    const r = await check(bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^enrollment\.json {2}hash-mismatch {2}enrollment\.json does not match its SHA-256/);
    // The workbook still gives the old enrollment: that is named too.
    expect(r.stdout).toMatch(
      /\nworkbook\.xlsx {2}workbook-mismatch {2}workbook\.xlsx does not hold the enrollment in enrollment\.json/,
    );
    expect(r.stdout).toMatch(/\n\n2 problems in .*edited\.zip\n$/);
    const json = await check(bad, true);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      problems: [
        {
          kind: 'hash-mismatch',
          file: 'enrollment.json',
          message: expect.stringMatching(/^enrollment\.json does not match/),
        },
        {
          kind: 'workbook-mismatch',
          file: 'workbook.xlsx',
          message: expect.stringMatching(/^workbook\.xlsx does not hold/),
        },
      ],
    });
  });

  it('refuses an entry that would unpack outside its folder', async () => {
    const bad = tmp.path('evil.zip');
    repack(good, bad, (files) => {
      files['../evil.txt'] = new TextEncoder().encode('boo');
    });
    const r = await check(bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^\.\.\/evil\.txt {2}unsafe-entry-name {2}The package holds an entry named "\.\.\/evil\.txt"/,
    );
  });

  it('lists the findings under a workbook that has errors', async () => {
    const workbook = await loadWithExcelJs(EXAMPLE);
    sheet(workbook, 'Accounts').getCell('C3').value = '12345';
    const badBook = tmp.path('bad-inside.xlsx');
    await workbook.xlsx.writeFile(badBook);
    const bad = tmp.path('bad-inside.zip');
    repack(good, bad, (files) => {
      files['workbook.xlsx'] = readFileSync(badBook);
    });
    const r = await check(bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^workbook\.xlsx {2}size-mismatch .*\nworkbook\.xlsx {2}workbook-not-clean .*document properties.*\nworkbook\.xlsx {2}workbook-mismatch .*\n {4}Accounts!C3 {2}error {2}"12345" has 5 digits/,
    );
  });

  it('cannot read the file: exit 2, one line on stderr', async () => {
    const r = await check(tmp.path('none.zip'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`msp-enroll: cannot read ${tmp.path('none.zip')}: no such file\n`);
    const r2 = await check(EXAMPLE.replace('enrollment.xlsx', 'nope'));
    expect(r2.code).toBe(2);
    const notZip = tmp.path('not.zip');
    writeFileSync(notZip, 'hello there, not a zip');
    const r3 = await check(notZip);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe(`msp-enroll: cannot read ${notZip}: not a package: it has no ZIP end-of-archive record.\n`);
    expect(r3.stdout).toBe('');
  });
});
