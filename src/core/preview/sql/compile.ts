/**
 * A workbook's workflows as one SQL query over the MSP's CUR (docs/preview.md, "SQL"): the rows
 * mapped onto the line-item model, accounts mapped to subsets by an inlined table, each
 * workflow's steps as a chain of selects (one per step, each adding the charge after it), then
 * the charge before and after every step summed exactly per subset, account and service.
 * The rule modules write the per-step expressions (`sql`); this file never names a rule.
 */
import type { Enrollment } from '../../enrollment';
import { previewNote, type PreviewArgs, type PreviewCode, type PreviewNote } from '../../findings';
import { nameKey } from '../../ids';
import { ruleById, type RuleModule } from '../../rules';
import { joinList } from '../../rules/english';
import { kindOf, sourceNames, type ColumnId, type Dialect } from '../columns';
import { FOCUS_DERIVED_SQL, FOCUS_TERMS, focusColumnOf } from '../dialects';
import { DEFAULT_CREDIT_PATTERNS, type CreditPattern } from '../credit-patterns';
import type { Exactness } from '../effect';
import { BASE_COLUMNS, previewColumns, type WorkflowPreview } from '../runner';
import type { SqlContext, SqlStep, SqlTally, TallyValue } from './context';
import { ident, lit, type SqlDialect } from './dialect';
import { andThen, paddedForms } from './effects';

/** The type of a source column as the engine reports it. */
export type SourceType = 'text' | 'double' | 'integer' | 'timestamp' | 'timestamptz' | 'map' | 'json';

export interface SqlSource {
  /** The relation: `read_parquet([...])`, `"db"."table"`. */
  readonly from: string;
  readonly dialect: Dialect;
  readonly columns: readonly { readonly name: string; readonly type: SourceType }[];
  /** Predicates on the source (Athena partitions). */
  readonly where?: readonly string[];
}

export interface CompileOptions {
  readonly month?: string;
  readonly creditPatterns?: readonly CreditPattern[];
}

export interface CompiledPreview {
  readonly sql: string;
  /** The number of sum columns `s0 … s{stages-1}` (before, then after each step of the longest workflow). */
  readonly stages: number;
  readonly workflows: readonly WorkflowPreview[];
  /** Per subset of the enrollment (by index): its workflow's step count, 0 when it has none. */
  readonly stepsOfSubset: readonly number[];
  readonly notes: readonly PreviewNote[];
  /** The data-dependent notes: tally columns `tn{i}` (rows) and `tu{i}` (units), `count` in all. */
  readonly tallies: { readonly count: number; readonly steps: readonly CompiledTally[] };
}

/** One step's tallies: columns `first …`, and the notes from their totals. */
export interface CompiledTally {
  readonly first: number;
  notes(values: readonly TallyValue[]): PreviewNote[];
}

export type CompileOutcome =
  { readonly ok: true; readonly compiled: CompiledPreview } | { readonly ok: false; readonly message: string };

const NO_SUM = 'CAST(NULL AS DECIMAL(38, 0))';
const ACCOUNT_DIGITS = '^[0-9]{1,11}$';

/** The model column's source: the raw expression and its type (null when the source lacks it). */
function sourceOf(column: ColumnId, source: SqlSource, dialect: SqlDialect): { raw: string; type: SourceType } | null {
  const types = new Map(source.columns.map((c) => [c.name.toLowerCase(), c]));
  if (source.dialect === 'focus') return focusSourceOf(column, types, dialect);
  for (const name of sourceNames(column, source.dialect)) {
    const wanted = typeof name === 'string' ? name : name.map;
    const found = types.get(wanted.toLowerCase());
    if (found === undefined) continue;
    if (typeof name === 'string') return { raw: ident(found.name), type: found.type };
    if (found.type !== 'map' && found.type !== 'json' && found.type !== 'text') continue;
    return { raw: dialect.mapGet(ident(found.name), name.key, found.type !== 'map'), type: 'text' };
  }
  return null;
}

/**
 * FOCUS as dialects.ts reads it: text "NULL" is blank, line types and commitment ARNs derived
 * from several columns (FOCUS_DERIVED_SQL), EffectiveCost for both commitments, pricing
 * categories in the CUR's words.
 */
