/**
 * The enrollment back to the workbook it says: the port (sheets of typed cells) holding the
 * contract's sheets with the enrollment's values. `verify` runs `validateWorkbook` on it, so that
 * enrollment.json is judged by the very rules the workbook was; hosts that cannot send the file
 * itself (Excel on the web, the harness) can write it out as the package's workbook.xlsx.
 *
 * `validateWorkbook(enrollmentToWorkbook(e)).enrollment` is `e` again, for every `e` that
 * validation produced (tested as a property).
 */
import { parseA1 } from '../a1';
import type { Enrollment } from '../enrollment';
import type { Cell, SheetInput, WorkbookInput } from '../port';
import { describeStep } from '../rules';
import {
  ACCOUNTS,
  BILLING_WORKFLOWS,
  END_CUSTOMERS,
  ENROLLMENT,
  ENROLLMENT_FIELDS,
  SUBSET_WORKFLOWS,
  headerKey,
  type FieldSpec,
  type SheetSpec,
} from '../sheets';

type Msp = Enrollment['msp'];

/** Which model field each Enrollment row holds. */
const MSP_FIELD: Record<FieldSpec['key'], keyof Msp> = {
  mspName: 'name',
  mspOrgId: 'spotOrgId',
  managementAccountId: 'managementAccountId',
  contactEmail: 'contactEmail',
  accountRepEmail: 'accountRepEmail',
};

/** Which model field each column holds, by the column's key in `sheets.ts`. */
const ACCOUNT_FIELD = { accountName: 'name', accountEmail: 'email', accountId: 'accountId', subset: 'subset' } as const;
const SUBSET_FIELD = { subset: 'name', workflow: 'workflow' } as const;
const END_CUSTOMER_FIELD = {
  consoleEmail: 'consoleEmail',
  orgId: 'spotOrgId',
  subset: 'subset',
  workflow: 'workflow',
} as const;

const text = (value: string | null): Cell | undefined =>
  value === null || value === '' ? undefined : { type: 'text', value };

function header(spec: SheetSpec): Cell[] {
  return spec.columns.map((c) => ({ type: 'text', value: c.header }));
}

/** A row in the sheet's column order, from the cells by column key. */
function row(spec: SheetSpec, cells: Readonly<Record<string, Cell | undefined>>): (Cell | undefined)[] {
  return spec.columns.map((c) => cells[c.key]);
}

function table(spec: SheetSpec, rows: (Cell | undefined)[][]): SheetInput {
  return { name: spec.name, rows: [header(spec), ...rows] };
}

/**
 * Smart quotes in a Parameters cell are read as straight quotes (autocorrect puts them into typed
 * JSON), so a string value that holds one is written with the JSON escape instead. In JSON text
 * these characters can only occur inside strings, so the replacement is exact.
 */
const SMART_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
const parametersJson = (parameters: unknown): string =>
  JSON.stringify(parameters).replace(SMART_QUOTES, (q) => `\\u${q.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The contract's sheets holding the enrollment: Accounts and End Customers only when it has them. */
export function enrollmentToWorkbook(enrollment: Enrollment): WorkbookInput {
  const sheets: SheetInput[] = [];
  sheets.push(
    table(
      ENROLLMENT,
      ENROLLMENT_FIELDS.map((f) => [{ type: 'text', value: f.label }, text(enrollment.msp[MSP_FIELD[f.key]])]),
    ),
  );
  if (enrollment.accounts !== null) {
    sheets.push(
      table(
        ACCOUNTS,
        enrollment.accounts.map((a) =>
          row(ACCOUNTS, {
            accountName: text(a.name),
            accountEmail: text(a.email),
            accountId: text(a.accountId),
            subset: text(a.subset),
          }),
        ),
      ),
    );
  }
  sheets.push(
    table(
      SUBSET_WORKFLOWS,
      enrollment.subsets.map((s) => row(SUBSET_WORKFLOWS, { subset: text(s.name), workflow: text(s.workflow) })),
    ),
  );
  sheets.push(
    table(
      BILLING_WORKFLOWS,
      enrollment.workflows.flatMap((wf) =>
        wf.steps.map((step, i) =>
          row(BILLING_WORKFLOWS, {
            workflow: text(wf.name),
            step: { type: 'number', value: i + 1 },
            rule: text(step.rule),
            details: text(describeStep(step)),
            parameters: text(parametersJson(step.parameters)),
          }),
        ),
      ),
    ),
  );
  if (enrollment.endCustomers !== null) {
    sheets.push(
      table(
        END_CUSTOMERS,
        enrollment.endCustomers.map((c) =>
          row(END_CUSTOMERS, {
            consoleEmail: text(c.consoleEmail),
            orgId: text(c.spotOrgId),
            subset: text(c.subset),
            workflow: text(c.workflow),
          }),
        ),
      ),
    );
  }
  return { sheets };
}

/**
 * Where a cell of `enrollmentToWorkbook(enrollment)` comes from in enrollment.json, as a path
 * (`accounts[1].accountId`, `workflows[0].steps[2].parameters`); the array itself for a finding
 * about a whole sheet, null when the cell holds nothing of the enrollment.
 */
export function enrollmentPath(enrollment: Enrollment, sheet: string, cell: string | null): string | null {
  const key = headerKey(sheet);
  const spec = [ENROLLMENT, ACCOUNTS, SUBSET_WORKFLOWS, BILLING_WORKFLOWS, END_CUSTOMERS].find(
    (s) => headerKey(s.name) === key,
  );
  if (spec === undefined) return null;
  const base = {
    enrollment: 'msp',
    accounts: 'accounts',
    subsetWorkflows: 'subsets',
    billingWorkflows: 'workflows',
    endCustomers: 'endCustomers',
  }[spec.key];
  if (cell === null) return base;
  const at = parseA1(cell);
  if (at === null || at.row === 0) return base;
  const index = at.row - 1;
  const column = spec.columns[at.col]?.key;
  const field = (fields: Readonly<Record<string, string>>): string =>
    column !== undefined && fields[column] !== undefined ? `.${fields[column]}` : '';
  switch (spec.key) {
    case 'enrollment': {
      const f = ENROLLMENT_FIELDS[index];
      return f === undefined ? base : `msp.${MSP_FIELD[f.key]}`;
    }
    case 'accounts':
      return `accounts[${index}]${field(ACCOUNT_FIELD)}`;
    case 'subsetWorkflows':
      return `subsets[${index}]${field(SUBSET_FIELD)}`;
    case 'endCustomers':
      return `endCustomers[${index}]${field(END_CUSTOMER_FIELD)}`;
    case 'billingWorkflows': {
      let first = 0;
      for (const [w, wf] of enrollment.workflows.entries()) {
        if (index < first + wf.steps.length) {
          if (column === 'workflow') return `workflows[${w}].name`;
          const detail = column === 'rule' || column === 'parameters' ? `.${column}` : '';
          return `workflows[${w}].steps[${index - first}]${detail}`;
        }
        first += wf.steps.length;
      }
      return base;
    }
  }
}
