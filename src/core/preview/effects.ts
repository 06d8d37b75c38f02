/**
 * Building blocks of the rules' `apply`: line types, commitment purchasers, conditions and percent
 * changes over batches. Each works per distinct value (dictionary code) where it can, so the
 * per-row loops are table lookups on typed arrays.
 */
import type { Conditions } from '../rules/conditions';
import type { LineItemBatch } from './batch';
import { isCharge, LINE_TYPE, lineTypeOf, type ColumnId, type LineType } from './columns';
import type { ApplyContext, StepEffect } from './effect';
import { scaleUnits } from './money';

/** The purchasing account of an RI or Savings Plan: field 5 of its ARN split on ":" ("" if none). */
export function purchaserOf(arn: string): string {
  const account = arn.split(':')[4] ?? '';
  return /^\d{1,12}$/.test(account) ? account.padStart(12, '0') : '';
}

/** Per-code table of line types (LINE_TYPE). */
export const lineTypes = (ctx: ApplyContext) => ctx.derive('lineItemType', lineTypeOf);

/** The column arrays a rule declared in `reads`; present by the runner's guarantee. */
export function need<T>(array: T | undefined, column: ColumnId): T {
  if (array === undefined) throw new Error(`preview: column ${column} read but not declared in reads`);
  return array;
}

/**
 * A step that sets some rows' charge by line type: `to[t]` gives, for a line type, either a money
 * column whose value becomes the charge, `0` to drop the row, or nothing to leave it. `only`
 * narrows further (a purchaser test), deciding per row.
 */
export type Replacement = Partial<Record<LineType, (ColumnId & keyof LineItemBatch['money']) | 0>>;

export function replaceByType(
  ctx: ApplyContext,
  to: Replacement,
  only?: (batch: LineItemBatch) => (row: number) => boolean,
): StepEffect {
  const types = lineTypes(ctx);
  // Per line type: 0 leave, 1 drop, k + 2 take the k-th money column of `sources`.
  const sources = [
    ...new Set(Object.values(to).filter((v): v is Exclude<typeof v, 0 | undefined> => v !== 0 && v !== undefined)),
  ];
  const action = new Int8Array(64);
  for (const [type, target] of Object.entries(to))
    if (target !== undefined) action[Number(type)] = target === 0 ? 1 : sources.indexOf(target) + 2;
  return {
    exactness: 'exact',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const values = sources.map((c) => need(batch.money[c], c));
      const test = only?.(batch);
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const a = action[t[codes[r]!]!]!;
        if (a === 0) continue;
        if (test !== undefined && !test(r)) continue;
        charge[r] = a === 1 ? 0 : values[a - 2]![r]!;
      }
    },
  };
}

/** The rows whose commitment was bought by one of `purchasers` ("any": every row). */
export function boughtBy(
  ctx: ApplyContext,
  arnColumn: 'reservationArn' | 'savingsPlanArn',
  purchasers: 'any' | readonly string[],
): ((batch: LineItemBatch) => (row: number) => boolean) | undefined {
  if (purchasers === 'any') return undefined;
  const wanted = new Set(purchasers);
  const match = ctx.derive(arnColumn, (arn) => (wanted.has(purchaserOf(arn)) ? 1 : 0));
  return (batch) => {
    const table = match.table();
    const arns = need(batch.text[arnColumn], arnColumn);
    return (row) => table[arns[row]!] === 1;
  };
}

// ---- conditions (the `when` of the percent rules) --------------------------------------------------

const DAY_MS = 86_400_000;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The columns a `when` reads. */
export function conditionColumns(when: Conditions | undefined): ColumnId[] {
  const columns: ColumnId[] = [];
  if (when?.services !== undefined) columns.push('productCode');
  if (when?.regions !== undefined) columns.push('region');
  if (when?.accounts !== undefined) columns.push('usageAccountId');
  if (when?.daysOfWeek !== undefined) columns.push('usageStartDate', 'usageEndDate');
  else if (when?.months !== undefined || when?.years !== undefined) columns.push('usageStartDate');
  return columns;
}

/** Matches a region code against the `regions` entries: codes exactly, groups (`eu-*`) by prefix. */
export function regionMatches(region: string, entries: readonly string[]): boolean {
  if (region === '' || region === 'global') return false;
  return entries.some((e) => (e.endsWith('*') ? region.startsWith(e.slice(0, -1)) : region === e));
}

