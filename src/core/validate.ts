/**
 * Judges a whole workbook the way Spot's staff would: every sheet of the contract, every cell,
 * and the references between sheets. Pure: the same port input gives the same findings.
 */
import { a1 } from './a1';
import { buildEnrollment, type Enrollment } from './enrollment';
import { issue, place, type Finding } from './findings';
import { nameKey } from './ids';
import type { Cell, WorkbookInput } from './port';
import {
  ACCOUNTS,
  BILLING_WORKFLOWS,
  END_CUSTOMERS,
  ENROLLMENT,
  ENROLLMENT_FIELDS,
  SHEETS,
  SUBSET_WORKFLOWS,
  headerKey,
  type FieldSpec,
  type SheetSpec,
} from './sheets';
import { SheetJudge } from './judge';
import type { DataRow } from './table';
import { findSheet, readTable } from './table';
import { nearest } from './text-distance';
import { cellText, isBlank, judgeAccountId, judgeEmail, judgeName, judgeSpotOrgId, type Judged } from './values';
import { checkWorkflows, readWorkflowRows, respellSubsets, type WorkflowDraft } from './workflows';

export interface ValidationResult {
  /** Sorted by sheet (contract order), then row, then column; sheet-wide findings first. */
  readonly findings: Finding[];
  /** The enrollment as validated; null while errors remain. */
  readonly enrollment: Enrollment | null;
}

/** Where a value came from, so later checks can point back at it. */
export interface Located<T> {
  readonly value: T;
  readonly sheet: string;
  readonly ref: string;
}

export interface MspFields {
  readonly name: string | null;
  readonly spotOrgId: string | null;
  readonly managementAccountId: string | null;
  readonly contactEmail: string | null;
  readonly accountRepEmail: string | null;
}

export interface AccountRow {
  readonly name: string;
  readonly email: string | null;
  readonly accountId: string;
  readonly subset: string;
}
export interface SubsetRow {
  readonly name: string;
  /** Null when the cell is empty or an error (reported there); the subset still exists. */
  readonly workflow: string | null;
}
export interface EndCustomerRow {
  readonly consoleEmail: string;
  readonly spotOrgId: string;
  readonly subset: string;
  readonly workflow: string;
}

/**
 * Findings kept per sheet and code; the rest are only counted, and one `findings-omitted` says
 * how many. A million bad cells would otherwise be a million findings held, sorted and printed
 * (1.7 GB); the first thousand of a kind show the fix as well.
 */
export const MAX_FINDINGS_PER_KIND = 1000;

/** The findings list the checks push into, keeping at most `MAX_FINDINGS_PER_KIND` of each kind. */
class CappedFindings extends Array<Finding> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  /** Per sheet and code: how many were pushed, and the cell of the first. */
  readonly kinds = new Map<string, { count: number; sheet: string; code: string; first: string }>();

  override push(...items: Finding[]): number {
    for (const f of items) {
      const key = `${f.sheet}\u0000${f.code}`;
      const kind = this.kinds.get(key);
      if (kind === undefined) this.kinds.set(key, { count: 1, sheet: f.sheet, code: f.code, first: f.cell ?? f.sheet });
      else if (++kind.count > MAX_FINDINGS_PER_KIND) continue;
      super.push(f);
    }
    return this.length;
  }

  /** The kept findings, and one `findings-omitted` per kind that was cut. */
  kept(): Finding[] {
    const out: Finding[] = [...this];
    for (const k of this.kinds.values()) {
      if (k.count <= MAX_FINDINGS_PER_KIND) continue;
      out.push(
        place(
          issue('findings-omitted', { count: k.count - MAX_FINDINGS_PER_KIND, code: k.code, first: k.first }),
          k.sheet,
          null,
        ),
      );
    }
    return out;
  }
}