function focusSourceOf(
  column: ColumnId,
  types: ReadonlyMap<string, { readonly name: string; readonly type: SourceType }>,
  dialect: SqlDialect,
): { raw: string; type: SourceType } | null {
  const unblank = (c: { readonly name: string; readonly type: SourceType }): string =>
    c.type === 'text' ? `NULLIF(${ident(c.name)}, 'NULL')` : ident(c.name);
  const derived = FOCUS_DERIVED_SQL[column];
  if (derived !== undefined) {
    if (!types.has(derived.names[0]!.toLowerCase())) return null;
    const parts = derived.names.map((n) => {
      const c = types.get(n.toLowerCase());
      return c === undefined ? "''" : `COALESCE(CAST(${unblank(c)} AS VARCHAR), '')`;
    });
    return { raw: derived.sql(parts, (text, pattern) => dialect.regexpLike(text, pattern, true)), type: 'text' };
  }
  const names = [focusColumnOf(column) ?? sourceNames(column, 'focus')].flat();
  for (const name of names) {
    const found = typeof name === 'string' ? types.get(name.toLowerCase()) : undefined;
    if (found === undefined) continue;
    const raw = unblank(found);
    if (column !== 'pricingTerm') return { raw, type: found.type };
    const terms = Object.entries(FOCUS_TERMS).map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`);
    return { raw: `(CASE CAST(${raw} AS VARCHAR) ${terms.join(' ')} ELSE CAST(${raw} AS VARCHAR) END)`, type: 'text' };
  }
  return null;
}

function convert(column: ColumnId, raw: string, type: SourceType, dialect: SqlDialect): string {
  switch (kindOf(column)) {
    case 'text': {
      const text =
        type === 'timestamp' || type === 'timestamptz'
          ? `COALESCE(${dialect.dayText(type === 'timestamptz' ? dialect.fromTimestampTz(raw) : raw)}, '')`
          : `COALESCE(CAST(${raw} AS VARCHAR), '')`;
      // Account IDs stored as numbers regain their leading zeros (batch.ts); the length test first
      // spares the regular expression on the usual 12 digits.
      return column === 'usageAccountId' || column === 'payerAccountId'
        ? `CASE WHEN length(${text}) < 12 AND ${dialect.regexpLike(text, ACCOUNT_DIGITS)} THEN lpad(${text}, 12, '0') ELSE ${text} END`
        : text;
    }
    case 'money':
      if (type === 'double' || type === 'integer')
        // fromNumber: the nearest unit of |x|, signed.
        return `COALESCE(${dialect.unitsOfDouble(raw)}, 0)`;
      // Text: digit by digit through DECIMAL (exact), exponents as parseUnits reads them (through a double).
      return (
        `(CASE WHEN ${raw} IS NULL OR trim(${raw}) = '' THEN CAST(0 AS BIGINT) ` +
        `WHEN lower(${raw}) LIKE '%e%' THEN ${dialect.unitsOfDouble(`CAST(${raw} AS DOUBLE)`)} ` +
        // DECIMAL(18, 10) first (64-bit arithmetic, 2.5 times faster), DECIMAL(38, 10) from 10^8 on.
        `ELSE COALESCE(CAST(TRY_CAST(trim(${raw}) AS DECIMAL(18, 10)) * 10000000000 AS BIGINT), ` +
        `CAST(CAST(trim(${raw}) AS DECIMAL(38, 10)) * 10000000000 AS BIGINT)) END)`
      );
    case 'number':
      return type === 'double' || type === 'integer'
        ? `CAST(${raw} AS DOUBLE)`
        : `TRY_CAST(NULLIF(trim(CAST(${raw} AS VARCHAR)), '') AS DOUBLE)`;
    case 'time':
      return type === 'timestamp'
        ? `CAST(${raw} AS TIMESTAMP)`
        : type === 'timestamptz'
          ? dialect.fromTimestampTz(raw)
          : dialect.parseInstant(raw);
  }
}

/** The source type of the billing period column (a timestamp needs no pattern test for its month). */
function periodSourceType(source: SqlSource): SourceType | undefined {
  const types = new Map(source.columns.map((c) => [c.name.toLowerCase(), c.type]));
  for (const name of sourceNames('billingPeriodStart', source.dialect))
    if (typeof name === 'string' && types.has(name.toLowerCase())) return types.get(name.toLowerCase());
  return undefined;
}

const BLANK: Record<ReturnType<typeof kindOf>, string> = {
  text: "''",
  money: 'CAST(0 AS BIGINT)',
  number: 'CAST(NULL AS DOUBLE)',
  time: 'CAST(NULL AS TIMESTAMP)',
};

export function compilePreview(
  enrollment: Enrollment,
  dialect: SqlDialect,
  source: SqlSource,
  options: CompileOptions = {},
): CompileOutcome {
  const notes: PreviewNote[] = [];
  const wanted = new Set<ColumnId>([...BASE_COLUMNS, ...previewColumns(enrollment)]);
  const sources = new Map<ColumnId, { raw: string; type: SourceType }>();
  for (const column of wanted) {
    const e = sourceOf(column, source, dialect);
    if (e !== null) sources.set(column, e);
  }
  const exprs = new Map([...sources].map(([c, { raw, type }]) => [c, convert(c, raw, type, dialect)] as const));
  for (const required of ['usageAccountId', 'unblendedCost'] as const)
    if (!exprs.has(required))
      return {
        ok: false,
        message: `the CUR has no ${joinList(sourceNames(required, source.dialect).map(String), 'or')} column, which every preview needs`,
      };

  const subsetKeys = enrollment.subsets.map((s) => nameKey(s.name));
  const subsetIndex = new Map(subsetKeys.map((k, i) => [k, i]));
  const accountsOfSubset = new Map<string, string[]>();
  const accountRows: string[] = [];
  for (const a of enrollment.accounts ?? []) {
    const i = subsetIndex.get(nameKey(a.subset));
    if (i === undefined) continue;
    const key = subsetKeys[i]!;
    (accountsOfSubset.get(key) ?? accountsOfSubset.set(key, []).get(key)!).push(a.accountId);
    accountRows.push(`(${lit(a.accountId)}, ${i})`);
  }
  // DuckDB: the subset looked up by the raw account text, through every form that pads to an
  // enrolled ID (what the conversion to usageAccountId does), so no join and no conversion per row.
  const forms = new Map<string, number>();
  for (const a of enrollment.accounts ?? []) {
    const i = subsetIndex.get(nameKey(a.subset));
    if (i !== undefined) for (const f of paddedForms(a.accountId)) if (!forms.has(f)) forms.set(f, i);
  }
  const lookup = dialect.lookup?.('CAST(k_account AS VARCHAR)', [...forms]);
  // NULL never joins: an enrollment without accounts still has a valid VALUES list.
  if (accountRows.length === 0) accountRows.push('(CAST(NULL AS VARCHAR), -1)');

  // The model columns the steps read: only these are converted per row.
  const used = new Set<ColumnId>(['unblendedCost']);
  const col = (c: ColumnId): string => {
    used.add(c);
    return ident(c);
  };
  const missingFor = new Map<ColumnId, Set<string>>();
  const workflowIndex = new Map(enrollment.workflows.map((w, i) => [nameKey(w.name), i]));
  const tallies: (CompiledTally & { workflow: number; of: readonly SqlTally[] })[] = [];
  let tallyCount = 0;
  let addedCount = 0;
  const workflows: {
    info: WorkflowPreview;
    exprs: string[];
    added: (NonNullable<SqlStep['added']> & { k: number; no: number })[];
  }[] = [];
  for (const wf of enrollment.workflows) {
    const infoSteps: { step: number; rule: string; sentence: string; exactness: Exactness }[] = [];
    const stepExprs: string[] = [];
    const added: (NonNullable<SqlStep['added']> & { k: number; no: number })[] = [];
    for (const [k, step] of wf.steps.entries()) {
      const rule: RuleModule = ruleById(step.rule)!;
      const charge = `c${k}`;
      const missing = (rule.reads?.(step.parameters) ?? []).filter((c) => !exprs.has(c));
      for (const c of missing) (missingFor.get(c) ?? missingFor.set(c, new Set()).get(c)!).add(rule.id);
      let exactness: Exactness = 'not-computed';
      let expr = charge;
      if (missing.length === 0) {
        if (rule.sql === undefined)
          return {
            ok: false,
            message: `the ${rule.id} rule has no SQL form yet; preview this workbook with --engine js`,
          };
        const at = { workflow: wf.name, step: k + 1 };
        const note = <C extends PreviewCode>(code: C, args: PreviewArgs<C>): void => {
          notes.push(previewNote(code, args, at));
        };
        const ctx: SqlContext = {
          workflow: wf.name,
          dialect,
          creditPatterns: options.creditPatterns ?? DEFAULT_CREDIT_PATTERNS,
          charge,
          col,
          workflowRows: 'wf_no',
          accountsOf: (key) => accountsOfSubset.get(key) ?? [],
          input: source.dialect,
          has: (c) => sources.has(c) || sourceOf(c, source, dialect) !== null,
          note,
        };
        const s = rule.sql(step.parameters, ctx);
        exactness = s.exactness;
        expr = s.charge;
        if (s.added !== undefined) added.push({ ...s.added, k: k + 1, no: addedCount++ });
        if (s.tallies !== undefined) {
          const { of, notes: notesOf } = s.tallies;
          tallies.push({
            workflow: workflows.length,
            first: tallyCount,
            of,
            notes: (values) => {
              const out: PreviewNote[] = [];
              notesOf(values, (code, args) => out.push(previewNote(code, args, at)));
              return out;
            },
          });
          tallyCount += of.length;
        }
      }
      stepExprs.push(expr);
      infoSteps.push({ step: k + 1, rule: rule.id, sentence: rule.describe(step.parameters), exactness });
    }
    workflows.push({ info: { name: wf.name, steps: infoSteps }, exprs: stepExprs, added });
  }
  for (const [column, rules] of missingFor)
    notes.push(
      previewNote('column-missing', {
        column,
        names: joinList(
          sourceNames(column, source.dialect).map((n) => (typeof n === 'string' ? n : `${n.map}['${n.key}']`)),
          'or',
        ),
        rules: joinList([...rules]),
      }),
    );

  const subsetWorkflow = enrollment.subsets.map((s) => workflowIndex.get(nameKey(s.workflow)) ?? -1);
  const stepsOfSubset = subsetWorkflow.map((w) => (w < 0 ? 0 : workflows[w]!.exprs.length));
  const stages = 1 + Math.max(0, ...stepsOfSubset);

  // Aggregate first, convert after: rows are grouped on the raw key columns (dictionary-encoded
  // in Parquet, cheap to hash) and the few groups converted to the report's keys, then grouped
  // again (two raw forms of one account, 123 and 000000000123, are one account).
  const period: ColumnId | null = sources.has('billingPeriodStart')
    ? 'billingPeriodStart'
    : sources.has('usageStartDate')
      ? 'usageStartDate'
      : null;
  const rawKey = (c: ColumnId | null): string => (c === null ? "''" : (sources.get(c)?.raw ?? "''"));
  const keyOf = (c: ColumnId, raw: string): string => {
    const s = sources.get(c);
    return s === undefined ? BLANK[kindOf(c)] : convert(c, raw, s.type, dialect);
  };
  const monthOf = (raw: string): string => {
    if (period === null) return "''";
    const text = keyOf(period, raw);
    if (period === 'usageStartDate') return `COALESCE(substr(${dialect.dayText(text)}, 1, 7), '')`;
    const type = periodSourceType(source);
    return type === 'timestamp' || type === 'timestamptz'
      ? `substr(${text}, 1, 7)`
      : `CASE WHEN ${dialect.regexpLike(text, '^[0-9]{4}-[0-9]{2}')} THEN substr(${text}, 1, 7) ELSE '' END`;
  };
  // The month of each row only where --month filters rows.
  const inMonth = options.month === undefined ? 'TRUE' : `month_key = ${lit(options.month)}`;
  // FOCUS holds other clouds' rows: only AWS's (or a blank provider) are previewed, the others counted.
  const provider = sources.get('provider');
  const providerText = provider === undefined ? null : convert('provider', provider.raw, provider.type, dialect);
  const isAws = providerText === null ? 'TRUE' : 'is_aws';
  // Rows of another month or cloud pass through the steps untouched (no workflow) and are
  // grouped apart: one scan, and no second reference to a CTE of every row (DuckDB would
  // materialize it: 2.8 GB at 10^7 rows with --month).
  const kept = options.month === undefined && providerText === null ? 'TRUE' : `${inMonth} AND ${isAws}`;
  const keptOnly = (wf: string): string => (kept === 'TRUE' ? wf : `CASE WHEN ${kept} THEN ${wf} ELSE NULL END`);
  const where = source.where === undefined || source.where.length === 0 ? '' : ` WHERE ${source.where.join(' AND ')}`;
  const ctes: string[] = [
    lookup === undefined
      ? `subset_accounts AS (SELECT * FROM (VALUES ${accountRows.join(', ')}) AS t (account_id, subset_no))`
      : '',
    '', // the model, once the steps have said which columns they read
    lookup === undefined
      ? `line_items AS (SELECT model.*, sa.subset_no FROM model LEFT JOIN subset_accounts sa ON sa.account_id = model.${col('usageAccountId')})`
      : `line_items AS (SELECT model.*, ${lookup} AS subset_no FROM model)`,
  ];
  // Every branch ends with the tally columns: NULL but in the line groups.
  const noTallies = Array.from(
    { length: tallyCount },
    (_, i) => `, CAST(NULL AS BIGINT) AS tn${i}, ${NO_SUM} AS tu${i}`,
  ).join('');
  const sums = (used: number, sum: (k: number) => string, tail = noTallies): string =>
    Array.from({ length: stages }, (_, k) => `${k < used ? sum(k) : NO_SUM} AS s${k}`).join(', ') + tail;
  const rowTallies = tallies
    .flatMap((t) =>
      t.of.map((tally, j) => {
        const i = t.first + j;
        const rows = andThen(`wf_no = ${t.workflow}`, tally.rows);
        return `, sum(CASE WHEN ${rows} THEN 1 ELSE 0 END) AS tn${i}, ${dialect.sumUnits(`CASE WHEN ${rows} THEN ${tally.units ?? '0'} ELSE 0 END`)} AS tu${i}`;
      }),
    )
    .join('');
  const groupTallies = Array.from(
    { length: tallyCount },
    (_, i) => `, CAST(sum(tn${i}) AS BIGINT) AS tn${i}, CAST(sum(tu${i}) AS DECIMAL(38, 0)) AS tu${i}`,
  ).join('');
  const branches: string[] = [];
  // One pass: each row's workflow number, then per step one CASE over the workflows that have it.
  const wfOf = workflows
    .map((_, w) => subsetWorkflow.flatMap((x, i) => (x === w && workflows[w]!.exprs.length > 0 ? [String(i)] : [])))
    .map((mine, w) => (mine.length === 0 ? '' : `WHEN ${dialect.inList('subset_no', mine)} THEN ${w}`))
    .filter((t) => t !== '');
  const wfNo = wfOf.length === 0 ? 'CAST(NULL AS INTEGER)' : `CASE ${wfOf.join(' ')} ELSE NULL END`;
  ctes.push(
    `steps_0 AS (SELECT line_items.*, ${kept} AS kept, ${keptOnly(wfNo)} AS wf_no, ${col('unblendedCost')} AS c0 FROM line_items)`,
  );
  for (let k = 1; k < stages; k++) {
    const whens = workflows
      .map((wf, w) => (wf.exprs.length >= k ? `WHEN wf_no = ${w} THEN ${wf.exprs[k - 1]!}` : ''))
      .filter((t) => t !== '');
    const expr = whens.length === 0 ? `c${k - 1}` : `CASE ${whens.join(' ')} ELSE c${k - 1} END`;
    ctes.push(`steps_${k} AS (SELECT steps_${k - 1}.*, ${expr} AS c${k} FROM steps_${k - 1})`);
  }
  // Rows outside a workflow keep c0 in every column; the result reads only as many as the subset's steps.
  const rawKeys = [
    'k_period, k_payer, subset_no, k_account, k_service, kept',
    ...(options.month === undefined ? [] : ['month_key']),
    ...(providerText === null ? [] : ['is_aws, k_provider']),
  ].join(', ');
  // Per raw group, each added line's rows (fn) and sum (fa) over its workflow's rows.
  const rowAdded = workflows
    .flatMap((wf, w) =>
      wf.added.map((a) => {
        const rows = `wf_no = ${w}`;
        return `, sum(CASE WHEN ${rows} THEN 1 ELSE 0 END) AS fn${a.no}, ${dialect.sumUnits(`CASE WHEN ${rows} THEN ${a.sum ?? '0'} ELSE 0 END`)} AS fa${a.no}`;
      }),
    )
    .join('');
  ctes.push(
    `raw_groups AS (SELECT ${rawKeys}, count(*) AS n, ${sums(stages, (k) => dialect.sumUnits(`c${k}`), rowTallies + rowAdded)} ` +
      `FROM steps_${stages - 1} GROUP BY ${rawKeys})`,
  );
  branches.push(
    `SELECT 'line' AS kind, * FROM (SELECT ${monthOf('k_period')} AS month_key, ${keyOf('payerAccountId', 'k_payer')} AS payer, subset_no, ` +
      `${keyOf('usageAccountId', 'k_account')} AS account, ${keyOf('productCode', 'k_service')} AS service, CAST(sum(n) AS BIGINT) AS n, ` +
      `${sums(stages, (k) => `CAST(sum(s${k}) AS DECIMAL(38, 0))`, groupTallies)} FROM raw_groups WHERE kept GROUP BY 1, 2, 3, 4, 5) line_groups`,
  );
  // Added lines: per account (or subset) with rows in the step, from sums taken with the line groups.
  workflows.forEach((wf) => {
    const n = wf.exprs.length;
    for (const a of wf.added) {
      const account = a.per === 'account' ? keyOf('usageAccountId', 'k_account') : "''";
      const keep = a.keep === undefined ? '' : ` WHERE ${a.keep('total')}`;
      branches.push(
        `SELECT 'line' AS kind, CAST(NULL AS VARCHAR) AS month_key, CAST(NULL AS VARCHAR) AS payer, subset_no, account, ${lit(a.label)} AS service, 0 AS n, ` +
          `${sums(n + 1, (k) => (k < a.k ? 'CAST(0 AS DECIMAL(38, 0))' : `CAST(${a.units('total')} AS DECIMAL(38, 0))`))} ` +
          `FROM (SELECT subset_no, ${account} AS account, sum(fa${a.no}) AS total FROM raw_groups WHERE kept GROUP BY 1, 2 HAVING sum(fn${a.no}) > 0) added${keep}`,
      );
    }
  });
  if (options.month !== undefined)
    branches.push(
      `SELECT 'other-month' AS kind, month_key, CAST(NULL AS VARCHAR) AS payer, CAST(NULL AS INTEGER) AS subset_no, '' AS account, '' AS service, CAST(sum(n) AS BIGINT) AS n, ${sums(0, () => '')} ` +
        `FROM raw_groups WHERE NOT (${inMonth}) AND ${isAws} GROUP BY month_key`,
    );
  if (providerText !== null)
    branches.push(
      `SELECT 'other-provider' AS kind, CAST(NULL AS VARCHAR) AS month_key, CAST(NULL AS VARCHAR) AS payer, CAST(NULL AS INTEGER) AS subset_no, '' AS account, k_provider AS service, CAST(sum(n) AS BIGINT) AS n, ${sums(0, () => '')} ` +
        'FROM raw_groups WHERE NOT is_aws GROUP BY k_provider',
    );
  // Only the columns some step reads are converted per row (`used`, filled by the steps above).
  const modelColumns = [
    // A column a step reads beyond its rule's `reads` is still mapped (or blank), never a dangling name.
    ...[...used].map((c) => {
      const s = sources.get(c) ?? sourceOf(c, source, dialect);
      return `${s === null ? BLANK[kindOf(c)] : convert(c, s.raw, s.type, dialect)} AS ${ident(c)}`;
    }),
    `${rawKey(period)} AS k_period`,
    `${rawKey('payerAccountId')} AS k_payer`,
    `${rawKey('usageAccountId')} AS k_account`,
    `${rawKey('productCode')} AS k_service`,
    ...(providerText === null
      ? []
      : [
          `${providerText} AS k_provider`,
          `(${providerText} = '' OR ${dialect.regexpLike(providerText, '^(aws|amazon web services)', true)}) AS is_aws`,
        ]),
    ...(options.month === undefined ? [] : [`${monthOf(rawKey(period))} AS month_key`]),
  ];
  ctes[1] = `model AS (SELECT ${modelColumns.join(', ')} FROM ${source.from}${where})`;
  const sql =
    `WITH\n${ctes
      .filter((c) => c !== '')
      .map((c) => `  ${c}`)
      .join(',\n')}\n` +
    `SELECT * FROM (\n${branches.join('\nUNION ALL\n')}\n) result ORDER BY kind, subset_no, account, service`;
  return {
    ok: true,
    compiled: {
      sql,
      stages,
      workflows: workflows.map((w) => w.info),
      stepsOfSubset,
      notes,
      tallies: { count: tallyCount, steps: tallies.map(({ first, notes: of }) => ({ first, notes: of })) },
    },
  };
}