/** 1 = the row's UTC day passes the day, month and year conditions; 0 = it does not. */
function dayTest(when: Conditions): (day: number) => number {
  const days = when.daysOfWeek === undefined ? null : new Set<string>(when.daysOfWeek);
  const months = when.months === undefined ? null : new Set(when.months);
  const years = when.years;
  const cache = new Map<number, number>();
  return (day) => {
    let hit = cache.get(day);
    if (hit !== undefined) return hit;
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7]!;
    hit =
      (days === null || days.has(weekday)) &&
      (months === null || months.has(date.getUTCMonth() + 1)) &&
      (years === undefined ||
        (years === 'odd' ? year % 2 === 1 : years === 'even' ? year % 2 === 0 : years.includes(year)))
        ? 1
        : 0;
    cache.set(day, hit);
    return hit;
  };
}

/**
 * A per-batch row test for a `when` (undefined when there is none). Rows whose weekday is unknown
 * (spanning more than one UTC day, or without dates) do not match a weekday condition, and are
 * counted: `undecided()` says how many, for the step's note.
 */
export function conditionTest(
  when: Conditions | undefined,
  ctx: ApplyContext,
): { readonly test: ((batch: LineItemBatch) => (row: number) => boolean) | undefined; undecided(): number } {
  if (when === undefined) return { test: undefined, undecided: () => 0 };
  const services = when.services === undefined ? null : new Set(when.services);
  const serviceTable = services === null ? null : ctx.derive('productCode', (code) => (services.has(code) ? 1 : 0));
  const regions = when.regions;
  const regionTable =
    regions === undefined ? null : ctx.derive('region', (region) => (regionMatches(region, regions) ? 1 : 0));
  const accounts = when.accounts === undefined ? null : new Set<string>(when.accounts);
  const accountTable = accounts === null ? null : ctx.derive('usageAccountId', (id) => (accounts.has(id) ? 1 : 0));
  const timed = when.daysOfWeek !== undefined || when.months !== undefined || when.years !== undefined;
  const byDay = timed ? dayTest(when) : null;
  const weekday = when.daysOfWeek !== undefined;
  let undecided = 0;
  return {
    undecided: () => undecided,
    test: (batch) => {
      const svc = serviceTable?.table();
      const svcCodes = svc === undefined ? undefined : need(batch.text.productCode, 'productCode');
      const reg = regionTable?.table();
      const regCodes = reg === undefined ? undefined : need(batch.text.region, 'region');
      const acc = accountTable?.table();
      const accCodes = acc === undefined ? undefined : need(batch.text.usageAccountId, 'usageAccountId');
      const starts = byDay === null ? undefined : need(batch.time.usageStartDate, 'usageStartDate');
      const ends = weekday ? need(batch.time.usageEndDate, 'usageEndDate') : undefined;
      return (r) => {
        if (svc !== undefined && svc[svcCodes![r]!] === 0) return false;
        if (reg !== undefined && reg[regCodes![r]!] === 0) return false;
        if (acc !== undefined && acc[accCodes![r]!] === 0) return false;
        if (byDay !== null) {
          const start = starts![r]!;
          if (Number.isNaN(start)) {
            undecided++;
            return false;
          }
          const day = Math.floor(start / DAY_MS);
          // The end instant is exclusive: an hourly row ending at midnight stays on its day.
          if (ends !== undefined && !(Math.floor((ends[r]! - 1) / DAY_MS) === day)) {
            undecided++;
            return false;
          }
          if (byDay(day) === 0) return false;
        }
        return true;
      };
    },
  };
}

/**
 * Uplift and discount: charge × factor on the charge rows (not taxes, credits, refunds or
 * discounts) that meet the conditions.
 */
export function percentEffect(
  factor: number,
  when: Conditions | undefined,
  rule: string,
  ctx: ApplyContext,
): StepEffect {
  const types = ctx.derive('lineItemType', (v) => (isCharge(lineTypeOf(v)) ? 1 : 0));
  const cond = conditionTest(when, ctx);
  if (when?.services !== undefined && ctx.dialect === 'focus' && !ctx.columns.has('productCode'))
    ctx.note('focus-service-names', { workflow: ctx.workflow, rule });
  return {
    exactness: 'exact',
    apply(batch, charge, rows, count) {
      const charges = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const test = cond.test?.(batch);
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        if (charges[codes[r]!] === 0) continue;
        if (test !== undefined && !test(r)) continue;
        charge[r] = scaleUnits(charge[r]!, factor);
      }
    },
    finish() {
      const undecided = cond.undecided();
      if (undecided > 0) ctx.note('weekday-needs-granularity', { workflow: ctx.workflow, rule, rows: undecided });
      return [];
    },
  };
}

export const TYPES = LINE_TYPE;
