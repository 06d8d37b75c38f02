/**
 * `msp-enroll` in-process, on real .xlsx files: what it prints and how it exits. (bin.test.ts
 * runs the built command as a child process.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import { severityOf, type FindingCode } from '../../src/core/findings';
import { EXAMPLE, FIXTURES, cli, loadWithExcelJs, parseFindings, sheet, tempDir, type JsonFinding } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const where = (f: JsonFinding): string => `${f.code} ${f.sheet}!${f.cell ?? '-'}`;

describe('usage', () => {
  it('--help prints the usage with the exit codes on stdout, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['validate', '--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^Usage:\n {2}msp-enroll init FILE \[--force\]\n {2}msp-enroll validate FILE \[--json\]/,
      );
      expect(r.stdout).toMatch(/Exit status:\n {2}0 .*\n {2}1 .*\n {2}2 /);
      expect(r.stderr).toBe('');
    }
  });

  it.each([
    [[], /no command given/],
    [['frobnicate', 'x.xlsx'], /unknown command "frobnicate"/],
    [['validate'], /validate needs a FILE/],
    [['validate', 'a.xlsx', 'b.xlsx'], /validate takes one FILE, not 2/],
    [['validate', 'a.xlsx', '--jsn'], /unknown option "--jsn" for validate/],
    [['validate', 'a.xlsx', '--force'], /unknown option "--force" for validate/],
    [['init', 'a.xlsx', '--json'], /unknown option "--json" for init/],
  ])('%j is a usage error: exit 2, the reason and the usage on stderr', async (args, reason) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^msp-enroll: ${reason.source}$`));
    expect(r.stderr).toMatch(/Usage:\n {2}msp-enroll init FILE/);
  });

  it('takes a file whose name starts with a dash after --', async () => {
    const r = await cli('validate', '--json', '--', '-odd.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('msp-enroll: cannot read -odd.xlsx: no such file\n');
  });
});

describe('init', () => {
  it('writes a workbook, and refuses to overwrite it without --force', async () => {
    const path = tmp.path('new.xlsx');
    const first = await cli('init', path);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Wrote ${path}`);
    expect(existsSync(path)).toBe(true);

    writeFileSync(path, 'keep me');
    const again = await cli('init', path);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`msp-enroll: ${path} already exists; use --force to replace it\n`);
    expect(readFileSync(path, 'utf8')).toBe('keep me');

    const forced = await cli('init', '--force', path);
    expect(forced.code).toBe(0);
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('cannot write into a folder that does not exist: exit 1, one line', async () => {
    const r = await cli('init', tmp.path('no/such/folder/new.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^msp-enroll: cannot write .*new\.xlsx: its folder does not exist\n$/);
  });

  it('its workbook validates with errors only for the empty required Enrollment values', async () => {
    const path = tmp.path('fresh.xlsx');
    expect((await cli('init', path)).code).toBe(0);
    const r = await cli('validate', path, '--json');
    expect(r.code).toBe(1);
    const findings = parseFindings(r.stdout);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map(where)).toEqual([
      'value-required Enrollment!B2',
      'value-required Enrollment!B3',
      'value-required Enrollment!B4',
      'value-required Enrollment!B5',
    ]);
    // The optional Account Rep Email (B6) is no error; nothing else is either.
    expect(findings.filter((f) => f.severity === 'warning').every((f) => f.code === 'sheet-no-rows')).toBe(true);
  });
});

describe('validate', () => {
  it('the example: no problems, exit 0', async () => {
    const r = await cli('validate', EXAMPLE);
    expect(r).toEqual({ code: 0, stdout: 'No problems found\n', stderr: '' });
  });

  it('the LibreOffice-saved example is judged the same as the original', async () => {
    const original = await cli('validate', EXAMPLE, '--json');
    const libre = await cli('validate', `${FIXTURES}/example-libreoffice.xlsx`, '--json');
    expect(libre).toEqual(original);
    expect(parseFindings(libre.stdout)).toEqual([]);
  });

  it('--json: exactly one object {"findings": [...]} with the five contract fields', async () => {
    const path = tmp.path('fresh-json.xlsx');
    await cli('init', path);
    const r = await cli('validate', '--json', path);
    const parsed: unknown = JSON.parse(r.stdout);
    expect(Object.keys(parsed as object)).toEqual(['findings']);
    const findings = parseFindings(r.stdout);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['severity', 'sheet', 'cell', 'code', 'message']);
      expect(['error', 'warning']).toContain(f.severity);
    }
    expect(r.stderr).toBe('');
    expect((await cli('validate', '--json', EXAMPLE)).stdout).toBe('{\n  "findings": []\n}\n');
  });

  it.each([
    ['a text file renamed .xlsx', (p: string) => writeFileSync(p, 'MSP Name,Northwind\n'), /text file/],
    [
      'a truncated copy of the example',
      (p: string) => writeFileSync(p, readFileSync(EXAMPLE).subarray(0, 5000)),
      /truncated or corrupt/,
    ],
    [
      'an encrypted workbook',
      (p: string) => writeFileSync(p, readFileSync(`${FIXTURES}/encrypted.xlsx`)),
      /password-protected/,
    ],
    [
      'an old .xls renamed .xlsx',
      (p: string) => writeFileSync(p, readFileSync(`${FIXTURES}/excel-97.xls`)),
      /Excel 97-2003/,
    ],
    ['a missing file', () => undefined, /no such file/],
  ])('%s: exit 2, one line on stderr, nothing on stdout', async (_label, make, reason) => {
    const path = tmp.path(`unreadable-${_label.replace(/\W+/g, '-')}.xlsx`);
    make(path);
    for (const json of [false, true]) {
      const r = await cli('validate', path, ...(json ? ['--json'] : []));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^msp-enroll: cannot read ${escape(path)}: .*${reason.source}.*\\n$`));
    }
  });

  it('a directory: exit 2', async () => {
    const r = await cli('validate', tmp.path(''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- defects, one at a time, each on a copy of the example -----------------------------------

interface Defect {
  readonly label: string;
  readonly change: (wb: ExcelJS.Workbook) => void;
  /** The finding it must cause (its severity is the catalog's); the example has none. */
  readonly expected: { readonly code: FindingCode; readonly sheet: string; readonly cell: string | null };
}

