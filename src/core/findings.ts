/**
 * Findings: what validation says about a workbook. Every code is stable (tools and tests key on
 * it), has one severity, and its English text lives here and nowhere else.
 */

export type Severity = 'error' | 'warning';

interface CodeSpec<A> {
  readonly severity: Severity;
  readonly message: (args: A) => string;
}

const spec = <A = Record<string, never>>(severity: Severity, message: (args: A) => string): CodeSpec<A> => ({
  severity,
  message,
});

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export const CATALOG = {
  // ---- workbook and sheet shape -------------------------------------------------------------
  'sheet-missing': spec<{ sheet: string; headers: readonly string[]; nearest: string | null }>('error', (a) =>
    a.nearest === null
      ? `The workbook has no "${a.sheet}" sheet. Add a sheet named "${a.sheet}" with the headers ${list(a.headers.map((h) => `"${h}"`))} in row 1.`
      : `The workbook has no "${a.sheet}" sheet; the sheet "${a.nearest}" looks like it. Rename it to "${a.sheet}" (its headers in row 1 must be ${list(a.headers.map((h) => `"${h}"`))}).`,
  ),
  'sheet-no-rows': spec<{ sheet: string; what: string }>(
    'warning',
    (a) => `The "${a.sheet}" sheet has headers but no rows yet. Add ${a.what} below the header row.`,
  ),
  'sheet-rows-required': spec<{ sheet: string; what: string }>(
    'error',
    (a) =>
      `The "${a.sheet}" sheet has headers but no rows, and an enrollment cannot be sent without them. Add ${a.what} below the header row.`,
  ),
  'findings-omitted': spec<{ count: number; code: string; first: string }>(
    'warning',
    (a) =>
      `And ${a.count.toLocaleString('en-US')} more ${a.count === 1 ? 'finding' : 'findings'} of the same kind as the one at ${a.first} (${a.code}) on this sheet, not listed. Correct those listed, then validate again.`,
  ),
  'column-missing': spec<{ sheet: string; column: string; nearest: string | null }>('error', (a) =>
    a.nearest === null
      ? `The "${a.sheet}" sheet has no "${a.column}" column. Add a header "${a.column}" in row 1.`
      : `The "${a.sheet}" sheet has no "${a.column}" column; the nearest header is "${a.nearest}" here. Rename it to "${a.column}" if that is the column meant.`,
  ),
  'column-duplicate': spec<{ column: string; first: string }>(
    'error',
    (a) => `The header "${a.column}" appears twice (first at ${a.first}). Rename or delete one of the two columns.`,
  ),
  'header-not-in-row-1': spec<{ sheet: string; row: number }>(
    'error',
    (a) =>
      `The headers of the "${a.sheet}" sheet are in row ${a.row}, but the header row must be row 1. Delete the rows above the headers.`,
  ),
  'merged-cells': spec<{ range: string }>(
    'warning',
    (a) =>
      `Cells ${a.range} are merged; their value counts for every row they cover. Unmerge them and fill down, so that each row holds its own value.`,
  ),
  'blank-row': spec<{ first: number; last: number }>('warning', (a) =>
    a.first === a.last
      ? `Row ${a.first} is blank in the middle of the data. The rows below it are still read; delete the blank row.`
      : `Rows ${a.first} to ${a.last} are blank in the middle of the data. The rows below them are still read; delete the blank rows.`,
  ),

  // ---- cell values --------------------------------------------------------------------------
  'value-required': spec<{ column: string; hint: string }>('error', (a) => `"${a.column}" is empty. Enter ${a.hint}.`),
  'cell-error-value': spec<{ error: string; column: string }>(
    'error',
    (a) => `"${a.column}" holds the Excel error ${a.error}. Fix the formula or type the value in.`,
  ),
  'cell-error-value-unchecked': spec<{ error: string; column: string }>(
    'warning',
    (a) =>
      `This cell in ${a.column} holds the Excel error ${a.error}. Nothing checks this column, but fix the formula or type the value in before sending the workbook.`,
  ),
  'formula-no-result': spec<{ column: string; formula: string }>(
    'error',
    (a) =>
      `"${a.column}" holds the formula ${a.formula} but no saved result, so its value is unknown. Open and save the workbook in Excel so its formulas have values.`,
  ),
  'account-id-leading-zeros-lost': spec<{ shown: string; probable: string }>(
    'error',
    (a) =>
      `This AWS account ID is stored as the number ${a.shown}, which lost its leading zero(s); it is probably ${a.probable}. Format the cell as Text and enter ${a.probable}.`,
  ),
  'account-id-scientific-notation': spec<{ shown: string; digitsLost: boolean }>('error', (a) =>
    a.digitsLost
      ? `This AWS account ID was written in scientific notation (${a.shown}) and its digits are lost. Format the cell as Text and type the 12-digit ID again from its source.`
      : `This AWS account ID is stored as a number that Excel shows in scientific notation (${a.shown}). Format the cell as Text and enter the 12 digits.`,
  ),
  'account-id-stored-as-number': spec<{ id: string }>(
    'warning',
    (a) =>
      `This AWS account ID is stored as a number that only its number format shows as ${a.id}. Format the cell as Text and enter ${a.id} so that no copy of the workbook loses the leading zeros.`,
  ),
  'account-id-separators': spec<{ id: string }>(
    'error',
    (a) => `This AWS account ID contains spaces or dashes. Enter it as 12 digits only: ${a.id}.`,
  ),
  'account-id-invalid': spec<{ value: string; digits: number }>('error', (a) =>
    a.digits > 0 && a.digits < 12 && /^\d+$/.test(a.value)
      ? `"${a.value}" has ${a.digits} digits, but an AWS account ID has 12. If leading zeros were lost it is probably ${a.value.padStart(12, '0')}; otherwise enter the full 12-digit ID.`
      : `"${a.value}" is not an AWS account ID. Enter the account's 12-digit ID (such as 012345678901) as text.`,
  ),
  'spot-org-id-invalid': spec<{ value: string }>(
    'error',
    (a) =>
      `"${a.value}" is not a Spot organization ID. Enter the 12-digit org ID shown in the Spot console under user icon > My Organization (such as 606012345678).`,
  ),
  'spot-org-id-stored-as-number': spec<{ id: string }>(
    'warning',
    (a) => `This Spot organization ID is stored as a number. Format the cell as Text and enter ${a.id}.`,
  ),
  'spot-org-id-scientific-notation': spec<{ shown: string }>(
    'error',
    (a) =>
      `This Spot organization ID was written in scientific notation (${a.shown}). Format the cell as Text and type the 12-digit org ID again.`,
  ),
  'spot-org-id-separators': spec<{ id: string }>(
    'error',
    (a) => `This Spot organization ID contains spaces or dashes. Enter it as 12 digits only: ${a.id}.`,
  ),
  'spot-org-id-prefix': spec<{ id: string }>(
    'warning',
    (a) =>
      `Spot organization IDs start with 606, but ${a.id} does not. Check it in the Spot console under user icon > My Organization.`,
  ),
  'email-invalid': spec<{ value: string; column: string }>(
    'error',
    // The column as its header spells it ("Spot Console Email"), not lower-cased into "spot console email".
    (a) => `"${a.value}" is not an e-mail address. Enter the ${a.column} as name@domain.com.`,
  ),
  'email-placeholder': spec<{ value: string; column: string }>(
    'error',
    (a) => `"${a.value}" is a placeholder, not an e-mail address. Replace it with the real ${a.column}.`,
  ),

  'email-too-long': spec<{ length: number; column: string }>(
    'error',
    (a) =>
      `This ${a.column.toLowerCase()} has ${a.length} characters, but an e-mail address has at most 254. Enter the address alone (name@domain.com).`,
  ),

  'formula-reaches-out': spec<{ column: string; what: string; via: string }>(
    'error',
    (a) =>
      `"${a.column}" holds a formula that ${a.what} (${a.via}). Spot's staff open this workbook in Excel, so no such formula is accepted in it: replace the formula by its value (copy the cell, then Paste Special > Values) or type the value in.`,
  ),
  'formula-in-cell': spec<{ column: string; formula: string; shown: string }>(
    'warning',
    (a) =>
      `"${a.column}" is computed by the formula ${a.formula}; it is judged by its value, ${a.shown}. Replace the formula by its value (Paste Special > Values) so that the value cannot change after you submit.`,
  ),

  // ---- Enrollment -------------------------------------------------------------------------------
  'field-missing': spec<{ field: string; hint: string }>(
    'error',
    (a) =>
      `The Enrollment sheet has no "${a.field}" row. Add a row with "${a.field}" in the Field column and ${a.hint} in the Value column.`,
  ),
  'field-duplicate': spec<{ field: string; first: string }>(
    'error',
    (a) => `"${a.field}" is given twice (first at ${a.first}). Keep one row and delete the other.`,
  ),
  'field-unknown': spec<{ field: string; nearest: string | null }>('warning', (a) =>
    a.nearest === null
      ? `"${a.field}" is not an enrollment field and is ignored. The fields are MSP Name, MSP Spot Org ID, Management Account ID, Contact Email and Account Rep Email.`
      : `"${a.field}" is not an enrollment field and is ignored. Did you mean "${a.nearest}"?`,
  ),

  // ---- Accounts -------------------------------------------------------------------------------
  'account-duplicate': spec<{ id: string; first: string }>(
    'error',
    (a) =>
      `AWS account ${a.id} is listed again (first at ${a.first}); an account belongs to one subset only. Delete one of the two rows.`,
  ),
  'subset-unknown': spec<{ subset: string }>(
    'error',
    (a) => `Subset "${a.subset}" is not in the Subset Workflows sheet. Add a row for it there, or correct the name.`,
  ),

  // ---- Subset Workflows -----------------------------------------------------------------------
  'subset-duplicate': spec<{ subset: string; first: string }>(
    'error',
    (a) =>
      `Subset "${a.subset}" is listed twice (first at ${a.first}; names are compared ignoring case and spaces). Give each subset one row.`,
  ),
  'workflow-unknown': spec<{ workflow: string }>(
    'error',
    (a) =>
      `Billing workflow "${a.workflow}" is not defined in the Billing Workflows sheet. Define it there, or pick a defined workflow.`,
  ),
  'name-spelling': spec<{
    kind: 'subset' | 'workflow';
    given: string;
    canonical: string;
    sheet: string;
    /** The name is one of a step's parameters (retain-discounts' subsets), not the whole cell. */
    inParameters?: boolean;
  }>(
    'warning',
    (a) =>
      `"${a.given}" is the ${a.kind} "${a.canonical}" of the ${a.sheet} sheet spelled differently; the package uses "${a.canonical}". ${a.inParameters ? `Write "${a.canonical}" in these parameters` : `Enter "${a.canonical}" here`} so that every sheet spells it the same.`,
  ),
  'subset-without-accounts': spec<{ subset: string }>(
    'warning',
    (a) => `Subset "${a.subset}" has no account in the Accounts sheet. Assign accounts to it, or remove the subset.`,
  ),

  // ---- End Customers --------------------------------------------------------------------------
  'end-customer-duplicate-subset': spec<{ subset: string; first: string }>(
    'error',
    (a) =>
      `Subset "${a.subset}" already has an end customer (at ${a.first}); a subset has one end customer at most. Delete one of the rows.`,
  ),
  'end-customer-workflow-mismatch': spec<{ subset: string; given: string; expected: string }>(
    'error',
    (a) =>
      `Subset "${a.subset}" uses billing workflow "${a.expected}" in Subset Workflows, not "${a.given}". Enter "${a.expected}" here, or change the subset's workflow there.`,
  ),
  'end-customer-org-is-msp': spec<{ id: string }>(
    'error',
    (a) =>
      `${a.id} is the MSP's own Spot org ID. Each end customer needs a Spot organization of its own: create one and enter its ID.`,
  ),
  'end-customer-org-duplicate': spec<{ id: string; first: string }>(
    'warning',
    (a) =>
      `Spot org ${a.id} is already used by another end customer (at ${a.first}). Each end customer usually has an organization of its own.`,
  ),

  // ---- Billing Workflows ------------------------------------------------------------------------
  'step-invalid': spec<{ value: string }>(
    'error',
    (a) => `Step "${a.value}" is not a step number. Number the steps of each workflow 1, 2, 3, ...`,
  ),
  'step-sequence': spec<{ workflow: string; found: string; expected: string }>(
    'error',
    (a) => `The steps of workflow "${a.workflow}" are numbered ${a.found}; number them ${a.expected}.`,
  ),
  'rule-unknown': spec<{ value: string; nearest: string | null }>('error', (a) =>
    a.nearest === null
      ? `"${a.value}" is not a billing rule. Use a rule id from the catalog, such as uplift or replace-ri-discount.`
      : `"${a.value}" is not a billing rule; did you mean "${a.nearest}"?`,
  ),
  'parameters-not-json': spec<{ rule: string; example: string }>(
    'error',
    (a) => `The parameters are not valid JSON. Write them as a JSON object, for ${a.rule} such as ${a.example}.`,
  ),
  'parameters-invalid': spec<{ rule: string; problems: string; example: string }>(
    'error',
    (a) => `The parameters do not fit rule ${a.rule}: ${a.problems}. For example: ${a.example}.`,
  ),
  'rule-must-be-alone': spec<{ workflow: string; rule: string }>(
    'error',
    (a) =>
      `Workflow "${a.workflow}" has ${a.rule} beside other steps; ${a.rule} must be the only step. Remove it or the other steps.`,
  ),
  'rules-exclusive': spec<{ rule: string; other: string; otherCell: string }>(
    'error',
    (a) => `${a.rule} cannot be in the same workflow as ${a.other} (at ${a.otherCell}). Keep one of them.`,
  ),
  'percent-rule-not-last': spec<{ rule: string; next: string }>(
    'warning',
    (a) =>
      `${a.rule} comes before ${a.next}, but Spot applies percent rules after all other rules. Move this step after the others.`,
  ),
  'workflow-unused': spec<{ workflow: string }>(
    'warning',
    (a) =>
      `Workflow "${a.workflow}" is not used by any subset in Subset Workflows. Assign it to a subset, or delete it.`,
  ),
  'rule-subset-unknown': spec<{ subset: string }>(
    'error',
    (a) =>
      `The parameters name subset "${a.subset}", which is not in the Subset Workflows sheet. Correct the name or add the subset.`,
  ),
  'rule-account-unknown': spec<{ id: string }>(
    'warning',
    (a) =>
      `The parameters name account ${a.id}, which is neither in the Accounts sheet nor the management account. Check the ID.`,
  ),
} as const;

