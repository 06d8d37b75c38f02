import { z } from 'zod';
import { describeCostSharing } from './english';
import { CostBasisSchema } from './params';
import { defineRule } from './rule';
import type { ColumnId } from '../preview/columns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, TYPES } from '../preview/effects';
import { scaleUnits } from '../preview/money';
import type { CostBasis } from './params';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { caseOf, scaleSql, typeIs } from '../preview/sql/effects';

const COMMON: readonly ColumnId[] = ['lineItemType', 'spEffectiveCost', 'spTotalCommitmentToDate', 'spUsedCommitment'];
const SP_SHARING_READS: Record<CostBasis, readonly ColumnId[]> = {
  effective: COMMON,
  'amortized-upfront': [...COMMON, 'savingsPlanArn', 'spAmortizedUpfrontCommitment', 'spRecurringCommitment'],
  recurring: [...COMMON, 'savingsPlanArn', 'spAmortizedUpfrontCommitment', 'spRecurringCommitment'],
};

/**
 * Covered usage pays the plan's effective cost (or its up-front or recurring part), the negation
 * rows go, and the purchaser's recurring-fee row keeps only the unused commitment. The CUR gives
 * only the effective cost per usage row, so the parts are split by each plan's ratio of recurring
 * to total commitment, read in a first pass from its recurring-fee rows (approximate).
 */
function spSharingEffect(basis: CostBasis, ctx: ApplyContext): StepEffect {
  const types = lineTypes(ctx);
  // Per ARN code: [recurring, amortized up-front] commitment of the period, from the first pass.
  const parts = new Map<number, [number, number]>();
  const recurringShare = (arn: number): number => {
    const p = parts.get(arn);
    // No recurring-fee row in this CUR (bought under another payer): treat it as all recurring.
    return p === undefined || p[0] + p[1] === 0 ? 1 : p[0] / (p[0] + p[1]);
  };
  const split = basis !== 'effective';
  if (split) ctx.note('sp-split-by-ratio', { workflow: ctx.workflow });
  const effect: StepEffect = {
    exactness: split ? 'approximate' : 'exact',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const m = batch.money;
      const eff = need(m.spEffectiveCost, 'spEffectiveCost');
      const total = need(m.spTotalCommitmentToDate, 'spTotalCommitmentToDate');
      const usedCommitment = need(m.spUsedCommitment, 'spUsedCommitment');
      const arns = split ? need(batch.text.savingsPlanArn, 'savingsPlanArn') : undefined;
      const recurring = split ? need(m.spRecurringCommitment, 'spRecurringCommitment') : undefined;
      const upfront = split ? need(m.spAmortizedUpfrontCommitment, 'spAmortizedUpfrontCommitment') : undefined;
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const type = t[codes[r]!];
        if (type === TYPES.SavingsPlanCoveredUsage) {
          if (!split) charge[r] = eff[r]!;
          else {
            const share = recurringShare(arns![r]!);
            charge[r] = scaleUnits(eff[r]!, basis === 'recurring' ? share : 1 - share);
          }
        } else if (type === TYPES.SavingsPlanNegation) charge[r] = 0;
        else if (type === TYPES.SavingsPlanRecurringFee) {
          const unusedShare = total[r]! === 0 ? 0 : 1 - usedCommitment[r]! / total[r]!;
          if (!split) charge[r] = total[r]! - usedCommitment[r]!;
          else if (basis === 'recurring') charge[r] = scaleUnits(recurring![r]!, unusedShare);
          else charge[r] = charge[r]! + scaleUnits(upfront![r]!, unusedShare);
        } else if (type === TYPES.SavingsPlanUpfrontFee && basis !== 'recurring') charge[r] = 0;
      }
    },
  };
  if (!split) return effect;
  return {
    ...effect,
    prepass(batch, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const arns = need(batch.text.savingsPlanArn, 'savingsPlanArn');
      const recurring = need(batch.money.spRecurringCommitment, 'spRecurringCommitment');
      const upfront = need(batch.money.spAmortizedUpfrontCommitment, 'spAmortizedUpfrontCommitment');
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        if (t[codes[r]!] !== TYPES.SavingsPlanRecurringFee) continue;
        const p = parts.get(arns[r]!) ?? [0, 0];
        p[0] += recurring[r]!;
        p[1] += upfront[r]!;
        parts.set(arns[r]!, p);
      }
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

/** spSharingEffect in SQL: the first pass is a window sum per plan over the step's rows. */
function spSharingSql(basis: CostBasis, ctx: SqlContext): SqlStep {
  const eff = ctx.col('spEffectiveCost');
  const total = ctx.col('spTotalCommitmentToDate');
  const used = ctx.col('spUsedCommitment');
  const split = basis !== 'effective';
  if (split) ctx.note('sp-split-by-ratio', { workflow: ctx.workflow });
  const branches: [string, string][] = [];
  const unusedShare = `(CASE WHEN ${total} = 0 THEN 0e0 ELSE 1e0 - CAST(${used} AS DOUBLE) / CAST(${total} AS DOUBLE) END)`;
  if (!split) {
    branches.push([typeIs(ctx, TYPES.SavingsPlanCoveredUsage), eff]);
    branches.push([typeIs(ctx, TYPES.SavingsPlanNegation), '0']);
    branches.push([typeIs(ctx, TYPES.SavingsPlanRecurringFee), `${total} - ${used}`]);
    branches.push([typeIs(ctx, TYPES.SavingsPlanUpfrontFee), '0']);
  } else {
    const fees = typeIs(ctx, TYPES.SavingsPlanRecurringFee);
    const part = (column: 'spRecurringCommitment' | 'spAmortizedUpfrontCommitment'): string =>
      `sum(CASE WHEN ${fees} THEN ${ctx.col(column)} ELSE 0 END) OVER (PARTITION BY ${ctx.workflowRows}, ${ctx.col('savingsPlanArn')})`;
    const rec = part('spRecurringCommitment');
    const both = `(${rec} + ${part('spAmortizedUpfrontCommitment')})`;
    const share = `(CASE WHEN ${both} = 0 THEN 1e0 ELSE CAST(${rec} AS DOUBLE) / CAST(${both} AS DOUBLE) END)`;
    branches.push([
      typeIs(ctx, TYPES.SavingsPlanCoveredUsage),
      scaleSql(eff, basis === 'recurring' ? share : `(1e0 - ${share})`),
    ]);
    branches.push([typeIs(ctx, TYPES.SavingsPlanNegation), '0']);
    branches.push([
      fees,
      basis === 'recurring'
        ? scaleSql(ctx.col('spRecurringCommitment'), unusedShare)
        : `${ctx.charge} + ${scaleSql(ctx.col('spAmortizedUpfrontCommitment'), unusedShare)}`,
    ]);
    if (basis !== 'recurring') branches.push([typeIs(ctx, TYPES.SavingsPlanUpfrontFee), '0']);
  }
  return { exactness: split ? 'approximate' : 'exact', charge: caseOf(ctx, branches) };
}

export const spCostSharing = defineRule({
  id: 'sp-cost-sharing',
  group: 'cost-sharing',
  title: 'Savings Plan cost sharing',
  summary: 'Pass the cost of Savings Plans on to the accounts that used them',
  schema: z.strictObject({ basis: CostBasisSchema }),
  example: { basis: 'effective' },
  describe: (p) => describeCostSharing('Savings Plan', p.basis),
  reads: (p) => SP_SHARING_READS[p.basis],
  apply: (p, ctx) => spSharingEffect(p.basis, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => spSharingSql(p.basis, ctx),
});
