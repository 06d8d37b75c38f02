/**
 * The sheets of the contract (`docs/workbook.md`), their headers word for word, and
 * which of them must exist. Everything that lays out or reads the workbook starts here.
 */

export type SheetKey = 'enrollment' | 'accounts' | 'subsetWorkflows' | 'billingWorkflows' | 'endCustomers';

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  /** IDs are stored as text: writers format these columns `@`. */
  readonly text?: boolean;
  /** A sensible width, in characters, for writers. */
  readonly width: number;
  /** What to type in it, for messages ("Enter <hint>."). */
  readonly hint: string;
  /** False for a column the contract never judges (Details): its merges and error values are no errors. */
  readonly checked?: false;
}

export interface SheetSpec {
  readonly key: SheetKey;
  readonly name: string;
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
  /** What a row is, for messages ("accounts", "subsets"). */
  readonly rowsAre: string;
}

export const ENROLLMENT: SheetSpec = {
  key: 'enrollment',
  name: 'Enrollment',
  required: true,
  rowsAre: 'the enrollment fields',
  columns: [
    { key: 'field', header: 'Field', width: 26, hint: 'the name of an enrollment field' },
    { key: 'value', header: 'Value', width: 40, text: true, hint: "the field's value" },
  ],
};

export const ACCOUNTS: SheetSpec = {
  key: 'accounts',
  name: 'Accounts',
  required: false,
  rowsAre: 'one row per AWS account',
  columns: [
    { key: 'accountName', header: 'Account Name', width: 30, hint: "the account's name" },
    { key: 'accountEmail', header: 'AWS Account Email', width: 34, hint: "the account's e-mail address" },
    {
      key: 'accountId',
      header: 'AWS Account ID',
      width: 16,
      text: true,
      hint: "the account's 12-digit AWS account ID",
    },
    { key: 'subset', header: 'Subset Name', width: 24, hint: 'a subset name from the Subset Workflows sheet' },
  ],
};

export const SUBSET_WORKFLOWS: SheetSpec = {
  key: 'subsetWorkflows',
  name: 'Subset Workflows',
  required: true,
  rowsAre: 'one row per subset',
  columns: [
    { key: 'subset', header: 'Subset Name', width: 24, hint: 'the name of the subset' },
    {
      key: 'workflow',
      header: 'Billing Workflow Name',
      width: 28,
      hint: 'a workflow name from the Billing Workflows sheet',
    },
  ],
};

export const BILLING_WORKFLOWS: SheetSpec = {
  key: 'billingWorkflows',
  name: 'Billing Workflows',
  required: true,
  rowsAre: 'one row per workflow step',
  columns: [
    { key: 'workflow', header: 'Workflow Name', width: 24, hint: 'the name of the workflow this step belongs to' },
    { key: 'step', header: 'Step', width: 6, hint: 'the step number (1, 2, 3, ...)' },
    { key: 'rule', header: 'Rule', width: 24, hint: 'a rule id from the catalog, such as uplift' },
    { key: 'details', header: 'Details', width: 60, hint: 'a description of the step', checked: false },
    { key: 'parameters', header: 'Parameters', width: 50, hint: 'the rule parameters as JSON' },
  ],
};

export const END_CUSTOMERS: SheetSpec = {
  key: 'endCustomers',
  name: 'End Customers',
  required: false,
  rowsAre: 'one row per end customer',
  columns: [
    {
      key: 'consoleEmail',
      header: 'Spot Console Email',
      width: 32,
      hint: 'the e-mail address the end customer logs into Spot with',
    },
    {
      key: 'orgId',
      header: 'Spot Org ID',
      width: 16,
      text: true,
      hint: "the end customer's 12-digit Spot organization ID",
    },
    { key: 'subset', header: 'Subset Name', width: 24, hint: 'a subset name from the Subset Workflows sheet' },
    {
      key: 'workflow',
      header: 'Billing Workflow Name',
      width: 28,
      hint: 'a workflow name from the Billing Workflows sheet',
    },
  ],
};

/** In the order a person fills them in; findings are sorted in this order too. */
export const SHEETS: readonly SheetSpec[] = [ENROLLMENT, ACCOUNTS, SUBSET_WORKFLOWS, BILLING_WORKFLOWS, END_CUSTOMERS];

export interface FieldSpec {
  readonly key: 'mspName' | 'mspOrgId' | 'managementAccountId' | 'contactEmail' | 'accountRepEmail';
  readonly label: string;
  readonly required: boolean;
  readonly kind: 'text' | 'spot-org-id' | 'aws-account-id' | 'email';
  /** What to type, for messages. */
  readonly hint: string;
}

/** The rows of the Enrollment sheet (key/value). */
export const ENROLLMENT_FIELDS: readonly FieldSpec[] = [
  { key: 'mspName', label: 'MSP Name', required: true, kind: 'text', hint: 'your company name' },
  {
    key: 'mspOrgId',
    label: 'MSP Spot Org ID',
    required: true,
    kind: 'spot-org-id',
    hint: "your Spot organization's 12-digit ID",
  },
  {
    key: 'managementAccountId',
    label: 'Management Account ID',
    required: true,
    kind: 'aws-account-id',
    hint: "the management (payer) account's 12-digit ID",
  },
  {
    key: 'contactEmail',
    label: 'Contact Email',
    required: true,
    kind: 'email',
    hint: "the contact person's e-mail address",
  },
  {
    key: 'accountRepEmail',
    label: 'Account Rep Email',
    required: false,
    kind: 'email',
    hint: "your Spot account rep's e-mail address",
  },
];

/** Longer text is no header, however padded: it is keyed as it is (normalising 16,384 cells of 32,767 characters took seconds). */
const MAX_HEADER_TEXT = 1000;

/** Header text as the contract matches it: case-insensitive, surrounding and repeated spaces ignored. */
export function headerKey(text: string): string {
  if (text.length > MAX_HEADER_TEXT) return text;
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether `name` is one of the contract's sheets (matched as the core matches them). */
export function isContractSheet(name: string): boolean {
  const key = headerKey(name);
  return SHEETS.some((s) => headerKey(s.name) === key);
}
