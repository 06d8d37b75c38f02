/**
 * The preview runner: Accounts → subset → workflow, then the workflow's steps in order on the
 * subset's line items, summing the charge before and after every step per subset, account and
 * service. It streams: batches come in, only the aggregates stay.
 */
import type { Enrollment } from '../enrollment';
import { previewNote, type PreviewArgs, type PreviewCode, type PreviewNote } from '../findings';
import { nameKey } from '../ids';
import { ruleById, type RuleModule } from '../rules';
import { joinList } from '../rules/english';
import { Derived, type Dictionaries, type LineItemBatch } from './batch';
import { sourceNames, type ColumnId, type Dialect } from './columns';
import { DEFAULT_CREDIT_PATTERNS, type CreditPattern } from './credit-patterns';
import { NOT_COMPUTED, type AddedCharge, type ApplyContext, type Exactness, type StepEffect } from './effect';
import { MoneySums, SPILL_AT, type Money } from './money';

/** Columns every preview reads besides what its steps read; the first two are required. */
export const BASE_COLUMNS: readonly ColumnId[] = [
  'usageAccountId',
  'unblendedCost',
  'payerAccountId',
  'billingPeriodStart',
  'productCode',
  'lineItemType',
  'provider',
];
// In columns.ts, so that the readers do not load the rules (a reader thread starts faster).
export { REQUIRED_COLUMNS } from './columns';

export interface PreviewOptions {
  /** The billing month to preview, "YYYY-MM"; rows of other months are left out. */
  readonly month?: string;
  readonly creditPatterns?: readonly CreditPattern[];
}

/** Every column a preview of this enrollment may read: ask the readers for these. */
export function previewColumns(enrollment: Enrollment): ColumnId[] {
  const columns = new Set<ColumnId>(BASE_COLUMNS);
  for (const wf of enrollment.workflows)
    for (const step of wf.steps) {
      const rule: RuleModule | undefined = ruleById(step.rule);
      for (const c of rule?.reads?.(step.parameters) ?? []) columns.add(c);
      for (const c of rule?.readsIfPresent?.(step.parameters) ?? []) columns.add(c);
    }
  return [...columns];
}

// ---- the result -----------------------------------------------------------------------------------

/** The charge before the workflow and after each of its steps (`after[k]`: after step k + 1). */
export interface Stages {
  readonly before: Money;
  readonly after: readonly Money[];
}

export interface StepInfo {
  /** 1-based, as the Billing Workflows sheet numbers steps. */
  readonly step: number;
  readonly rule: string;
  readonly sentence: string;
  readonly exactness: Exactness;
}

export interface WorkflowPreview {
  readonly name: string;
  readonly steps: readonly StepInfo[];
}

export interface LinePreview extends Stages {
  /** The usage account; "" for a charge on the subset as a whole (a flat fee per subset). */
  readonly accountId: string;
  /** The product code (`AmazonEC2`), or the label of a line a step added ("Savings fee"). */
  readonly service: string;
}

export interface SubsetPreview extends Stages {
  readonly subset: string;
  readonly workflow: string;
  readonly endCustomer: { readonly consoleEmail: string; readonly spotOrgId: string } | null;
  readonly final: Money;
  /** final − before. */
  readonly difference: Money;
  readonly accounts: readonly ({ readonly accountId: string; readonly name: string } & Stages)[];
  readonly services: readonly ({ readonly service: string } & Stages)[];
  readonly lines: readonly LinePreview[];
}

export interface PreviewResult {
  readonly dialect: Dialect;
  /** "YYYY-MM", or null when no row had a billing period. */
  readonly month: string | null;
  readonly payer: string | null;
  readonly rows: {
    readonly read: number;
    readonly previewed: number;
    readonly otherMonth: number;
    readonly otherProvider: number;
  };
  readonly workflows: readonly WorkflowPreview[];
  readonly subsets: readonly SubsetPreview[];
  /** Accounts in the CUR but not in the workbook: no workflow applies. */
  readonly notEnrolled: { readonly before: Money; readonly accounts: readonly { accountId: string; before: Money }[] };
  /** Accounts of the workbook with no line item in the CUR. */
  readonly accountsNotInCur: readonly string[];
  readonly total: { readonly before: Money; readonly final: Money };
  readonly notes: readonly PreviewNote[];
}

/** One run over the batches of one CUR month. */
export interface PreviewRun {
  /** True when some step needs a first pass over the whole input (`prepass` each batch, then `push` each). */
  readonly needsPrepass: boolean;
  prepass(batch: LineItemBatch): void;
  /** Adds a batch; returns the input problem that stops the run (two payers, two months), or null. */
  push(batch: LineItemBatch): PreviewNote | null;
  finish(): PreviewResult;
}