export type FindingCode = keyof typeof CATALOG;
export type ArgsOf<C extends FindingCode> = Parameters<(typeof CATALOG)[C]['message']>[0];

/** A certain, one-click correction. */
export type Fix =
  /** The text that should replace the cell's value. */
  | { readonly value: string }
  /** Unmerge this range (`D2:D4`) and fill its top-left value down its first column. */
  | { readonly unmergeFillDown: string };

export interface Finding {
  readonly severity: Severity;
  /** The sheet's tab name as the workbook spells it (the contract's name where it is missing). */
  readonly sheet: string;
  /** A1 reference, or null for a finding about a whole sheet. */
  readonly cell: string | null;
  readonly code: FindingCode;
  readonly message: string;
  readonly fix?: Fix;
}

/** A finding before it is placed on a sheet: what rule checks and value checks return. */
export type Issue = {
  [C in FindingCode]: { readonly code: C; readonly args: ArgsOf<C>; readonly fix?: Fix };
}[FindingCode];

export function issue<C extends FindingCode>(code: C, args: ArgsOf<C>, fix?: Fix): Issue {
  return (fix === undefined ? { code, args } : { code, args, fix }) as Issue;
}

export function place(found: Issue, sheet: string, cell: string | null): Finding {
  const entry = CATALOG[found.code] as CodeSpec<ArgsOf<typeof found.code>>;
  const base = { severity: entry.severity, sheet, cell, code: found.code, message: entry.message(found.args) };
  return found.fix === undefined ? base : { ...base, fix: found.fix };
}

