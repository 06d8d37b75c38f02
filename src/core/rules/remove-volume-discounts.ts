import { z } from 'zod';
import { oneOf } from './params';
import { defineRule } from './rule';
import type { ColumnId } from '../preview/columns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, replaceByType, TYPES } from '../preview/effects';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { caseOf, replaceByTypeSql, typeIs } from '../preview/sql/effects';

const MODES = ['top-rate-all-usage', 'top-rate-free-usage', 'remove-ri-volume-discounts'] as const;
type Mode = (typeof MODES)[number];

const SENTENCES: Record<Mode, string> = {
  'top-rate-all-usage': 'Replace tiered volume rates with the first billable rate for all usage',
  'top-rate-free-usage': 'Replace free tier usage with the first billable rate',
  'remove-ri-volume-discounts': 'Remove RI volume discounts so they are not shared with the customer',
};

const VOLUME_READS: Record<Mode, readonly ColumnId[]> = {
  'top-rate-all-usage': ['lineItemType', 'pricingTerm', 'publicOnDemandCost'],
  'top-rate-free-usage': ['lineItemType', 'unblendedRate', 'publicOnDemandRate', 'publicOnDemandCost'],
  'remove-ri-volume-discounts': ['lineItemType'],
};

/**
 * AWS defines pricing/publicOnDemandRate as the rate of the highest (first paid) tier, so
 * publicOnDemandCost is the usage at the top rate: all on-demand usage, or only the usage the free
 * tier priced at 0. RI volume discounts are line items of their own, dropped.
 */
function volumeEffect(mode: Mode, ctx: ApplyContext): StepEffect {
  if (mode === 'remove-ri-volume-discounts') return replaceByType(ctx, { [TYPES.RiVolumeDiscount]: 0 });
  const types = lineTypes(ctx);
  const onDemand = ctx.derive('pricingTerm', (term) => (term === 'OnDemand' ? 1 : 0));
  return {
    exactness: 'exact',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const od = need(batch.money.publicOnDemandCost, 'publicOnDemandCost');
      if (mode === 'top-rate-all-usage') {
        const terms = onDemand.table();
        const termCodes = need(batch.text.pricingTerm, 'pricingTerm');
        for (let i = 0; i < count; i++) {
          const r = rows[i]!;
          if (t[codes[r]!] === TYPES.Usage && terms[termCodes[r]!] === 1) charge[r] = od[r]!;
        }
        return;
      }
      const rate = need(batch.number.unblendedRate, 'unblendedRate');
      const publicRate = need(batch.number.publicOnDemandRate, 'publicOnDemandRate');
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        if (t[codes[r]!] === TYPES.Usage && rate[r] === 0 && publicRate[r]! > 0) charge[r] = od[r]!;
      }
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

function volumeSql(mode: Mode, ctx: SqlContext): SqlStep {
  if (mode === 'remove-ri-volume-discounts') return replaceByTypeSql(ctx, { [TYPES.RiVolumeDiscount]: 0 });
  const usage = typeIs(ctx, TYPES.Usage);
  const test =
    mode === 'top-rate-all-usage'
      ? `${usage} AND ${ctx.col('pricingTerm')} = 'OnDemand'`
      : `${usage} AND ${ctx.col('unblendedRate')} = 0 AND ${ctx.col('publicOnDemandRate')} > 0`;
  return { exactness: 'exact', charge: caseOf(ctx, [[test, ctx.col('publicOnDemandCost')]]) };
}

export const removeVolumeDiscounts = defineRule({
  id: 'remove-volume-discounts',
  group: 'pricing',
  title: 'Remove volume discounts',
  summary: 'Charge the first billable ("top") rate in place of volume-tiered, free tier or RI volume discounted rates',
  schema: z.strictObject({ mode: oneOf(MODES) }),
  example: { mode: 'top-rate-free-usage' },
  describe: (p) => SENTENCES[p.mode],
  reads: (p) => VOLUME_READS[p.mode],
  apply: (p, ctx) => volumeEffect(p.mode, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => volumeSql(p.mode, ctx),
});