interface StepRun {
  readonly effect: StepEffect;
  readonly info: StepInfo;
}

interface WorkflowRun {
  readonly name: string;
  readonly steps: StepRun[];
}

interface Group {
  readonly account: number;
  readonly service: string;
  readonly subset: number;
  /** Cell of the "before" sum; after step k is cell + k + 1. */
  readonly cell: number;
}

const AWS = /^(aws|amazon web services)/i;

/** At most `max` items, then "and N more": account lists in notes stay one readable line. */
function someOf(items: readonly string[], max = 10): string {
  return items.length <= max ? joinList(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * The notes both engines (this runner and the SQL result, sql/result.ts) add about the mapping:
 * a payer other than the management account, CUR accounts not enrolled, and workbook accounts
 * with no line items (also returned, for the result).
 */
export function mappingNotes(
  enrollment: Enrollment,
  payer: string | null,
  notEnrolled: ReadonlyMap<string, Money>,
  seen: ReadonlySet<string>,
): { readonly notes: PreviewNote[]; readonly accountsNotInCur: string[] } {
  const notes: PreviewNote[] = [];
  const accountsNotInCur = (enrollment.accounts ?? []).map((a) => a.accountId as string).filter((id) => !seen.has(id));
  const management = enrollment.msp.managementAccountId as string;
  if (payer !== null && payer !== '' && payer !== management)
    notes.push(previewNote('payer-not-management', { payer, management }));
  if (notEnrolled.size > 0)
    notes.push(
      previewNote('accounts-not-enrolled', {
        count: notEnrolled.size,
        accounts: someOf([...notEnrolled.keys()].sort()),
      }),
    );
  if (accountsNotInCur.length > 0)
    notes.push(
      previewNote('accounts-not-in-cur', { count: accountsNotInCur.length, accounts: someOf(accountsNotInCur) }),
    );
  return { notes, accountsNotInCur };
}

/**
 * The subsets, the "not enrolled" line and the totals of the result, from each subset's lines
 * (by the enrollment's subset index) and `steps(i)`, the step count of subset i's workflow: the
 * one roll-up of both engines (this runner and the SQL result, sql/result.ts).
 */
export function rollUpSubsets(
  enrollment: Enrollment,
  bySubset: ReadonlyMap<number, LinePreview[]>,
  steps: (subset: number) => number,
  notEnrolled: ReadonlyMap<string, Money>,
): Pick<PreviewResult, 'subsets' | 'notEnrolled' | 'total'> {
  const accountName = new Map((enrollment.accounts ?? []).map((a) => [a.accountId as string, a.name]));
  const endCustomers = new Map((enrollment.endCustomers ?? []).map((e) => [nameKey(e.subset), e]));
  const subsets: SubsetPreview[] = [];
  let totalBefore = 0n;
  let totalFinal = 0n;
  enrollment.subsets.forEach((s, i) => {
    const lines = (bySubset.get(i) ?? []).sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.service.localeCompare(b.service),
    );
    const n = steps(i);
    const sum = (items: readonly Stages[]): Stages => {
      const after: Money[] = Array.from({ length: n }, () => 0n);
      let before = 0n;
      for (const item of items) {
        before += item.before;
        item.after.forEach((v, k) => (after[k] = after[k]! + v));
      }
      return { before, after };
    };
    const rollUp = <K extends string>(key: (l: LinePreview) => string, name: K) => {
      const parts = new Map<string, LinePreview[]>();
      for (const l of lines) (parts.get(key(l)) ?? parts.set(key(l), []).get(key(l))!).push(l);
      return [...parts].map(([k, ls]) => ({ [name]: k, ...sum(ls) }) as { [P in K]: string } & Stages);
    };
    const stages = sum(lines);
    const final = stages.after.length === 0 ? stages.before : stages.after[stages.after.length - 1]!;
    const ec = endCustomers.get(nameKey(s.name));
    totalBefore += stages.before;
    totalFinal += final;
    subsets.push({
      subset: s.name,
      workflow: s.workflow,
      endCustomer: ec === undefined ? null : { consoleEmail: ec.consoleEmail, spotOrgId: ec.spotOrgId },
      ...stages,
      final,
      difference: final - stages.before,
      accounts: rollUp((l) => l.accountId, 'accountId').map((a) => ({
        ...a,
        name: accountName.get(a.accountId) ?? '',
      })),
      services: rollUp((l) => l.service, 'service'),
      lines,
    });
  });
  let notEnrolledTotal = 0n;
  for (const v of notEnrolled.values()) notEnrolledTotal += v;
  return {
    subsets,
    notEnrolled: {
      before: notEnrolledTotal,
      accounts: [...notEnrolled]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([accountId, before]) => ({ accountId, before })),
    },
    total: { before: totalBefore + notEnrolledTotal, final: totalFinal + notEnrolledTotal },
  };
}

