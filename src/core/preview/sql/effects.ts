/**
 * Building blocks of the rules' `sql`, each the SQL twin of one in ../effects.ts: line types,
 * purchasers, conditions, percent changes. Expressions only: the compiler places them.
 */
import type { Conditions } from '../../rules/conditions';
import { DAYS } from '../../rules/conditions';
import { isCharge, LINE_TYPE, type LineType, type MoneyColumn } from '../columns';
import type { Exactness } from '../effect';
import type { SqlContext, SqlStep } from './context';
import { doubleLit, lit, type SqlDialect } from './dialect';

/** `expr` is one of the values (FALSE for none), in the dialect's fastest form. */
export const inList = (dialect: SqlDialect, expr: string, values: readonly (string | number)[]): string =>
  values.length === 0
    ? 'FALSE'
    : dialect.inList(
        expr,
        values.map((v) => (typeof v === 'number' ? String(v) : lit(v))),
      );

const TYPE_NAMES = Object.keys(LINE_TYPE).filter((n) => n !== 'OTHER') as (keyof typeof LINE_TYPE)[];
const nameOf = (t: LineType): string => TYPE_NAMES.find((n) => LINE_TYPE[n] === t)!;

/** The row's line item type is one of these. */
export const typeIs = (ctx: SqlContext, ...types: LineType[]): string =>
  inList(ctx.dialect, ctx.col('lineItemType'), types.map(nameOf));

/** The line types percent rules change (isCharge). */
export const chargeTypes = (): LineType[] => TYPE_NAMES.map((n) => LINE_TYPE[n]).filter(isCharge);

/**
 * `first AND second` with `second` evaluated only on the rows `first` keeps: DuckDB evaluates
 * both sides of AND on every row (10^7 rows: 0.7 s of credit regular expressions on rows that
 * are no credits). Same truth in a WHEN as AND (NULL and FALSE both fail).
 */
export const andThen = (first: string, second: string | undefined): string =>
  second === undefined ? first : `CASE WHEN ${first} THEN ${second} ELSE FALSE END`;

/** CASE over branches, else the previous charge. */
export function caseOf(ctx: SqlContext, branches: readonly (readonly [string, string])[]): string {
  if (branches.length === 0) return ctx.charge;
  return `CASE ${branches.map(([when, then]) => `WHEN ${when} THEN ${then}`).join(' ')} ELSE ${ctx.charge} END`;
}

/** Units × factor, rounded half away from zero (scaleUnits): the product in DOUBLE, as in JavaScript. */
export const scaleSql = (units: string, factor: string): string =>
  `CAST(round(CAST(${units} AS DOUBLE) * ${factor}) AS BIGINT)`;

/** The purchasing account of an ARN: field 5, 1 to 12 digits, padded to 12 ('' otherwise), as purchaserOf. */
export function purchaserSql(ctx: SqlContext, arn: string): string {
  const field = `split_part(${arn}, ':', 5)`;
  return `CASE WHEN ${ctx.dialect.regexpLike(field, '^[0-9]{1,12}$')} THEN lpad(${field}, 12, '0') ELSE '' END`;
}

export type SqlReplacement = Partial<Record<LineType, MoneyColumn | 0>>;

/** replaceByType: per line type a money column or 0; `only` narrows (a purchaser test). */
export function replaceByTypeSql(ctx: SqlContext, to: SqlReplacement, only?: string): SqlStep {
  const branches = (Object.entries(to) as [string, MoneyColumn | 0][]).map(
    ([type, target]) =>
      [andThen(typeIs(ctx, Number(type) as LineType), only), target === 0 ? '0' : ctx.col(target)] as const,
  );
  return { exactness: 'exact', charge: caseOf(ctx, branches) };
}

/**
 * The forms of an account ID that purchaserOf pads to it: the ID without some of its leading
 * zeros ("000123456789", "00123456789", …, "123456789").
 */
export const paddedForms = (id: string): string[] => {
  const forms = [id];
  for (let k = 1; k < id.length && id[k - 1] === '0'; k++) forms.push(id.slice(k));
  return forms;
};

/**
 * boughtBy: the commitment's purchaser is one of these ("any": no test). Field 5 of the ARN is
 * compared with the padded forms of the IDs: the same test as purchaserSql's pattern and padding
 * without a regular expression per row.
 */