const set = (ws: ExcelJS.Worksheet, ref: string, value: ExcelJS.CellValue, numFmt = 'General'): void => {
  const cell = ws.getCell(ref);
  cell.value = value;
  cell.numFmt = numFmt;
};

const DEFECTS: readonly Defect[] = [
  {
    label: 'an account ID stored as a number that lost its leading zeros',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C4', 731948265),
    expected: { code: 'account-id-leading-zeros-lost', sheet: 'Accounts', cell: 'C4' },
  },
  {
    label: 'a 12-digit account ID as a number in General format',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C3', 274615093862),
    expected: { code: 'account-id-scientific-notation', sheet: 'Accounts', cell: 'C3' },
  },
  {
    label: 'an account ID as a number padded by its format',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C4', 731948265, '000000000000'),
    expected: { code: 'account-id-stored-as-number', sheet: 'Accounts', cell: 'C4' },
  },
  {
    label: 'an account ID with dashes',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C3', '2746-1509-3862', '@'),
    expected: { code: 'account-id-separators', sheet: 'Accounts', cell: 'C3' },
  },
  {
    label: 'the management account ID with spaces',
    change: (wb) => set(sheet(wb, 'Enrollment'), 'B4', '0042 1786 9350', '@'),
    expected: { code: 'account-id-separators', sheet: 'Enrollment', cell: 'B4' },
  },
  {
    label: 'an email1 placeholder',
    change: (wb) => set(sheet(wb, 'End Customers'), 'A2', 'email1'),
    expected: { code: 'email-placeholder', sheet: 'End Customers', cell: 'A2' },
  },
  {
    label: 'an "org id 1" placeholder',
    change: (wb) => set(sheet(wb, 'End Customers'), 'B3', 'org id 1', '@'),
    expected: { code: 'spot-org-id-invalid', sheet: 'End Customers', cell: 'B3' },
  },
  {
    label: 'a #N/A error value',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C5', { error: '#N/A' }),
    expected: { code: 'cell-error-value', sheet: 'Accounts', cell: 'C5' },
  },
  {
    label: 'a formula whose result lost the leading zeros',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C4', { formula: 'VALUE("000731948265")', result: 731948265 }),
    expected: { code: 'account-id-leading-zeros-lost', sheet: 'Accounts', cell: 'C4' },
  },
  {
    label: 'a formula returning #REF!',
    change: (wb) => set(sheet(wb, 'Subset Workflows'), 'B2', { formula: 'Gone!A1', result: { error: '#REF!' } }),
    expected: { code: 'cell-error-value', sheet: 'Subset Workflows', cell: 'B2' },
  },
  {
    label: 'merged cells',
    change: (wb) => sheet(wb, 'Accounts').mergeCells('D2:D4'),
    expected: { code: 'merged-cells', sheet: 'Accounts', cell: 'D2' },
  },
  {
    label: 'a header typo',
    change: (wb) => set(sheet(wb, 'Accounts'), 'C1', 'AWS Acount ID'),
    expected: { code: 'column-missing', sheet: 'Accounts', cell: 'C1' },
  },
  {
    label: 'a missing sheet',
    change: (wb) => wb.removeWorksheet(sheet(wb, 'Subset Workflows').id),
    expected: { code: 'sheet-missing', sheet: 'Subset Workflows', cell: null },
  },
  {
    label: 'a blank row in the middle',
    change: (wb) => sheet(wb, 'Accounts').insertRow(5, []),
    expected: { code: 'blank-row', sheet: 'Accounts', cell: 'A5' },
  },
];