export function validateWorkbook(input: WorkbookInput): ValidationResult {
  const out = new CappedFindings();
  const claimed = new Set(
    SHEETS.map((s) => findSheet(input, s.name))
      .filter((s) => s !== undefined)
      .map((s) => headerKey(s.name)),
  );
  const read = (spec: SheetSpec): SheetJudge | undefined => {
    const t = readTable(input, spec, out, claimed);
    return t && new SheetJudge(t, out);
  };
  const enrollmentSheet = read(ENROLLMENT);
  const accountsSheet = read(ACCOUNTS);
  const subsetsSheet = read(SUBSET_WORKFLOWS);
  const workflowsSheet = read(BILLING_WORKFLOWS);
  const customersSheet = read(END_CUSTOMERS);

  const msp = enrollmentSheet ? judgeEnrollment(enrollmentSheet) : null;
  const workflows = workflowsSheet ? readWorkflowRows(workflowsSheet) : null;
  const subsets = subsetsSheet ? judgeSubsets(subsetsSheet, workflowsSheet?.table.complete ? workflows : null) : null;
  const accounts = accountsSheet ? judgeAccounts(accountsSheet, subsetsSheet?.table.complete ? subsets : null) : null;

  if (subsetsSheet && subsets && accounts && accountsSheet?.table.complete) {
    for (const s of subsets) {
      if (!accounts.subsets.has(nameKey(s.value.name)))
        subsetsSheet.report(issue('subset-without-accounts', { subset: s.value.name }), s.ref);
    }
  }
  if (workflowsSheet && workflows) {
    checkWorkflows(workflowsSheet, workflows, {
      subsets: subsetsSheet?.table.complete && subsets ? new Set(subsets.map((s) => nameKey(s.value.name))) : null,
      ...(subsets && { subsetSpellings: spellings(subsets.map((s) => s.value.name)) }),
      // Unknown while a subset's workflow cell cannot be read (reported there): no "unused" cascade.
      used:
        subsetsSheet?.table.complete && subsets && subsets.every((s) => s.value.workflow !== null)
          ? new Set(subsets.map((s) => nameKey(s.value.workflow!)))
          : null,
      accounts:
        accountsSheet?.table.complete && accounts
          ? { has: (id: string) => accounts.ids.has(id) || id === msp?.managementAccountId }
          : null,
    });
  }
  const endCustomers = customersSheet
    ? judgeEndCustomers(
        customersSheet,
        subsetsSheet?.table.complete ? subsets : null,
        workflowsSheet?.table.complete ? workflows : null,
        msp?.spotOrgId ?? null,
      )
    : null;

  const findings = sortFindings(out.kept(), input);
  const build = (): Enrollment | null =>
    findings.some((f) => f.severity === 'error') || !msp || !subsets || !workflows
      ? null
      : buildEnrollment({
          msp,
          // Names as Subset Workflows and Billing Workflows spell them, whatever other cells wrote.
          accounts: accounts?.rows() ?? null,
          subsets: subsets.map((s) => ({
            ...s.value,
            workflow: s.value.workflow && spelled(workflows, s.value.workflow),
          })),
          workflows: workflows.map((wf) => respellSubsets(wf, (name) => spelled(subsets, name))),
          endCustomers:
            endCustomers?.map((e) => ({
              ...e.value,
              subset: spelled(subsets, e.value.subset),
              workflow: spelled(workflows, e.value.workflow),
            })) ?? null,
        });
  // Built on first use: checking a workbook (the command line's validate, the pane's marks) does
  // not need the model, and for 50,000 accounts its schema parse is a good part of the time.
  let enrollment: { readonly value: Enrollment | null } | undefined;
  return {
    findings,
    get enrollment() {
      return (enrollment ??= { value: build() }).value;
    },
  };
}

/** A name as its defining sheet spells it (the first row with its `nameKey`), else as given. */
function spelled(defined: readonly (Located<SubsetRow> | WorkflowDraft)[], name: string): string {
  const key = nameKey(name);
  for (const d of defined) {
    const n = 'value' in d ? d.value.name : d.name;
    if (nameKey(n) === key) return n;
  }
  return name;
}