export function boughtBySql(
  ctx: SqlContext,
  arnColumn: 'reservationArn' | 'savingsPlanArn',
  purchasers: 'any' | readonly string[],
): string | undefined {
  if (purchasers === 'any') return undefined;
  if (purchasers.some((id) => !/^[0-9]{12}$/.test(id)))
    return inList(ctx.dialect, purchaserSql(ctx, ctx.col(arnColumn)), purchasers);
  return inList(ctx.dialect, `split_part(${ctx.col(arnColumn)}, ':', 5)`, purchasers.flatMap(paddedForms));
}

/**
 * conditionTest: every condition of a `when`, in three parts: the filters (service, region,
 * account), what makes a row's day known (a start; with a weekday condition, an end on the same
 * UTC day) and the tests of that day. Rows whose day is not known never match; the JavaScript
 * engine counts those that pass the filters ("undecided").
 */
function conditionParts(when: Conditions, ctx: SqlContext): { filters: string[]; known: string[]; tests: string[] } {
  const filters: string[] = [];
  const known: string[] = [];
  const tests: string[] = [];
  if (when.services !== undefined) filters.push(inList(ctx.dialect, ctx.col('productCode'), when.services));
  if (when.regions !== undefined) {
    const region = ctx.col('region');
    const any = when.regions.map((e) =>
      e.endsWith('*') ? `substr(${region}, 1, ${e.length - 1}) = ${lit(e.slice(0, -1))}` : `${region} = ${lit(e)}`,
    );
    filters.push(`(NOT ${inList(ctx.dialect, region, ['', 'global'])} AND (${any.join(' OR ')}))`);
  }
  if (when.accounts !== undefined) filters.push(inList(ctx.dialect, ctx.col('usageAccountId'), when.accounts));
  const start = ctx.col('usageStartDate');
  if (when.daysOfWeek !== undefined || when.months !== undefined || when.years !== undefined)
    known.push(`${start} IS NOT NULL`);
  if (when.daysOfWeek !== undefined) {
    const end = ctx.col('usageEndDate');
    known.push(`${end} IS NOT NULL`);
    known.push(`CAST(${start} AS DATE) = CAST(${ctx.dialect.minusMilli(end)} AS DATE)`);
    tests.push(
      inList(
        ctx.dialect,
        ctx.dialect.weekday(start),
        when.daysOfWeek.map((d) => DAYS.indexOf(d) + 1),
      ),
    );
  }
  if (when.months !== undefined) tests.push(inList(ctx.dialect, `month(${start})`, when.months));
  if (when.years !== undefined)
    tests.push(
      when.years === 'odd'
        ? `year(${start}) % 2 = 1`
        : when.years === 'even'
          ? `year(${start}) % 2 = 0`
          : inList(ctx.dialect, `year(${start})`, when.years),
    );
  return { filters, known, tests };
}

const all = (parts: readonly string[]): string | undefined =>
  parts.length === 0 ? undefined : `(${parts.join(' AND ')})`;

/** conditionTest's test: every condition of a `when` (rows whose day is not known never match). */
export function conditionSql(when: Conditions | undefined, ctx: SqlContext): string | undefined {
  if (when === undefined) return undefined;
  const { filters, known, tests } = conditionParts(when, ctx);
  return all([...filters, ...known, ...tests]);
}

/**
 * percentEffect: charge × factor on charge rows meeting the conditions; the charge rows that pass
 * the filters but whose day is not known are counted for the same note as the JavaScript engine's.
 */
export function percentSql(factor: number, when: Conditions | undefined, rule: string, ctx: SqlContext): SqlStep {
  if (when?.services !== undefined && ctx.input === 'focus' && !ctx.has('productCode'))
    ctx.note('focus-service-names', { workflow: ctx.workflow, rule });
  const cond = conditionSql(when, ctx);
  const charges = typeIs(ctx, ...chargeTypes());
  const parts = when === undefined ? undefined : conditionParts(when, ctx);
  const step: SqlStep = {
    exactness: 'exact',
    charge: caseOf(ctx, [[andThen(charges, cond), scaleSql(ctx.charge, doubleLit(factor))]]),
  };
  if (parts === undefined || parts.known.length === 0) return step;
  const undecided = andThen(charges, all([...parts.filters, `NOT ${all(parts.known)!}`]));
  return {
    ...step,
    tallies: {
      of: [{ rows: undecided }],
      notes: ([v], note) => {
        if (v!.rows > 0) note('weekday-needs-granularity', { workflow: ctx.workflow, rule, rows: v!.rows });
      },
    },
  };
}

export const unchanged = (ctx: SqlContext, exactness: Exactness = 'exact'): SqlStep => ({
  exactness,
  charge: ctx.charge,
});
