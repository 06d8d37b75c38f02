/**
 * The example enrollment (the valid workbook of docs and tests), as rows a person would type.
 * Strings of 12 digits are AWS account or Spot org IDs: they go into text-formatted cells so they
 * keep their leading zeros, as the add-in's own Build sheets and Import do.
 */
import type { MemoryExcel } from '../in-memory-excel';

export type SeedValue = string | number;
export type SeedSheets = Readonly<Record<string, readonly (readonly SeedValue[])[]>>;

const WF = ['Workflow Name', 'Step', 'Rule', 'Details', 'Parameters'];

export const EXAMPLE: SeedSheets = {
  Enrollment: [
    ['Field', 'Value'],
    ['MSP Name', 'Acme Cloud Partners'],
    ['MSP Spot Org ID', '606000000001'],
    ['Management Account ID', '012345678901'],
    ['Contact Email', 'finance@acme-cloud.example'],
    ['Account Rep Email', 'rep@spot.example'],
  ],
  Accounts: [
    ['Account Name', 'AWS Account Email', 'AWS Account ID', 'Subset Name'],
    ['Payer', 'aws-payer@acme-cloud.example', '012345678901', 'Subset 1'],
    ['Contoso prod', 'aws-prod@contoso.example', '111111111111', 'Subset 1'],
    ['Contoso dev', 'aws-dev@contoso.example', '001111111112', 'Subset 2'],
    ['Fabrikam', 'aws@fabrikam.example', '222222222222', 'Subset 3'],
    ['Northwind', 'aws@northwind.example', '333333333333', 'Subset 4'],
    ['Tailspin', 'aws@tailspin.example', '444444444444', 'Subset 5'],
  ],
  'Subset Workflows': [
    ['Subset Name', 'Billing Workflow Name'],
    ['Subset 1', 'Workflow 1'],
    ['Subset 2', 'Workflow 1'],
    ['Subset 3', 'Workflow 2'],
    ['Subset 4', 'Workflow 2'],
    ['Subset 5', 'Workflow 3'],
  ],
  'Billing Workflows': [
    WF,
    [
      'Workflow 1',
      1,
      'replace-ri-discount',
      'Replace RI discount with public on-demand price when RIs are purchased by 012345678901',
      '{"purchasedBy":["012345678901"]}',
    ],
    [
      'Workflow 1',
      2,
      'replace-sp-discount',
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by 012345678901',
      '{"purchasedBy":["012345678901"]}',
    ],
    [
      'Workflow 1',
      3,
      'remove-credits',
      'Remove EDP discount so it is not shared with the customer',
      '{"programs":["edp"],"refunds":false}',
    ],
    ['Workflow 1', 4, 'uplift', 'Uplift the price of all services by 3%', '{"percent":3}'],
    [
      'Workflow 2',
      1,
      'replace-ri-discount',
      'Replace RI discount with public on-demand price when RIs are purchased by any account',
      '{"purchasedBy":"any"}',
    ],
    [
      'Workflow 2',
      2,
      'remove-volume-discounts',
      'Replace free tier usage with the first billable rate',
      '{"mode":"top-rate-free-usage"}',
    ],
    [
      'Workflow 2',
      3,
      'discount',
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
      '{"percent":2,"when":{"services":["AmazonEC2"],"regions":["us-east-*"],"daysOfWeek":["tue"],"months":[6,7,8],"years":"odd"}}',
    ],
    ['Workflow 3', 1, 'no-billing-rules', 'Process the billing data as it is, with no billing rules', '{}'],
  ],
  'End Customers': [
    ['Spot Console Email', 'Spot Org ID', 'Subset Name', 'Billing Workflow Name'],
    ['admin@contoso.example', '606000000011', 'Subset 1', 'Workflow 1'],
    ['admin@fabrikam.example', '606000000012', 'Subset 3', 'Workflow 2'],
  ],
};

const isId = (v: SeedValue): boolean => typeof v === 'string' && /^\d{12}$/.test(v);

/**
 * Writes `sheets` into the workbook: each sheet is created when missing, its cells overwritten,
 * and an onChanged raised per sheet (as after a paste), so that a pane that follows edits sees it.
 */
export function loadSeed(host: MemoryExcel, sheets: SeedSheets = EXAMPLE): void {
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = host.model.sheet(name) ?? host.model.addSheet(name);
    let cols = 0;
    rows.forEach((row, r) => {
      cols = Math.max(cols, row.length);
      row.forEach((value, c) => {
        if (isId(value)) sheet.ensure(r, c).numberFormat = '@';
        sheet.enter(r, c, value);
      });
    });
    if (rows.length > 0) host.model.changed(sheet, { row: 0, col: 0, rows: rows.length, cols });
  }
}
