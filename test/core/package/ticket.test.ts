import { ticketText } from '../../../src/core/package';
import { setCell, validSheets, withSheet, workbook, type Raw } from '../fixtures/workbooks';
import { enrollmentOf, without } from './helpers';

const FIXTURE_TICKET = `Spot MSP enrollment: Acme Cloud Partners
========================================

MSP:                    Acme Cloud Partners
MSP Spot org ID:        606000000001
Management account ID:  012345678901
Contact e-mail:         finance@acme-cloud.example
Account rep e-mail:     rep@spot.example
Accounts:               6
Subsets:                5
Billing workflows:      3
End customers:          2

These are the requests of the MSP enrollment procedure, filled in from our enrollment
workbook (workbook.xlsx in this package; enrollment.json holds the same for tools).


1. Associate billing workflows to subsets (Step 6)
==================================================

Please associate these subsets of Spot organization 606000000001 with billing workflows
(5 subsets; subset : billing workflow):

Subset 1 : Workflow 1
Subset 2 : Workflow 1
Subset 3 : Workflow 2
Subset 4 : Workflow 2
Subset 5 : Workflow 3


2. End-customer association (Step 7)
====================================

Please associate these end customers' Spot organizations with the subsets of 606000000001
(2 end customers; subset : Spot console e-mail : Spot org ID):

Subset 1 : admin@contoso.example : 606000000011
Subset 3 : admin@fabrikam.example : 606000000012


3. Billing workflows (Step 5)
=============================

The billing workflows we offer, each with its steps in the order we process billing
(3 workflows):

Workflow 1
  1. Replace RI discount with public on-demand price when RIs are purchased by 012345678901
  2. Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by 012345678901
  3. Remove EDP discount so it is not shared with the customer
  4. Uplift the price of all services by 3%

Workflow 2
  1. Replace RI discount with public on-demand price when RIs are purchased by any account
  2. Replace free tier usage with the first billable rate
  3. Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years

Workflow 3
  1. Process the billing data as it is, with no billing rules
`;

describe('ticket.txt', () => {
  it('is, for the fixture workbook, exactly this text', () => {
    expect(ticketText(enrollmentOf())).toBe(FIXTURE_TICKET);
  });

  it('is plain LF text: no CR, no tab, one LF at the end', () => {
    const t = ticketText(enrollmentOf());
    expect(t).not.toMatch(/[\r\t]/);
    expect(t.endsWith('\n') && !t.endsWith('\n\n')).toBe(true);
  });

  it('says when the workbook has no End Customers sheet, and when it is empty', () => {
    const none = ticketText(enrollmentOf(without('End Customers')));
    expect(none).toContain('End customers:          not yet\n');
    expect(none).toContain(
      '2. End-customer association (Step 7)\n====================================\n\nNo end customers yet: the workbook has no End Customers sheet. This step comes later.\n\n\n3.',
    );
    const empty = ticketText(enrollmentOf(withSheet('End Customers', (rows) => rows.slice(0, 1))));
    expect(empty).toContain('End customers:          0\n');
    expect(empty).toContain('\nNo end customers yet: the End Customers sheet is empty. This step comes later.\n');
  });

  it('says when the accounts are not listed, and when no account rep is given', () => {
    const s = validSheets();
    delete s['Accounts'];
    s['Enrollment'] = s['Enrollment']!.slice(0, 5);
    const t = ticketText(enrollmentOf(workbook(s)));
    expect(t).toContain(
      'Account rep e-mail:     (not given)\nAccounts:               not listed (the subsets exist in the Spot console)\n',
    );
  });

  it('never starts a line, or a value, with what a spreadsheet takes for a formula (issue 16)', () => {
    const s = validSheets();
    s['Enrollment'] = setCell(
      setCell(
        s['Enrollment']!.map((r) => [...r]),
        1,
        1,
        '@SUM(1+1)*cmd|" /C calc"!A0',
      ),
      4,
      1,
      '=1+1@acme-cloud.example',
    );
    const subsets: Record<string, string> = {
      'Subset 1': "=cmd|' /C calc'!A0",
      'Subset 2': '+SUM(1)',
      'Subset 3': '-2+3',
      'Subset 4': '\t=HYPERLINK("http://evil.example")',
      'Subset 5': '\r@x',
    };
    const rename = (v: Raw): Raw => (typeof v === 'string' && v in subsets ? subsets[v]! : v);
    for (const name of ['Subset Workflows', 'Accounts', 'End Customers']) {
      s[name] = s[name]!.map((r, i) => (i === 0 ? r : r.map(rename)));
    }
    const t = ticketText(enrollmentOf(workbook(s)));
    expect(t).toContain(`MSP:                    '@SUM(1+1)*cmd|" /C calc"!A0\n`);
    expect(t).toContain(`Contact e-mail:         '=1+1@acme-cloud.example\n`);
    expect(t).toContain(
      `'=cmd|' /C calc'!A0 : Workflow 1\n'+SUM(1) : Workflow 1\n'-2+3 : Workflow 2\n'=HYPERLINK("http://evil.example") : Workflow 2\n'@x : Workflow 3\n`,
    );
    expect(t).toContain(`'=cmd|' /C calc'!A0 : admin@contoso.example : 606000000011\n`);
    // Only the headings' underlines start with "=".
    const risky = t.split('\n').filter((line) => /^\s*[=+\-@\t\r]/.test(line) && !/^=+$/.test(line));
    expect(risky).toEqual([]);
  });

  it('keeps each name on one line (a line break typed in a cell becomes a space) and counts in the singular', () => {
    const s = validSheets();
    s['Enrollment'] = setCell(
      s['Enrollment']!.map((r) => [...r]),
      1,
      1,
      'Acme\nCloud\tPartners',
    );
    s['Subset Workflows'] = [
      ['Subset Name', 'Billing Workflow Name'],
      ['Subset\r\n1', 'Workflow 1'],
    ];
    s['Accounts'] = [
      ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'],
      ['Payer', '', '012345678901', 'Subset\r\n1'],
    ];
    s['Billing Workflows'] = s['Billing Workflows']!.slice(0, 5);
    s['End Customers'] = [
      ['Spot Console Email', 'Spot Org ID', 'Subset Name', 'Billing Workflow Name'],
      ['admin@contoso.example', '606000000011', 'Subset\r\n1', 'Workflow 1'],
    ];
    const t = ticketText(enrollmentOf(workbook(s)));
    expect(t.split('\n').slice(0, 2)).toEqual(['Spot MSP enrollment: Acme Cloud Partners', '='.repeat(40)]);
    expect(t).toContain('(1 subset; subset : billing workflow):\n\nSubset 1 : Workflow 1\n');
    expect(t).toContain(
      '(1 end customer; subset : Spot console e-mail : Spot org ID):\n\nSubset 1 : admin@contoso.example : 606000000011\n',
    );
    expect(t).toContain('(1 workflow):\n\nWorkflow 1\n  1. Replace RI');
  });
});