/** Names by `nameKey`, as the defining sheet spells them (first row wins). */
function spellings(names: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of names) if (!m.has(nameKey(n))) m.set(nameKey(n), n);
  return m;
}

/** A name that matches a defined one only once case and spaces are ignored: a warning with the fix. */
function checkSpelling(
  sheet: SheetJudge,
  given: string,
  canonical: string | undefined,
  kind: 'subset' | 'workflow',
  ref: string | null,
): void {
  if (canonical === undefined || canonical === given) return;
  const where = kind === 'subset' ? SUBSET_WORKFLOWS.name : BILLING_WORKFLOWS.name;
  sheet.report(issue('name-spelling', { kind, given, canonical, sheet: where }, { value: canonical }), ref);
}

// ---- Enrollment (key/value) -----------------------------------------------------------------

function judgeEnrollment(sheet: SheetJudge): MspFields {
  const byLabel = new Map(ENROLLMENT_FIELDS.map((f) => [fieldKey(f.label), f]));
  const seen = new Map<FieldSpec['key'], string>();
  const values: Record<FieldSpec['key'], string | null> = {
    mspName: null,
    mspOrgId: null,
    managementAccountId: null,
    contactEmail: null,
    accountRepEmail: null,
  };
  for (const row of sheet.table.rows) {
    const label = sheet.name(row, 'field', false);
    const fieldRef = row.ref('field');
    if (label === null) {
      // A value with no field name: say which field is missing its name.
      if (sheet.take(row, 'value', false) !== null) sheet.take(row, 'field', true);
      continue;
    }
    const field = byLabel.get(fieldKey(label));
    if (!field) {
      const near = nearest(
        fieldKey(label),
        ENROLLMENT_FIELDS.map((f) => fieldKey(f.label)),
      );
      sheet.report(
        issue('field-unknown', {
          field: label,
          nearest: ENROLLMENT_FIELDS.find((f) => fieldKey(f.label) === near)?.label ?? null,
        }),
        fieldRef,
      );
      continue;
    }
    const first = seen.get(field.key);
    if (first !== undefined) {
      sheet.report(issue('field-duplicate', { field: field.label, first }), fieldRef);
      continue;
    }
    seen.set(field.key, fieldRef ?? '');
    const judge = fieldJudge(field);
    const cell = sheet.take(row, 'value', false);
    if (cell === null) {
      const value = row.cell('value');
      if (field.required && value.type !== 'error' && value.formula === undefined) {
        sheet.report(issue('value-required', { column: field.label, hint: field.hint }), row.ref('value'));
      }
      continue;
    }
    const r = judge(cell);
    if (r.issue) sheet.report(r.issue, row.ref('value'));
    values[field.key] = r.value;
  }
  if (sheet.table.complete) {
    for (const f of ENROLLMENT_FIELDS) {
      if (f.required && !seen.has(f.key)) sheet.report(issue('field-missing', { field: f.label, hint: f.hint }), null);
    }
  }
  return {
    name: values.mspName,
    spotOrgId: values.mspOrgId,
    managementAccountId: values.managementAccountId,
    contactEmail: values.contactEmail,
    accountRepEmail: values.accountRepEmail,
  };
}

/** Field labels match like headers, and also without spaces ("MSP SpotOrg ID"). */
const fieldKey = (label: string): string => headerKey(label).replace(/ /g, '');

function fieldJudge(field: FieldSpec): (cell: Cell) => Judged<string> {
  switch (field.kind) {
    case 'spot-org-id':
      return judgeSpotOrgId;
    case 'aws-account-id':
      return judgeAccountId;
    case 'email':
      return (cell) => judgeEmail(cell, field.label);
    case 'text':
      return (cell) => ({ value: cellText(cell) });
  }
}

// ---- Subset Workflows ------------------------------------------------------------------------

