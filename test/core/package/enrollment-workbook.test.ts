import fc from 'fast-check';
import { canonicalJson, enrollmentPath, enrollmentToWorkbook } from '../../../src/core/package';
import { validateWorkbook } from '../../../src/core/validate';
import { setCell, validSheets, validWorkbook, workbook, type Raw } from '../fixtures/workbooks';
import { enrollmentOf, everyRuleWorkbook, without } from './helpers';

describe('enrollmentToWorkbook', () => {
  it.each([
    ['the fixture workbook', validWorkbook],
    ['a workbook using every rule (smart quotes in a custom description included)', everyRuleWorkbook],
    ['a workbook without Accounts', () => without('Accounts')],
    ['a workbook without End Customers', () => without('End Customers')],
    [
      'a workbook whose End Customers sheet has headers only',
      () =>
        workbook({
          ...validSheets(),
          'End Customers': [['Spot Console Email', 'Spot Org ID', 'Subset Name', 'Billing Workflow Name']],
        }),
    ],
  ])('gives back the enrollment of %s, with no error', (_, input) => {
    const enrollment = enrollmentOf(input());
    const again = validateWorkbook(enrollmentToWorkbook(enrollment));
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(again.enrollment).not.toBeNull();
    expect(canonicalJson(again.enrollment)).toBe(canonicalJson(enrollment));
  });

  it('lays out the contract sheets, IDs as text, Accounts and End Customers only when the enrollment has them', () => {
    const book = enrollmentToWorkbook(enrollmentOf());
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Enrollment',
      'Accounts',
      'Subset Workflows',
      'Billing Workflows',
      'End Customers',
    ]);
    const accounts = book.sheets[1]!;
    expect(accounts.rows[0]).toEqual(
      ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'].map((value) => ({ type: 'text', value })),
    );
    expect(accounts.rows[3]?.[2]).toEqual({ type: 'text', value: '001111111112' });
    const steps = book.sheets[3]!;
    expect(steps.rows[1]).toEqual([
      { type: 'text', value: 'Workflow 1' },
      { type: 'number', value: 1 },
      { type: 'text', value: 'replace-ri-discount' },
      { type: 'text', value: 'Replace RI discount with public on-demand price when RIs are purchased by 012345678901' },
      { type: 'text', value: '{"purchasedBy":["012345678901"]}' },
    ]);
    expect(enrollmentToWorkbook(enrollmentOf(without('Accounts', 'End Customers'))).sheets.map((s) => s.name)).toEqual([
      'Enrollment',
      'Subset Workflows',
      'Billing Workflows',
    ]);
  });

  it('writes smart quotes in parameters as JSON escapes, so that the cell reads back as the same JSON', () => {
    const book = enrollmentToWorkbook(enrollmentOf(everyRuleWorkbook()));
    const cells = book.sheets[3]!.rows.map((r) => r?.[4]).filter(
      (c) => c?.type === 'text' && c.value.includes('description'),
    );
    expect(cells).toEqual([
      { type: 'text', value: '{"description":"Bill the \\u201cspecial\\u201d support plan at cost \\u2033"}' },
    ]);
  });

  it('property: names as people type them (spaces, line breaks, accents, quotes) survive the round trip', () => {
    const name = fc
      .string({
        unit: fc.constantFrom('a', 'Z', '7', ' ', '\u00a0', '\n', 'é', '“', '"', "'", '-', ':', '\u200b'),
        minLength: 1,
        maxLength: 12,
      })
      .filter((s) => /[a-z7é]/i.test(s));
    fc.assert(
      fc.property(name, name, name, name, (msp, account, subset, workflow) => {
        const s: Record<string, Raw[][]> = Object.fromEntries(
          Object.entries(validSheets()).map(([name, rows]) => [name, rows.map((r) => [...r])]),
        );
        const set = (sheet: string, row: number, col: number, v: Raw): void => void setCell(s[sheet]!, row, col, v);
        set('Enrollment', 1, 1, msp);
        set('Accounts', 2, 0, account);
        set('Accounts', 6, 3, subset);
        set('Subset Workflows', 5, 0, subset);
        set('Subset Workflows', 5, 1, workflow);
        set('Billing Workflows', 8, 0, workflow);
        const { enrollment } = validateWorkbook(workbook(s));
        fc.pre(enrollment !== null); // a name may collide with another, or blank out after trimming
        const again = validateWorkbook(enrollmentToWorkbook(enrollment!));
        expect(canonicalJson(again.enrollment)).toBe(canonicalJson(enrollment));
      }),
      { numRuns: 200 },
    );
  });
});

describe('enrollmentPath', () => {
  const enrollment = enrollmentOf();
  it.each<[string, string | null, string | null]>([
    ['Enrollment', 'B2', 'msp.name'],
    ['Enrollment', 'B4', 'msp.managementAccountId'],
    ['Accounts', 'C3', 'accounts[1].accountId'],
    ['Accounts', 'A2', 'accounts[0].name'],
    ['Accounts', null, 'accounts'],
    ['Subset Workflows', 'B4', 'subsets[2].workflow'],
    ['Billing Workflows', 'E2', 'workflows[0].steps[0].parameters'],
    ['Billing Workflows', 'C6', 'workflows[1].steps[0].rule'],
    ['Billing Workflows', 'B9', 'workflows[2].steps[0]'],
    ['Billing Workflows', 'A8', 'workflows[1].name'],
    ['End Customers', 'B3', 'endCustomers[1].spotOrgId'],
    ['end  customers', 'A2', 'endCustomers[0].consoleEmail'],
    ['Sheet1', 'A1', null],
  ])('%s!%s is %s', (sheet, cell, path) => {
    expect(enrollmentPath(enrollment, sheet, cell)).toBe(path);
  });
});
