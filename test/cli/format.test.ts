import type { Finding } from '../../src/core/findings';
import { parseArgs } from '../../src/cli/args';
import { formatHuman, formatJson, sheetRef, summaryLine } from '../../src/cli/format';

const finding = (over: Partial<Finding>): Finding => ({
  severity: 'error',
  sheet: 'Accounts',
  cell: 'C3',
  code: 'account-id-invalid',
  message: 'Bad ID.',
  ...over,
});

describe('sheetRef', () => {
  it.each([
    ['Accounts', 'Accounts'],
    ['Sheet_1', 'Sheet_1'],
    ['Subset Workflows', "'Subset Workflows'"],
    ["O'Brien", "'O''Brien'"],
    ['2024', "'2024'"],
    ['A1', "'A1'"],
    ['R1', "'R1'"],
    ['Übersicht', "'Übersicht'"],
  ])('%s → %s', (name, ref) => expect(sheetRef(name)).toBe(ref));
});

describe('summaryLine', () => {
  it.each<[Partial<Finding>[], string]>([
    [[], 'No problems found'],
    [[{}], '1 error in 1 sheet'],
    [[{ severity: 'warning' }], '1 warning in 1 sheet'],
    [[{}, {}, { severity: 'warning', sheet: 'Enrollment' }], '2 errors, 1 warning in 2 sheets'],
    [[{ severity: 'warning' }, { severity: 'warning', sheet: 'End Customers' }], '2 warnings in 2 sheets'],
  ])('%j', (findings, line) => expect(summaryLine(findings.map(finding))).toBe(line));
});

describe('formatHuman', () => {
  it('one line per finding, a blank line between sheets, the summary last', () => {
    const out = formatHuman([
      finding({ sheet: 'Enrollment', cell: 'B2', message: 'Empty.' }),
      finding({ cell: 'C3' }),
      finding({ cell: null, severity: 'warning', code: 'sheet-no-rows', message: 'No rows.' }),
      finding({ sheet: 'Subset Workflows', cell: 'B7', message: 'Two\nlines.' }),
    ]);
    expect(out).toBe(
      [
        'Enrollment!B2  error  Empty.',
        '',
        'Accounts!C3  error  Bad ID.',
        'Accounts  warning  No rows.',
        '',
        "'Subset Workflows'!B7  error  Two lines.",
        '',
        '3 errors, 1 warning in 3 sheets',
        '',
      ].join('\n'),
    );
  });

  it('no findings: the summary alone', () => {
    expect(formatHuman([])).toBe('No problems found\n');
  });
});

describe('formatJson', () => {
  it('the five contract fields only (no fix), in the contract order', () => {
    const out = formatJson([finding({ fix: { value: '012345678901' } })]);
    expect(JSON.parse(out)).toEqual({
      findings: [{ severity: 'error', sheet: 'Accounts', cell: 'C3', code: 'account-id-invalid', message: 'Bad ID.' }],
    });
    expect(out.indexOf('"severity"')).toBeLessThan(out.indexOf('"message"'));
    expect(out.endsWith('}\n')).toBe(true);
  });
});

describe('parseArgs', () => {
  it.each([
    [['validate', 'a.xlsx'], { kind: 'validate', file: 'a.xlsx', json: false }],
    [['validate', '--json', 'a.xlsx'], { kind: 'validate', file: 'a.xlsx', json: true }],
    [['init', 'a.xlsx', '--force'], { kind: 'init', file: 'a.xlsx', force: true }],
    [['init', '--', '--odd.xlsx'], { kind: 'init', file: '--odd.xlsx', force: false }],
    [['validate', '-'], { kind: 'validate', file: '-', json: false }],
    [['init', 'x', '--help'], { kind: 'help' }],
  ])('%j', (argv, command) => expect(parseArgs(argv)).toEqual({ ok: true, command }));

  it.each([[['-x']], [['validate', '--json=1', 'a']], [['init']], [['frob', 'a.xlsx']]])('%j is refused', (argv) => {
    expect(parseArgs(argv).ok).toBe(false);
  });
});
