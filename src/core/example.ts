/**
 * The example enrollment (`examples/enrollment.xlsx`, the harness's "Load example"): the seed's
 * examples made complete and valid. Subsets 1-5 and their workflows as picture 02a has them;
 * Workflow 1 and 2 as Step 5 of the enrollment procedure words them, Workflow 3 a pass-through.
 * Pure data, so the command line (which writes it with exceljs) and the browser harness share it.
 */
import { describeStep, StepSchema } from './rules';
import { ENROLLMENT, ENROLLMENT_FIELDS, SHEETS, type FieldSpec, type SheetKey } from './sheets';

export type CellInput = string | number;
export type RowInput = readonly CellInput[];

/** What goes below the header rows. Rows of a table sheet are in the sheet's column order. */
export interface WorkbookContent {
  /** Enrollment values by field; the Field labels themselves are always written. */
  readonly enrollment?: Partial<Record<FieldSpec['key'], string>>;
  readonly rows?: Partial<Record<Exclude<SheetKey, 'enrollment'>, readonly RowInput[]>>;
}

/** The management (payer) account: where the MSP buys the RIs and Savings Plans it keeps. */
const MANAGEMENT_ACCOUNT = '004217869350';

interface Customer {
  readonly subset: string;
  readonly workflow: string;
  readonly company: string;
  readonly domain: string;
  readonly spotOrgId: string;
  readonly accounts: readonly { readonly name: string; readonly mailbox: string; readonly id: string }[];
}

const CUSTOMERS: readonly Customer[] = [
  {
    subset: 'Subset 1',
    workflow: 'Workflow 1',
    company: 'Contoso',
    domain: 'contoso.example.com',
    spotOrgId: '606071234501',
    accounts: [
      { name: 'Contoso Production', mailbox: 'aws-prod', id: '018273645091' },
      { name: 'Contoso Staging', mailbox: 'aws-staging', id: '274615093862' },
      { name: 'Contoso Data Lake', mailbox: 'aws-data', id: '000731948265' },
    ],
  },
  {
    subset: 'Subset 2',
    workflow: 'Workflow 1',
    company: 'Fabrikam',
    domain: 'fabrikam.example.com',
    spotOrgId: '606071234502',
    accounts: [
      { name: 'Fabrikam Web', mailbox: 'aws-web', id: '385920174638' },
      { name: 'Fabrikam Analytics', mailbox: 'aws-analytics', id: '051836294017' },
    ],
  },
  {
    subset: 'Subset 3',
    workflow: 'Workflow 2',
    company: 'Adatum',
    domain: 'adatum.example.com',
    spotOrgId: '606071234503',
    accounts: [
      { name: 'Adatum Retail', mailbox: 'aws-retail', id: '628104957362' },
      { name: 'Adatum Retail DR', mailbox: 'aws-retail-dr', id: '006284719530' },
      { name: 'Adatum Sandbox', mailbox: 'aws-sandbox', id: '719263850418' },
    ],
  },
  {
    subset: 'Subset 4',
    workflow: 'Workflow 2',
    company: 'Tailspin Toys',
    domain: 'tailspintoys.example.com',
    spotOrgId: '606071234504',
    accounts: [
      { name: 'Tailspin Games Platform', mailbox: 'aws-platform', id: '840197362514' },
      { name: 'Tailspin Build Farm', mailbox: 'aws-build', id: '092736481520' },
    ],
  },
  {
    subset: 'Subset 5',
    workflow: 'Workflow 3',
    company: 'Litware',
    domain: 'litware.example.com',
    spotOrgId: '606071234505',
    accounts: [
      { name: 'Litware ERP', mailbox: 'aws-erp', id: '531862940173' },
      { name: 'Litware Backup', mailbox: 'aws-backup', id: '000418273695' },
    ],
  },
];

const MSP_DOMAIN = 'northwind-cloud.example.com';

interface StepInput {
  readonly rule: string;
  readonly parameters: Record<string, unknown>;
}

const WORKFLOWS: readonly { readonly name: string; readonly steps: readonly StepInput[] }[] = [
  {
    name: 'Workflow 1',
    steps: [
      { rule: 'replace-ri-discount', parameters: { purchasedBy: [MANAGEMENT_ACCOUNT] } },
      { rule: 'replace-sp-discount', parameters: { purchasedBy: [MANAGEMENT_ACCOUNT] } },
      { rule: 'remove-credits', parameters: { programs: ['edp'], refunds: false } },
      { rule: 'uplift', parameters: { percent: 3 } },
    ],
  },
  {
    name: 'Workflow 2',
    steps: [
      { rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } },
      { rule: 'remove-volume-discounts', parameters: { mode: 'top-rate-free-usage' } },
      {
        rule: 'discount',
        parameters: {
          percent: 2,
          when: {
            services: ['AmazonEC2'],
            regions: ['us-east-*'],
            daysOfWeek: ['tue'],
            months: [6, 7, 8],
            years: 'odd',
          },
        },
      },
    ],
  },
  { name: 'Workflow 3', steps: [{ rule: 'no-billing-rules', parameters: {} }] },
];

/** One Billing Workflows row: Details is the catalog's sentence, Parameters the JSON. */
function stepRow(workflow: string, index: number, step: StepInput): RowInput {
  return [workflow, index + 1, step.rule, describeStep(StepSchema.parse(step)), JSON.stringify(step.parameters)];
}

export function exampleContent(): WorkbookContent {
  return {
    enrollment: {
      mspName: 'Northwind Cloud Services',
      mspOrgId: '606012345678',
      managementAccountId: MANAGEMENT_ACCOUNT,
      contactEmail: `cloud-billing@${MSP_DOMAIN}`,
      accountRepEmail: 'account-rep@spot.example.com',
    },
    rows: {
      accounts: CUSTOMERS.flatMap((c) => c.accounts.map((a) => [a.name, `${a.mailbox}@${c.domain}`, a.id, c.subset])),
      subsetWorkflows: CUSTOMERS.map((c) => [c.subset, c.workflow]),
      billingWorkflows: WORKFLOWS.flatMap((w) => w.steps.map((step, i) => stepRow(w.name, i, step))),
      endCustomers: CUSTOMERS.map((c) => [`finops@${c.domain}`, c.spotOrgId, c.subset, c.workflow]),
    },
  };
}

/** The example as the rows of each sheet, headers first, by sheet name. */
export function exampleSheets(content: WorkbookContent = exampleContent()): Record<string, RowInput[]> {
  const out: Record<string, RowInput[]> = {};
  for (const spec of SHEETS) {
    const header = spec.columns.map((c) => c.header);
    out[spec.name] =
      spec === ENROLLMENT
        ? [header, ...ENROLLMENT_FIELDS.map((f) => [f.label, content.enrollment?.[f.key] ?? ''])]
        : [header, ...(content.rows?.[spec.key as Exclude<SheetKey, 'enrollment'>] ?? [])];
  }
  return out;
}
