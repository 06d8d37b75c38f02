import { z } from 'zod';
import { describePurchasers } from './english';
import { PurchasedBySchema, unknownAccounts } from './params';
import { defineRule } from './rule';

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
});
