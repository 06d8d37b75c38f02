import { z } from 'zod';
import { formatNumber } from './english';
import { hasDecimals, oneOf, percentSchema, typeError } from './params';
import { defineRule } from './rule';
import type { ColumnId } from '../preview/columns';
import type { AddedCharge, ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, TYPES } from '../preview/effects';
import { MoneySums, scaleUnits, UNITS_PER_CURRENCY } from '../preview/money';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { doubleLit } from '../preview/sql/dialect';
import { scaleSql, typeIs } from '../preview/sql/effects';

/** A cap against typos (an extra zero or two), far above any real monthly fee per subset or account. */
export const FLAT_FEE_MAX = 1_000_000;

const AmountSchema = z
  .number({ error: typeError('an amount such as 500, without a currency sign or quotes') })
  .gt(0, 'must be greater than 0')
  .max(FLAT_FEE_MAX, `must be at most ${FLAT_FEE_MAX}`)
  .refine(hasDecimals(2), 'must have at most 2 decimal places (cents)');

/** Money prints with cents when it has any: 500, 99.50. */
const formatAmount = (amount: number): string => (Number.isInteger(amount) ? formatNumber(amount) : amount.toFixed(2));

type SavingsFeeParams =
  | { readonly mode: 'percent-of-savings'; readonly percent: number }
  | { readonly mode: 'flat'; readonly amount: number; readonly per: 'subset' | 'account' };

const savingsFeeReads = (p: SavingsFeeParams): readonly ColumnId[] =>
  p.mode === 'flat'
    ? ['usageAccountId']
    : ['usageAccountId', 'lineItemType', 'publicOnDemandCost', 'riEffectiveCost', 'spEffectiveCost'];

const FEE_LABEL = 'Savings fee';

/**
 * Percent: per account, p% of the savings its RI- and Savings Plan-covered usage brought (public
 * on-demand cost minus effective cost), when positive. Flat: one fee per subset, or per account,
 * that has line items this month. Fees are lines of their own; later steps do not change them.
 */
function savingsFeeEffect(p: SavingsFeeParams, ctx: ApplyContext): StepEffect {
  const savings = new MoneySums(64);
  const seen: number[] = [];
  const accountCell = new Map<number, number>();
  const types = lineTypes(ctx);
  if (p.mode === 'percent-of-savings') ctx.note('savings-fee-all-commitments', { workflow: ctx.workflow });
  const cellOf = (code: number): number => {
    let cell = accountCell.get(code);
    if (cell === undefined) {
      cell = seen.length;
      seen.push(code);
      accountCell.set(code, cell);
      savings.ensure(seen.length);
    }
    return cell;
  };
  return {
    exactness: p.mode === 'flat' ? 'exact' : 'approximate',
    apply(batch, _charge, rows, count) {
      const accounts = need(batch.text.usageAccountId, 'usageAccountId');
      if (p.mode === 'flat') {
        for (let i = 0; i < count; i++) cellOf(accounts[rows[i]!]!);
        return;
      }
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const od = need(batch.money.publicOnDemandCost, 'publicOnDemandCost');
      const riEff = need(batch.money.riEffectiveCost, 'riEffectiveCost');
      const spEff = need(batch.money.spEffectiveCost, 'spEffectiveCost');
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const type = t[codes[r]!];
        if (type === TYPES.DiscountedUsage) savings.add(cellOf(accounts[r]!), od[r]! - riEff[r]!);
        else if (type === TYPES.SavingsPlanCoveredUsage) savings.add(cellOf(accounts[r]!), od[r]! - spEff[r]!);
      }
    },
    finish() {
      const ids = ctx.dictionaries.values('usageAccountId');
      const fees: AddedCharge[] = [];
      if (p.mode === 'flat') {
        const units = Math.round(p.amount * 100) * (UNITS_PER_CURRENCY / 100);
        if (p.per === 'account')
          for (const code of seen) fees.push({ accountId: ids[code]!, subset: null, label: FEE_LABEL, units });
        else {
          const subsets = new Set(seen.map((code) => ctx.subsetOf(ids[code]!)).filter((s) => s !== null));
          for (const subset of subsets) fees.push({ accountId: null, subset, label: FEE_LABEL, units });
        }
        return fees;
      }
      seen.forEach((code, cell) => {
        const saved = savings.get(cell);
        if (saved <= 0n) return;
        fees.push({
          accountId: ids[code]!,
          subset: null,
          label: FEE_LABEL,
          units: scaleUnits(Number(saved), p.percent / 100),
        });
      });
      return fees;
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

/** savingsFeeEffect in SQL: charges unchanged; the fees are lines added from the step's rows. */
function savingsFeeSql(p: SavingsFeeParams, ctx: SqlContext): SqlStep {
  if (p.mode === 'percent-of-savings') ctx.note('savings-fee-all-commitments', { workflow: ctx.workflow });
  const od = ctx.col('publicOnDemandCost');
  return {
    exactness: p.mode === 'flat' ? 'exact' : 'approximate',
    charge: ctx.charge,
    added:
      p.mode === 'flat'
        ? {
            label: FEE_LABEL,
            per: p.per,
            units: () => `CAST(${Math.round(p.amount * 100) * (UNITS_PER_CURRENCY / 100)} AS BIGINT)`,
          }
        : {
            label: FEE_LABEL,
            per: 'account',
            // The savings of the account's commitments (savingsFeeEffect), charged where positive.
            sum:
              `CASE WHEN ${typeIs(ctx, TYPES.DiscountedUsage)} THEN ${od} - ${ctx.col('riEffectiveCost')} ` +
              `WHEN ${typeIs(ctx, TYPES.SavingsPlanCoveredUsage)} THEN ${od} - ${ctx.col('spEffectiveCost')} ELSE 0 END`,
            units: (saved) => scaleSql(saved, doubleLit(p.percent / 100)),
            keep: (saved) => `${saved} > 0`,
          },
  };
}

export const savingsFee = defineRule({
  id: 'savings-fee',
  group: 'fees',
  title: 'Savings fee',
  summary:
    'Charge a share of the savings that RIs and Savings Plans bring, or a flat monthly fee per subset or account',
  schema: z.discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('percent-of-savings'), percent: percentSchema(100) }),
      z.strictObject({ mode: z.literal('flat'), amount: AmountSchema, per: oneOf(['subset', 'account']) }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union' ? 'must have a mode of "percent-of-savings" or "flat"' : undefined,
    },
  ),
  example: { mode: 'percent-of-savings', percent: 20 },
  describe: (p) =>
    p.mode === 'flat'
      ? `Charge a flat fee of ${formatAmount(p.amount)} per ${p.per} each month`
      : `Charge a fee of ${formatNumber(p.percent)}% of the savings from RIs and Savings Plans`,
  reads: (p) => savingsFeeReads(p),
  apply: (p, ctx) => savingsFeeEffect(p, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => savingsFeeSql(p, ctx),
});
