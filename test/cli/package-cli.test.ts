/** `msp-enroll package` and `verify` through the command line itself (`run`): arguments, usage, round trip. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { EXAMPLE, cli, loadWithExcelJs, sheet, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('usage', () => {
  it('lists package and verify, their options and exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  msp-enroll package FILE [-o OUT.zip] [--force] [--include SHEET]... [--list]\n  msp-enroll verify PACKAGE.zip [--json]\n',
    );
    expect(r.stdout).toMatch(/\n {2}package FILE {4}Build the package for Spot/);
    expect(r.stdout).toMatch(/\n {2}verify PACKAGE {2}Check a package/);
    expect(r.stdout).toMatch(/\n {2}-o, --output OUT\.zip\n/);
    expect(r.stdout).toMatch(
      /Exit status:\n {2}0 .*package: the file was written; verify: the package is valid\n {2}1 .*verify: the package has problems\n {2}2 /,
    );
  });

  it.each([
    [['package'], /package needs a FILE/],
    [['verify'], /verify needs a FILE/],
    [['package', 'a.xlsx', '-o'], /option "-o" needs a value/],
    [['package', 'a.xlsx', '--output='], /option "--output=" needs a value/],
    [['package', 'a.xlsx', '--json'], /unknown option "--json" for package/],
    [['verify', 'p.zip', '-o', 'x.zip'], /unknown option "-o" for verify/],
    [['verify', 'p.zip', '--force'], /unknown option "--force" for verify/],
    [['validate', 'a.xlsx', '--output', 'x.zip'], /unknown option "--output" for validate/],
    [['package', 'a.xlsx', 'b.xlsx'], /package takes one FILE, not 2/],
  ])('%j is a usage error: exit 2', async (args, reason) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^msp-enroll: ${reason.source}$`));
  });
});

describe('package, then verify', () => {
  it('round trip on the example workbook, -o before or after FILE, and --output=', async () => {
    for (const args of [
      (out: string) => ['package', EXAMPLE, '-o', out],
      (out: string) => ['package', '-o', out, EXAMPLE],
      (out: string) => ['package', `--output=${out}`, EXAMPLE],
    ]) {
      const out = tmp.path(`rt-${Math.random().toString(36).slice(2)}.zip`);
      const p = await cli(...args(out));
      expect(p.stderr).toBe('');
      expect(p.code).toBe(0);
      const v = await cli('verify', out);
      expect(v.code).toBe(0);
      expect(v.stdout).toMatch(/^OK /);
      const j = await cli('verify', '--json', out);
      expect(JSON.parse(j.stdout)).toEqual({ ok: true, problems: [] });
    }
  });

  it('refuses a workbook with errors (exit 1) and writes nothing', async () => {
    const workbook = await loadWithExcelJs(EXAMPLE);
    sheet(workbook, 'Enrollment').getCell('B5').value = 'email1';
    const bad = tmp.path('placeholder.xlsx');
    await workbook.xlsx.writeFile(bad);
    const out = tmp.path('placeholder.zip');
    const r = await cli('package', bad, '-o', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Enrollment!B5 {2}error {2}"email1" is a placeholder/);
    expect(r.stderr).toMatch(/has errors, so nothing was packaged/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an empty enrollment: no subset and no workflow are errors, not warnings (exit 1)', async () => {
    const workbook = await loadWithExcelJs(EXAMPLE);
    for (const name of ['Accounts', 'Subset Workflows', 'Billing Workflows', 'End Customers']) {
      const ws = sheet(workbook, name);
      ws.eachRow((row, n) => {
        if (n > 1) row.eachCell((c) => (c.value = null));
      });
    }
    const empty = tmp.path('empty.xlsx');
    await workbook.xlsx.writeFile(empty);
    const out = tmp.path('empty.zip');
    const r = await cli('package', empty, '-o', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^'Subset Workflows' {2}error {2}The "Subset Workflows" sheet has headers but no rows/m);
    expect(r.stdout).toMatch(/^'Billing Workflows' {2}error {2}The "Billing Workflows" sheet has headers but no rows/m);
    expect(r.stderr).toMatch(/has errors, so nothing was packaged/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite OUT.zip unless --force', async () => {
    const out = tmp.path('once.zip');
    expect((await cli('package', EXAMPLE, '-o', out)).code).toBe(0);
    const first = readFileSync(out);
    const again = await cli('package', EXAMPLE, '-o', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/once\.zip already exists; use --force to replace it/);
    expect(readFileSync(out).equals(first)).toBe(true);
    expect((await cli('package', EXAMPLE, '-o', out, '--force')).code).toBe(0);
  });

  it('without -o, writes <msp>-<management account>-<date>.zip in the current folder', async () => {
    const here = process.cwd();
    const dir = tmp.path('');
    process.chdir(dir);
    try {
      const before = new Set(readdirSync('.'));
      const r = await cli('package', EXAMPLE);
      expect(r.code).toBe(0);
      const made = readdirSync('.').filter((f) => !before.has(f));
      expect(made).toEqual([expect.stringMatching(/^northwind-cloud-services-004217869350-\d{4}-\d\d-\d\d\.zip$/)]);
      expect(r.stdout).toContain(`Wrote ${made[0]} (`);
    } finally {
      process.chdir(here);
    }
  });

  it('verify names the file changed after packaging: exit 1', async () => {
    const out = tmp.path('to-edit.zip');
    expect((await cli('package', EXAMPLE, '-o', out)).code).toBe(0);
    const bytes = readFileSync(out);
    // ticket.txt is deflated; workbook.xlsx is stored, so a byte of it can be changed in place.
    const at = bytes.indexOf('xl/workbook.xml') + 100;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(out, bytes);
    const r = await cli('verify', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^workbook\.xlsx {2}corrupt-entry {2}workbook\.xlsx cannot be unpacked: its CRC-32 does not match its data\./,
    );
  });
});
