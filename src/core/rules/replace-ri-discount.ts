import { z } from 'zod';
import { describePurchasers } from './english';
import { PurchasedBySchema, unknownAccounts } from './params';
import { defineRule } from './rule';
import { boughtBy, replaceByType, TYPES } from '../preview/effects';
import { boughtBySql, replaceByTypeSql } from '../preview/sql/effects';

export const replaceRiDiscount = defineRule({
  id: 'replace-ri-discount',
  group: 'commitments',
  title: 'Replace RI discount',
  summary: 'Charge the public on-demand price in place of Reserved Instance discounts bought by the given accounts',
  schema: z.strictObject({ purchasedBy: PurchasedBySchema }),
  example: { purchasedBy: 'any' },
  describe: (p) =>
    `Replace RI discount with public on-demand price when RIs are purchased by ${describePurchasers(p.purchasedBy)}`,
  check: (p, ctx) => (p.purchasedBy === 'any' ? [] : unknownAccounts(p.purchasedBy, ctx)),
  excludes: ['retain-discounts'],
  reads: (p) => ['lineItemType', 'publicOnDemandCost', ...(p.purchasedBy === 'any' ? [] : ['reservationArn' as const])],
  // RI-covered usage is repriced at public on-demand; the RI's own RIFee rows stay with the purchaser.
  apply: (p, ctx) =>
    replaceByType(
      ctx,
      { [TYPES.DiscountedUsage]: 'publicOnDemandCost' },
      boughtBy(ctx, 'reservationArn', p.purchasedBy),
    ),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) =>
    replaceByTypeSql(
      ctx,
      { [TYPES.DiscountedUsage]: 'publicOnDemandCost' },
      boughtBySql(ctx, 'reservationArn', p.purchasedBy),
    ),
});
