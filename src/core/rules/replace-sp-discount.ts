import { z } from 'zod';
import { describePurchasers } from './english';
import { PurchasedBySchema, unknownAccounts } from './params';
import { defineRule } from './rule';
import { boughtBy, replaceByType, TYPES } from '../preview/effects';
import { boughtBySql, replaceByTypeSql } from '../preview/sql/effects';

export const replaceSpDiscount = defineRule({
  id: 'replace-sp-discount',
  group: 'commitments',
  title: 'Replace Savings Plan discount',
  summary: 'Charge the public on-demand price in place of Savings Plan discounts bought by the given accounts',
  schema: z.strictObject({ purchasedBy: PurchasedBySchema }),
  example: { purchasedBy: 'any' },
  describe: (p) =>
    `Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by ${describePurchasers(p.purchasedBy)}`,
  check: (p, ctx) => (p.purchasedBy === 'any' ? [] : unknownAccounts(p.purchasedBy, ctx)),
  excludes: ['retain-discounts'],
  reads: (p) => ['lineItemType', 'publicOnDemandCost', ...(p.purchasedBy === 'any' ? [] : ['savingsPlanArn' as const])],
  // Covered usage at public on-demand (legacy CUR already bills it so), the negation rows dropped.
  apply: (p, ctx) =>
    replaceByType(
      ctx,
      { [TYPES.SavingsPlanCoveredUsage]: 'publicOnDemandCost', [TYPES.SavingsPlanNegation]: 0 },
      boughtBy(ctx, 'savingsPlanArn', p.purchasedBy),
    ),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) =>
    replaceByTypeSql(
      ctx,
      { [TYPES.SavingsPlanCoveredUsage]: 'publicOnDemandCost', [TYPES.SavingsPlanNegation]: 0 },
      boughtBySql(ctx, 'savingsPlanArn', p.purchasedBy),
    ),
});