export function severityOf(code: FindingCode): Severity {
  return CATALOG[code].severity;
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** The five fields of the contract, in its order: what `--json` prints. */
export function toContractJson(f: Finding): {
  severity: Severity;
  sheet: string;
  cell: string | null;
  code: FindingCode;
  message: string;
} {
  return { severity: f.severity, sheet: f.sheet, cell: f.cell, code: f.code, message: f.message };
}

// ---- the workflow preview on a Cost and Usage Report (src/core/preview) -----------------------

/**
 * What the preview says about its input and its computation. `input` codes stop the run (the
 * command line prints the one line and exits 2); `warning` and `note` codes travel with the result.
 */
export type PreviewSeverity = 'input' | 'warning' | 'note';

const previewSpec = <A = Record<string, never>>(
  severity: PreviewSeverity,
  message: (args: A) => string,
): { readonly severity: PreviewSeverity; readonly message: (args: A) => string } => ({ severity, message });

export const PREVIEW_CATALOG = {
  // ---- input: the run stops ----
  'cur-not-recognised': previewSpec<{ file: string }>(
    'input',
    (a) =>
      `${a.file} is not a Cost and Usage Report: its header has none of lineItem/UnblendedCost (legacy CUR), line_item_unblended_cost (Athena or CUR 2.0) or BilledCost (FOCUS). Give the .parquet, .csv or .csv.gz files of a CUR export.`,
  ),
  'cur-unreadable': previewSpec<{ file: string; reason: string }>(
    'input',
    (a) => `${a.file} cannot be read: ${a.reason}.`,
  ),
  'cur-dialects-mixed': previewSpec<{ file: string; dialect: string; first: string }>(
    'input',
    (a) => `${a.file} is ${a.dialect}, but the files before it are ${a.first}. Give the files of one export at a time.`,
  ),
  'cur-column-required': previewSpec<{ file: string; column: string }>(
    'input',
    (a) => `${a.file} has no ${a.column} column, which every preview needs. Export the CUR with its standard columns.`,
  ),
  'cur-bad-value': previewSpec<{ file: string; column: string; row: number; value: string }>(
    'input',
    (a) =>
      `${a.file}, row ${a.row}: ${a.column} holds ${JSON.stringify(a.value)}, which is not a number. Re-export the CUR; the file has been changed by hand or cut off.`,
  ),
  'cur-payers-mixed': previewSpec<{ first: string; second: string }>(
    'input',
    (a) =>
      `The CUR has two payer (management) accounts, ${a.first} and ${a.second}. One enrollment workbook covers one payer: preview the files of each payer separately.`,
  ),
  'cur-months-mixed': previewSpec<{ first: string; second: string }>(
    'input',
    (a) =>
      `The CUR crosses a month boundary: it has rows of ${a.first} and of ${a.second}. Preview one billing month at a time: add --month ${a.first} (or --month ${a.second}).`,
  ),
  'cur-month-empty': previewSpec<{ month: string; seen: string }>(
    'input',
    (a) => `The CUR has no rows of ${a.month} (--month); its months are ${a.seen}.`,
  ),

  // ---- warnings: the result is incomplete or may mislead ----
  'column-missing': previewSpec<{ column: string; names: string; rules: string }>(
    'warning',
    (a) =>
      `The CUR has no ${a.names} column, so ${a.rules} cannot be computed; those steps leave the charge unchanged.`,
  ),
  'step-not-computed': previewSpec<{ rule: string; workflow: string; reason: string }>(
    'warning',
    (a) =>
      `Workflow "${a.workflow}": the ${a.rule} step is not computed (${a.reason}); it leaves the charge unchanged.`,
  ),
  'custom-not-computed': previewSpec<{ workflow: string }>(
    'warning',
    (a) =>
      `Workflow "${a.workflow}": the custom step is configured by Spot by hand, so the preview cannot compute it; it leaves the charge unchanged.`,
  ),
  'weekday-needs-granularity': previewSpec<{ workflow: string; rule: string; rows: number }>(
    'warning',
    (a) =>
      `Workflow "${a.workflow}": ${a.rows} line items of the ${a.rule} step span more than one UTC day (a monthly CUR), so their weekday is unknown and the step leaves them unchanged. Export the CUR with hourly or daily granularity.`,
  ),
  'payer-not-management': previewSpec<{ payer: string; management: string }>(
    'warning',
    (a) =>
      `The CUR's payer account is ${a.payer}, but the workbook's management account is ${a.management}. Check that this is the CUR of this enrollment.`,
  ),
  'rows-other-month': previewSpec<{ rows: number; month: string }>(
    'note',
    (a) => `${a.rows} line items of other months than ${a.month} were left out (--month).`,
  ),
  'rows-other-provider': previewSpec<{ rows: number; providers: string }>(
    'note',
    (a) =>
      `${a.rows} line items of other providers (${a.providers}) were left out: the preview covers AWS charges only.`,
  ),
  'accounts-not-in-cur': previewSpec<{ count: number; accounts: string }>(
    'note',
    (a) => `${a.count} accounts of the workbook have no line items in this CUR: ${a.accounts}.`,
  ),
  'accounts-not-enrolled': previewSpec<{ count: number; accounts: string }>(
    'warning',
    (a) =>
      `${a.count} accounts of the CUR are not in the workbook's Accounts sheet, so no workflow applies to them (the "not enrolled" line): ${a.accounts}.`,
  ),
  'focus-service-names': previewSpec<{ workflow: string; rule: string }>(
    'warning',
    (a) =>
      `Workflow "${a.workflow}": the ${a.rule} step names services by product code (AmazonEC2), but this FOCUS export has only ServiceName ("Amazon Elastic Compute Cloud") and no x_ServiceCode, so its service condition matches nothing.`,
  ),

  // ---- notes: approximations, said with the result ----
  'credits-by-description': previewSpec<{ workflow: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": credit programs are told apart by the line item description (an editable pattern table), so the credits removed are an approximation.`,
  ),
  'credits-unclassified': previewSpec<{ workflow: string; rows: number; amount: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": ${a.rows} credit line items (${a.amount}) match no program pattern; they count as "other" credits (the "unclassified credits" line).`,
  ),
  'cur2-discount-map': previewSpec<{ workflow: string; amount: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": this CUR 2.0 keeps the EDP discount in its discount map (${a.amount}), outside the unblended cost, so the charge already excludes it and removing it changes nothing.`,
  ),
  'sp-split-by-ratio': previewSpec<{ workflow: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": the CUR carries only each Savings Plan's effective cost per line item, so the up-front and recurring parts are split by each plan's ratio of amortized up-front to recurring commitment (an approximation).`,
  ),
  'savings-fee-all-commitments': previewSpec<{ workflow: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": the savings fee is computed on the savings of every RI and Savings Plan in the CUR; Spot charges it on Eco-managed commitments only, whose list the CUR does not carry (an approximation).`,
  ),
  'refunds-late': previewSpec<{ workflow: string }>(
    'note',
    (a) =>
      `Workflow "${a.workflow}": credits and refunds can arrive after the month closes; the preview shows only those already in this CUR.`,
  ),
} as const;

export type PreviewCode = keyof typeof PREVIEW_CATALOG;
export type PreviewArgs<C extends PreviewCode> = Parameters<(typeof PREVIEW_CATALOG)[C]['message']>[0];

/** One thing the preview says, placed: its code, severity, English, and the step it is about. */
export interface PreviewNote {
  readonly code: PreviewCode;
  readonly severity: PreviewSeverity;
  readonly message: string;
  /** The workflow and 1-based step number it is about, when it is about one step. */
  readonly workflow?: string;
  readonly step?: number;
}

export function previewNote<C extends PreviewCode>(
  code: C,
  args: PreviewArgs<C>,
  at?: { readonly workflow: string; readonly step: number },
): PreviewNote {
  const entry = PREVIEW_CATALOG[code] as {
    readonly severity: PreviewSeverity;
    readonly message: (a: PreviewArgs<C>) => string;
  };
  const base = { code, severity: entry.severity, message: entry.message(args) };
  return at === undefined ? base : { ...base, workflow: at.workflow, step: at.step };
}
