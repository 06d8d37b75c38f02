/**
 * ticket.txt: the messages the enrollment procedure asks the MSP to send Spot, filled in from
 * the enrollment. Plain text for people: UTF-8 without a byte-order mark, LF line ends, no tabs,
 * no date (so that the same enrollment always gives the same ticket). Sections follow the
 * procedure's requests: Step 6 (subsets to billing workflows, with the MSP's Spot org ID),
 * Step 7 (end customers: subset : console e-mail : org ID) and Step 5 (every workflow's steps, as
 * the sentences of the Details column). Names are printed as they are, except that line breaks
 * and tabs inside one become single spaces, and a value that a spreadsheet would take for a
 * formula (first character `=`, `+`, `-` or `@`) gets a leading `'` (enrollment.json keeps them
 * exactly): a ticket pasted into Excel or imported as CSV never runs one.
 */
import type { Enrollment } from '../enrollment';
import { describeStep } from '../rules';

/** One line per value: a name typed with Alt+Enter in its cell must not break the layout. */
const oneLine = (s: string): string => s.replace(/[\t\r\n\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ');

/** What spreadsheets take for the start of a formula (OWASP's CSV injection list; tab and CR are spaces by now). */
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** A value as the ticket prints it: one line, and never the start of a formula. */
export const ticketValue = (s: string): string => {
  const line = oneLine(s);
  return FORMULA_START.test(line) ? `'${line}` : line;
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function heading(title: string): string[] {
  return [title, '='.repeat(title.length), ''];
}

export function ticketText(enrollment: Enrollment): string {
  const { msp } = enrollment;
  const org = msp.spotOrgId;
  const lines: string[] = [];
  const push = (...more: string[]): void => void lines.push(...more);

  push(...heading(`Spot MSP enrollment: ${ticketValue(msp.name)}`));
  push(
    `MSP:                    ${ticketValue(msp.name)}`,
    `MSP Spot org ID:        ${org}`,
    `Management account ID:  ${msp.managementAccountId}`,
    `Contact e-mail:         ${ticketValue(msp.contactEmail)}`,
    `Account rep e-mail:     ${msp.accountRepEmail === null ? '(not given)' : ticketValue(msp.accountRepEmail)}`,
    `Accounts:               ${
      enrollment.accounts === null
        ? 'not listed (the subsets exist in the Spot console)'
        : String(enrollment.accounts.length)
    }`,
    `Subsets:                ${enrollment.subsets.length}`,
    `Billing workflows:      ${enrollment.workflows.length}`,
    `End customers:          ${enrollment.endCustomers === null ? 'not yet' : String(enrollment.endCustomers.length)}`,
    '',
    'These are the requests of the MSP enrollment procedure, filled in from our enrollment',
    'workbook (workbook.xlsx in this package; enrollment.json holds the same for tools).',
    '',
    '',
  );

  push(...heading('1. Associate billing workflows to subsets (Step 6)'));
  push(
    `Please associate these subsets of Spot organization ${org} with billing workflows`,
    `(${plural(enrollment.subsets.length, 'subset', 'subsets')}; subset : billing workflow):`,
    '',
    ...enrollment.subsets.map((s) => `${ticketValue(s.name)} : ${ticketValue(s.workflow)}`),
    '',
    '',
  );

  push(...heading('2. End-customer association (Step 7)'));
  const customers = enrollment.endCustomers;
  if (customers === null) {
    push('No end customers yet: the workbook has no End Customers sheet. This step comes later.');
  } else if (customers.length === 0) {
    push('No end customers yet: the End Customers sheet is empty. This step comes later.');
  } else {
    push(
      `Please associate these end customers' Spot organizations with the subsets of ${org}`,
      `(${plural(customers.length, 'end customer', 'end customers')}; subset : Spot console e-mail : Spot org ID):`,
      '',
      ...customers.map((c) => `${ticketValue(c.subset)} : ${ticketValue(c.consoleEmail)} : ${c.spotOrgId}`),
    );
  }
  push('', '');

  push(...heading('3. Billing workflows (Step 5)'));
  push(
    'The billing workflows we offer, each with its steps in the order we process billing',
    `(${plural(enrollment.workflows.length, 'workflow', 'workflows')}):`,
  );
  for (const wf of enrollment.workflows) {
    push('', ticketValue(wf.name), ...wf.steps.map((step, i) => `  ${i + 1}. ${oneLine(describeStep(step))}`));
  }
  return `${lines.join('\n')}\n`;
}