export function startPreview(input: {
  readonly enrollment: Enrollment;
  readonly dialect: Dialect;
  /** The columns the input has (what the readers found). */
  readonly columns: ReadonlySet<ColumnId>;
  readonly dictionaries: Dictionaries;
  readonly options?: PreviewOptions;
}): PreviewRun {
  const { enrollment, dialect, columns, dictionaries } = input;
  const options = input.options ?? {};
  const notes: PreviewNote[] = [];
  const subsetKeys = enrollment.subsets.map((s) => nameKey(s.name));
  const subsetIndex = new Map(subsetKeys.map((k, i) => [k, i]));
  const accountSubset = new Map<string, number>();
  for (const a of enrollment.accounts ?? []) {
    const i = subsetIndex.get(nameKey(a.subset));
    if (i !== undefined) accountSubset.set(a.accountId, i);
  }
  const subsetOf = (id: string): string | null => {
    const i = accountSubset.get(id);
    return i === undefined ? null : subsetKeys[i]!;
  };

  // Missing columns, reported once per column with every rule that needs it.
  const missingFor = new Map<ColumnId, Set<string>>();
  const workflowIndex = new Map(enrollment.workflows.map((w, i) => [nameKey(w.name), i]));
  const workflows: WorkflowRun[] = enrollment.workflows.map((wf) => ({
    name: wf.name,
    steps: wf.steps.map((step, k): StepRun => {
      const rule: RuleModule = ruleById(step.rule)!;
      const at = { workflow: wf.name, step: k + 1 };
      const missing = (rule.reads?.(step.parameters) ?? []).filter((c) => !columns.has(c));
      const ctx: ApplyContext = {
        workflow: wf.name,
        columns,
        dictionaries,
        subsetOf,
        creditPatterns: options.creditPatterns ?? DEFAULT_CREDIT_PATTERNS,
        dialect,
        derive: (column, decide) => new Derived(dictionaries, column, decide),
        note: <C extends PreviewCode>(code: C, args: PreviewArgs<C>) => notes.push(previewNote(code, args, at)),
      };
      for (const c of missing) (missingFor.get(c) ?? missingFor.set(c, new Set()).get(c)!).add(rule.id);
      const effect = missing.length > 0 ? NOT_COMPUTED : rule.apply(step.parameters, ctx);
      return {
        effect,
        info: { step: k + 1, rule: rule.id, sentence: rule.describe(step.parameters), exactness: effect.exactness },
      };
    }),
  }));
  for (const [column, rules] of missingFor)
    notes.push(
      previewNote('column-missing', {
        column,
        names: joinList(
          sourceNames(column, dialect).map((n) => (typeof n === 'string' ? n : `${n.map}['${n.key}']`)),
          'or',
        ),
        rules: joinList([...rules]),
      }),
    );
  // Per subset: its workflow (index), or -1 when the workflow has no steps to run.
  const subsetWorkflow = enrollment.subsets.map((s) => workflowIndex.get(nameKey(s.workflow)) ?? -1);
  const stagesOfSubset = (subset: number): number =>
    subset < 0 ? 1 : (workflows[subsetWorkflow[subset]!]?.steps.length ?? 0) + 1;

  // Per distinct value decisions.
  const accountToSubset = new Derived(dictionaries, 'usageAccountId', (id) => accountSubset.get(id) ?? -1);
  const isAws = new Derived(dictionaries, 'provider', (p) => (p === '' || AWS.test(p) ? 1 : 0));
  const monthCode = new Map<string, number>();
  const months: string[] = [];
  const monthOf = (text: string): number => {
    const m = /^(\d{4})-(\d{2})/.exec(text.trim());
    const key = m === null ? '' : `${m[1]}-${m[2]}`;
    let code = monthCode.get(key);
    if (code === undefined) {
      code = months.length;
      months.push(key);
      monthCode.set(key, code);
    }
    return code;
  };
  const periodMonth = new Derived(dictionaries, 'billingPeriodStart', monthOf);
  const wantedMonth = options.month === undefined ? -1 : monthOf(options.month);
  let month = wantedMonth;
  let payer = -1;
  const otherProviders = new Set<string>();

  // Aggregates.
  const sums = new MoneySums(1024);
  const groups: Group[] = [];
  // A group's first sum cell by account code, then service code (-1: none yet): two array lookups per row.
  const groupOf: Int32Array[] = [];
  const groupFor = (account: number, service: number): number => {
    let byService = groupOf[account];
    if (byService === undefined || service >= byService.length) {
      const grown = new Int32Array(Math.max(16, service * 2 + 1)).fill(-1);
      if (byService !== undefined) grown.set(byService);
      groupOf[account] = byService = grown;
    }
    return byService[service]!;
  };
  let nextCell = 0;
  let read = 0;
  let previewed = 0;
  let otherMonth = 0;
  let otherProvider = 0;
  const serviceValues = (): readonly string[] => dictionaries.values('productCode');

  let selection = new Uint32Array(0);
  /** Per row of the batch: the sum cell of its group's "before" (after step k: + k + 1). */
  let rowCell = new Int32Array(0);
  /** Per row: its workflow index + 1 (0: not enrolled), or -1 when left out. */
  let keep = new Int32Array(0);

  /** Keeps the rows of the month, payer and provider; fills `selection` by workflow. Returns counts per workflow. */
  function select(batch: LineItemBatch, counting: boolean): { counts: Int32Array; starts: Int32Array } | PreviewNote {
    const n = batch.length;
    if (selection.length < n) {
      selection = new Uint32Array(n);
      rowCell = new Int32Array(n);
      keep = new Int32Array(n);
    }
    const accounts = batch.text.usageAccountId!;
    const subsetTable = accountToSubset.table();
    const providers = batch.text.provider;
    const awsTable = providers === undefined ? undefined : isAws.table();
    const periods = batch.text.billingPeriodStart;
    const starts = batch.time.usageStartDate;
    const periodTable = periods === undefined ? undefined : periodMonth.table();
    const payers = batch.text.payerAccountId;
    const services = batch.text.productCode;
    const W = workflows.length;
    const counts = new Int32Array(W + 1);
    for (let r = 0; r < n; r++) {
      if (awsTable !== undefined && awsTable[providers![r]!] === 0) {
        keep[r] = -1;
        if (counting) {
          otherProvider++;
          otherProviders.add(dictionaries.values('provider')[providers![r]!]!);
        }
        continue;
      }
      let m: number;
      if (periodTable !== undefined) m = periodTable[periods![r]!]!;
      else if (starts !== undefined && !Number.isNaN(starts[r]!)) m = monthOf(new Date(starts[r]!).toISOString());
      else m = monthOf('');
      if (m !== month) {
        if (month === -1) month = m;
        else if (wantedMonth !== -1) {
          keep[r] = -1;
          if (counting) otherMonth++;
          continue;
        } else return previewNote('cur-months-mixed', { first: months[month]!, second: months[m]! });
      }
      if (payers !== undefined) {
        const p = payers[r]!;
        if (p !== payer) {
          if (payer === -1) payer = p;
          else {
            const ids = dictionaries.values('payerAccountId');
            return previewNote('cur-payers-mixed', { first: ids[payer]!, second: ids[p]! });
          }
        }
      }
      const account = accounts[r]!;
      const subset = subsetTable[account]!;
      const service = services === undefined ? 0 : services[r]!;
      let cell = groupFor(account, service);
      if (cell === -1) {
        cell = nextCell;
        groups.push({ account, service: serviceValues()[service] ?? '', subset, cell });
        nextCell += stagesOfSubset(subset);
        sums.ensure(nextCell);
        groupOf[account]![service] = cell;
      }
      rowCell[r] = cell;
      const w = subset < 0 ? -1 : subsetWorkflow[subset]!;
      keep[r] = w + 1;
      counts[w + 1]!++;
    }
    const begin = new Int32Array(W + 1);
    for (let w = 1; w <= W; w++) begin[w] = begin[w - 1]! + counts[w - 1]!;
    const fill = begin.slice();
    for (let r = 0; r < n; r++) {
      const k = keep[r]!;
      if (k >= 0) selection[fill[k]!++] = r;
    }
    return { counts, starts: begin };
  }

  function accumulate(charge: Float64Array, rows: Uint32Array, count: number, stage: number): void {
    const lo = sums.raw();
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      const cell = rowCell[r]! + stage;
      const v = lo[cell]! + charge[r]!;
      lo[cell] = v;
      if (v > SPILL_AT || v < -SPILL_AT) sums.spill(cell);
    }
  }

  const needsPrepass = workflows.some((w) => w.steps.some((s) => s.effect.prepass !== undefined));

  return {
    needsPrepass,
    prepass(batch) {
      const picked = select(batch, false);
      if (!('counts' in picked)) return;
      workflows.forEach((wf, w) => {
        const count = picked.counts[w + 1]!;
        if (count === 0) return;
        const rows = selection.subarray(picked.starts[w + 1]!, picked.starts[w + 1]! + count);
        for (const step of wf.steps) step.effect.prepass?.(batch, rows, count);
      });
    },
    push(batch) {
      read += batch.length;
      const picked = select(batch, true);
      if (!('counts' in picked)) return picked;
      const cost = batch.money.unblendedCost!;
      const charge = new Float64Array(cost);
      const total = picked.starts[workflows.length]! + picked.counts[workflows.length]!;
      previewed += total;
      accumulate(charge, selection, total, 0);
      workflows.forEach((wf, w) => {
        const count = picked.counts[w + 1]!;
        if (count === 0) return;
        const rows = selection.subarray(picked.starts[w + 1]!, picked.starts[w + 1]! + count);
        wf.steps.forEach((step, k) => {
          step.effect.apply(batch, charge, rows, count);
          accumulate(charge, rows, count, k + 1);
        });
      });
      return null;
    },
    finish() {
      return buildResult();
    },
  };

  function buildResult(): PreviewResult {
    const accountIds = dictionaries.values('usageAccountId');
    // Added lines (fees): from the step that adds them through the end of the workflow.
    const added: { subset: number; accountId: string; service: string; from: number; units: number }[] = [];
    workflows.forEach((wf) =>
      wf.steps.forEach((step, k) => {
        const fees: readonly AddedCharge[] = step.effect.finish?.() ?? [];
        for (const fee of fees) {
          const subset =
            fee.accountId !== null
              ? (accountSubset.get(fee.accountId) ?? -1)
              : (subsetIndex.get(fee.subset ?? '') ?? -1);
          if (subset < 0) continue;
          added.push({ subset, accountId: fee.accountId ?? '', service: fee.label, from: k + 1, units: fee.units });
        }
      }),
    );
    const lineStages = (g: Group): Stages => {
      const n = stagesOfSubset(g.subset);
      const after: Money[] = [];
      for (let k = 1; k < n; k++) after.push(sums.get(g.cell + k));
      return { before: sums.get(g.cell), after };
    };
    const bySubset = new Map<number, LinePreview[]>();
    const notEnrolled = new Map<string, Money>();
    const seenAccounts = new Set<string>();
    for (const g of groups) {
      const accountId = accountIds[g.account]!;
      seenAccounts.add(accountId);
      if (g.subset < 0) {
        notEnrolled.set(accountId, (notEnrolled.get(accountId) ?? 0n) + sums.get(g.cell));
        continue;
      }
      const list = bySubset.get(g.subset) ?? bySubset.set(g.subset, []).get(g.subset)!;
      list.push({ accountId, service: g.service, ...lineStages(g) });
    }
    for (const a of added) {
      const n = stagesOfSubset(a.subset);
      const after: Money[] = [];
      for (let k = 1; k < n; k++) after.push(k >= a.from ? BigInt(a.units) : 0n);
      const list = bySubset.get(a.subset) ?? bySubset.set(a.subset, []).get(a.subset)!;
      list.push({ accountId: a.accountId, service: a.service, before: 0n, after });
    }
    const rolled = rollUpSubsets(enrollment, bySubset, (i) => stagesOfSubset(i) - 1, notEnrolled);
    const payerId = payer < 0 ? null : dictionaries.values('payerAccountId')[payer]!;
    const mapping = mappingNotes(enrollment, payerId, notEnrolled, seenAccounts);
    const accountsNotInCur = mapping.accountsNotInCur;
    const allNotes = [...notes, ...mapping.notes];
    if (wantedMonth !== -1 && previewed === 0 && read > 0)
      allNotes.push(
        previewNote('cur-month-empty', {
          month: months[wantedMonth]!,
          seen: joinList(months.filter((m, i) => i !== wantedMonth && m !== '').sort()),
        }),
      );
    if (otherMonth > 0)
      allNotes.push(previewNote('rows-other-month', { rows: otherMonth, month: months[month] ?? '' }));
    if (otherProvider > 0)
      allNotes.push(
        previewNote('rows-other-provider', { rows: otherProvider, providers: joinList([...otherProviders].sort()) }),
      );
    return {
      dialect,
      month: month < 0 || months[month] === '' ? null : months[month]!,
      payer: payerId === '' ? null : payerId,
      rows: { read, previewed, otherMonth, otherProvider },
      workflows: workflows.map((w) => ({ name: w.name, steps: w.steps.map((s) => s.info) })),
      ...rolled,
      accountsNotInCur,
      notes: allNotes,
    };
  }
}