function judgeSubsets(sheet: SheetJudge, workflows: readonly WorkflowDraft[] | null): Located<SubsetRow>[] {
  const known = workflows && spellings(workflows.map((w) => w.name));
  const seen = new Map<string, string>();
  const result: Located<SubsetRow>[] = [];
  for (const row of sheet.table.rows) {
    const name = sheet.name(row, 'subset', true);
    const workflow = sheet.name(row, 'workflow', true);
    const ref = row.ref('subset') ?? a1(row.index, 0);
    if (name !== null) {
      const first = seen.get(nameKey(name));
      if (first !== undefined) {
        sheet.report(issue('subset-duplicate', { subset: name, first }), ref);
        continue;
      }
      seen.set(nameKey(name), ref);
    }
    if (workflow !== null && known) {
      const canonical = known.get(nameKey(workflow));
      if (canonical === undefined) sheet.report(issue('workflow-unknown', { workflow }), row.ref('workflow'));
      else checkSpelling(sheet, workflow, canonical, 'workflow', row.ref('workflow'));
    }
    // A subset whose workflow cell is wrong still exists: only that cell is reported, not every
    // account and end customer that names the subset.
    if (name !== null) result.push({ value: { name, workflow }, sheet: sheet.table.name, ref });
  }
  return result;
}

// ---- Accounts --------------------------------------------------------------------------------

const judgeAccountEmail = (c: Cell): Judged<string> => judgeEmail(c, 'AWS Account Email');

interface AccountsRead {
  /** Each account ID with the row that first lists it. */
  readonly ids: ReadonlyMap<string, DataRow>;
  /** `nameKey`s of every subset an account row names, valid ID or not. */
  readonly subsets: Set<string>;
  /** The rows as the model has them; made only when the enrollment is asked for (no errors then). */
  rows(): AccountRow[];
}

function judgeAccounts(sheet: SheetJudge, subsets: readonly Located<SubsetRow>[] | null): AccountsRead {
  const known = subsets && spellings(subsets.map((s) => s.value.name));
  // The first row of each ID; its A1 reference is made only when a duplicate needs it.
  const seen = new Map<string, DataRow>();
  const named = new Set<string>();
  for (const row of sheet.table.rows) {
    sheet.name(row, 'accountName', false);
    sheet.judged(row, 'accountEmail', false, judgeAccountEmail);
    const id = sheet.judged(row, 'accountId', true, judgeAccountId);
    const subset = sheet.name(row, 'subset', true);
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined)
        sheet.report(issue('account-duplicate', { id, first: first.ref('accountId') ?? '' }), row.ref('accountId'));
      else seen.set(id, row);
    }
    if (subset !== null) {
      const key = nameKey(subset);
      named.add(key);
      if (known) {
        const canonical = known.get(key);
        if (canonical === undefined) sheet.report(issue('subset-unknown', { subset }), row.ref('subset'));
        else checkSpelling(sheet, subset, canonical, 'subset', row.ref('subset'));
      }
    }
  }
  const rows = (): AccountRow[] =>
    sheet.table.rows.map((row) => ({
      name: judgeName(row.cell('accountName')) ?? '',
      email: isBlank(row.cell('accountEmail')) ? null : judgeAccountEmail(row.cell('accountEmail')).value,
      accountId: judgeAccountId(row.cell('accountId')).value ?? '',
      subset: canonicalName(known, judgeName(row.cell('subset')) ?? ''),
    }));
  return { ids: seen, subsets: named, rows };
}

const WORKFLOW_COLUMN = ((c) => ({ column: c.header, hint: c.hint }))(
  END_CUSTOMERS.columns.find((c) => c.key === 'workflow')!,
);

const canonicalName = (known: ReadonlyMap<string, string> | null, name: string): string =>
  known?.get(nameKey(name)) ?? name;

// ---- End Customers ---------------------------------------------------------------------------