describe('a copy of the example with one defect', () => {
  it.each(DEFECTS.map((d) => [d.label, d] as const))('%s', async (_label, defect) => {
    const wb = await loadWithExcelJs(EXAMPLE);
    defect.change(wb);
    const path = tmp.path(`defect-${DEFECTS.indexOf(defect)}.xlsx`);
    await wb.xlsx.writeFile(path);

    const r = await cli('validate', path, '--json');
    const findings = parseFindings(r.stdout);
    const severity = severityOf(defect.expected.code);
    expect(findings).toContainEqual(expect.objectContaining({ ...defect.expected, severity }));
    // Errors block (exit 1); warnings alone do not.
    expect(r.code).toBe(findings.some((f) => f.severity === 'error') ? 1 : 0);
    if (severity === 'error') expect(r.code).toBe(1);
  });
});

describe('a workbook with every defect at once', () => {
  let path: string;
  beforeAll(async () => {
    const wb = await loadWithExcelJs(EXAMPLE);
    // Those that change cells in place: not the header typo (it hides its column's checks), the
    // missing sheet, nor the inserted row (it moves the others).
    const apart: readonly FindingCode[] = ['column-missing', 'sheet-missing', 'blank-row'];
    for (const d of DEFECTS) if (!apart.includes(d.expected.code)) d.change(wb);
    path = tmp.path('all-defects.xlsx');
    await wb.xlsx.writeFile(path);
  });

  it('exit 1, findings grouped by sheet in contract order, a summary line', async () => {
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    const blocks = r.stdout.trimEnd().split('\n\n');
    const summary = blocks.pop() ?? '';
    expect(summary).toMatch(/^\d+ errors?(, \d+ warnings?)? in \d sheets?$/);
    // Each block holds the lines of one sheet; each line is `REF  severity  message`.
    const sheetsInOrder = blocks.map((block) => {
      const refs = block.split('\n').map((line) => {
        const m = /^(?:'([^']+)'|([A-Za-z_]\w*))(?:!([A-Z]+\d+))?  (error|warning)  \S.*$/.exec(line);
        if (m === null) throw new Error(`not a finding line: ${line}`);
        return m[1] ?? m[2];
      });
      expect(new Set(refs).size).toBe(1);
      return refs[0];
    });
    // (Billing Workflows: its parameters name the management account, whose ID has spaces now.)
    expect(sheetsInOrder).toEqual(['Enrollment', 'Accounts', 'Subset Workflows', 'Billing Workflows', 'End Customers']);
    expect(r.stdout).toMatch(/^Accounts!C4 {2}error {2}This AWS account ID is stored as the number 731948265/m);
    expect(r.stdout).toMatch(/^'End Customers'!A2 {2}error {2}"email1" is a placeholder/m);
    expect(r.stdout).toMatch(/^Accounts!C3 {2}error {2}This AWS account ID contains spaces or dashes/m);
    expect(r.stdout).toMatch(/^Accounts!D2 {2}warning {2}Cells D2:D4 are merged; their value counts for every row/m);
    expect(r.stdout).toMatch(/^Enrollment!B4 {2}error {2}This AWS account ID contains spaces or dashes/m);
  });

  it('the human summary counts what --json lists', async () => {
    const human = await cli('validate', path);
    const findings = parseFindings((await cli('validate', path, '--json')).stdout);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const sheets = new Set(findings.map((f) => f.sheet)).size;
    const summary = human.stdout.trimEnd().split('\n').pop();
    const counts = [`${errors} error${errors === 1 ? '' : 's'}`];
    if (warnings > 0) counts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    expect(summary).toBe(`${counts.join(', ')} in ${sheets} sheet${sheets === 1 ? '' : 's'}`);
  });
});
