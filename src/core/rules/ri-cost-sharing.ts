import { z } from 'zod';
import { describeCostSharing } from './english';
import { CostBasisSchema } from './params';
import { defineRule } from './rule';
import type { ColumnId } from '../preview/columns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, TYPES } from '../preview/effects';
import type { CostBasis } from './params';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { caseOf, typeIs } from '../preview/sql/effects';

const RI_SHARING_READS: Record<CostBasis, readonly ColumnId[]> = {
  effective: [
    'lineItemType',
    'reservationArn',
    'riEffectiveCost',
    'riUnusedAmortizedUpfrontFee',
    'riUnusedRecurringFee',
  ],
  'amortized-upfront': [
    'lineItemType',
    'reservationArn',
    'riAmortizedUpfrontCostForUsage',
    'riUnusedAmortizedUpfrontFee',
  ],
  recurring: ['lineItemType', 'riRecurringFeeForUsage', 'riUnusedRecurringFee'],
};

/**
 * The using accounts pay for the RI hours they used (reservation/EffectiveCost, or one of its two
 * parts); the purchaser keeps only the unused part: its RIFee rows become the unused fees, and the
 * up-front Fee row, now spread over the usage, is dropped (except on the recurring basis, where the
 * purchaser still pays the up-front).
 */
function riSharingEffect(basis: CostBasis, ctx: ApplyContext): StepEffect {
  const types = lineTypes(ctx);
  return {
    exactness: 'exact',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const m = batch.money;
      const arns = basis === 'recurring' ? undefined : need(batch.text.reservationArn, 'reservationArn');
      const used =
        basis === 'effective'
          ? need(m.riEffectiveCost, 'riEffectiveCost')
          : basis === 'amortized-upfront'
            ? need(m.riAmortizedUpfrontCostForUsage, 'riAmortizedUpfrontCostForUsage')
            : need(m.riRecurringFeeForUsage, 'riRecurringFeeForUsage');
      const unusedUpfront =
        basis === 'recurring' ? undefined : need(m.riUnusedAmortizedUpfrontFee, 'riUnusedAmortizedUpfrontFee');
      const unusedRecurring =
        basis === 'amortized-upfront' ? undefined : need(m.riUnusedRecurringFee, 'riUnusedRecurringFee');
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const type = t[codes[r]!];
        if (type === TYPES.DiscountedUsage) charge[r] = used[r]!;
        else if (type === TYPES.RIFee) {
          // effective: both unused parts; amortized-upfront: the recurring fee as billed plus the
          // unused up-front; recurring: the unused recurring fee only.
          if (basis === 'effective') charge[r] = unusedUpfront![r]! + unusedRecurring![r]!;
          else if (basis === 'amortized-upfront') charge[r] = charge[r]! + unusedUpfront![r]!;
          else charge[r] = unusedRecurring![r]!;
        } else if (type === TYPES.Fee && arns !== undefined && arns[r] !== 0) charge[r] = 0;
      }
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

function riSharingSql(basis: CostBasis, ctx: SqlContext): SqlStep {
  const used = ctx.col(
    basis === 'effective'
      ? 'riEffectiveCost'
      : basis === 'amortized-upfront'
        ? 'riAmortizedUpfrontCostForUsage'
        : 'riRecurringFeeForUsage',
  );
  const fee =
    basis === 'effective'
      ? `${ctx.col('riUnusedAmortizedUpfrontFee')} + ${ctx.col('riUnusedRecurringFee')}`
      : basis === 'amortized-upfront'
        ? `${ctx.charge} + ${ctx.col('riUnusedAmortizedUpfrontFee')}`
        : ctx.col('riUnusedRecurringFee');
  const branches: [string, string][] = [
    [typeIs(ctx, TYPES.DiscountedUsage), used],
    [typeIs(ctx, TYPES.RIFee), fee],
  ];
  if (basis !== 'recurring') branches.push([`${typeIs(ctx, TYPES.Fee)} AND ${ctx.col('reservationArn')} <> ''`, '0']);
  return { exactness: 'exact', charge: caseOf(ctx, branches) };
}

export const riCostSharing = defineRule({
  id: 'ri-cost-sharing',
  group: 'cost-sharing',
  title: 'RI cost sharing',
  summary: 'Pass the cost of Reserved Instances on to the accounts that used them',
  schema: z.strictObject({ basis: CostBasisSchema }),
  example: { basis: 'effective' },
  describe: (p) => describeCostSharing('RI', p.basis),
  reads: (p) => RI_SHARING_READS[p.basis],
  apply: (p, ctx) => riSharingEffect(p.basis, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => riSharingSql(p.basis, ctx),
});