function judgeEndCustomers(
  sheet: SheetJudge,
  subsets: readonly Located<SubsetRow>[] | null,
  workflows: readonly WorkflowDraft[] | null,
  mspOrgId: string | null,
): Located<EndCustomerRow>[] {
  const workflowOf = subsets && new Map(subsets.map((s) => [nameKey(s.value.name), s.value.workflow]));
  const subsetNames = subsets && spellings(subsets.map((s) => s.value.name));
  const workflowNames = workflows && spellings(workflows.map((w) => w.name));
  const seenSubset = new Map<string, string>();
  const seenOrg = new Map<string, string>();
  const result: Located<EndCustomerRow>[] = [];
  for (const row of sheet.table.rows) {
    const email = sheet.judged(row, 'consoleEmail', true, (c) => judgeEmail(c, 'Spot Console Email'));
    const org = sheet.judged(row, 'orgId', true, judgeSpotOrgId);
    const subset = sheet.name(row, 'subset', true);
    const workflow = sheet.name(row, 'workflow', false);
    if (workflow === null && row.has('workflow') && !row.covered('workflow') && isBlank(row.cell('workflow'))) {
      // Blank: the subset's workflow in Subset Workflows is the one certain value.
      const given = subset === null ? undefined : workflowOf?.get(nameKey(subset));
      const known = given === undefined || given === null ? undefined : canonicalName(workflowNames, given);
      sheet.report(
        issue('value-required', WORKFLOW_COLUMN, known === undefined ? undefined : { value: known }),
        row.ref('workflow'),
      );
    }
    const orgRef = row.ref('orgId');
    if (org !== null && orgRef !== null) {
      if (mspOrgId !== null && org === mspOrgId) {
        sheet.report(issue('end-customer-org-is-msp', { id: org }), orgRef);
      } else {
        const first = seenOrg.get(org);
        if (first !== undefined) sheet.report(issue('end-customer-org-duplicate', { id: org, first }), orgRef);
        else seenOrg.set(org, orgRef);
      }
    }
    const subsetRef = row.ref('subset');
    if (subset !== null && subsetRef !== null) {
      const key = nameKey(subset);
      const first = seenSubset.get(key);
      if (first !== undefined) {
        sheet.report(issue('end-customer-duplicate-subset', { subset, first }), subsetRef);
      } else {
        seenSubset.set(key, subsetRef);
        const expected = workflowOf?.get(key);
        if (workflowOf && expected === undefined) sheet.report(issue('subset-unknown', { subset }), subsetRef);
        else checkSpelling(sheet, subset, subsetNames?.get(key), 'subset', subsetRef);
        if (
          expected !== undefined &&
          expected !== null &&
          workflow !== null &&
          nameKey(expected) !== nameKey(workflow)
        ) {
          sheet.report(
            issue('end-customer-workflow-mismatch', { subset, given: workflow, expected }, { value: expected }),
            row.ref('workflow'),
          );
        } else if (workflow !== null && expected !== undefined && expected !== null) {
          checkSpelling(sheet, workflow, workflowNames?.get(nameKey(workflow)), 'workflow', row.ref('workflow'));
        }
      }
    }
    if (email !== null && org !== null && subset !== null && workflow !== null) {
      result.push({
        value: { consoleEmail: email, spotOrgId: org, subset, workflow },
        sheet: sheet.table.name,
        ref: orgRef ?? '',
      });
    }
  }
  return result;
}

// ---- ordering --------------------------------------------------------------------------------

function sortFindings(findings: Finding[], input: WorkbookInput): Finding[] {
  const order = new Map<string, number>();
  SHEETS.forEach((s, i) => {
    order.set(headerKey(s.name), i);
    const actual = findSheet(input, s.name);
    if (actual) order.set(headerKey(actual.name), i);
  });
  const pos = (ref: string | null): [number, number] => {
    if (ref === null) return [-1, -1];
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) return [-1, -1];
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), col];
  };
  return findings
    .map((f, i) => ({
      f,
      i,
      s: order.get(headerKey(f.sheet)) ?? SHEETS.length,
      // What was left out is said after what was kept.
      p: f.code === 'findings-omitted' ? ([Infinity, Infinity] as [number, number]) : pos(f.cell),
    }))
    .sort((x, y) => x.s - y.s || x.p[0] - y.p[0] || x.p[1] - y.p[1] || x.i - y.i)
    .map((x) => x.f);
}
