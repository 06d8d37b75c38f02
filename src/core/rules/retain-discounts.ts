import { z } from 'zod';
import { issue } from '../findings';
import { nameKey } from '../ids';
import { counted, joinList, quoteName } from './english';
import { AccountIdParam, oneOf, typeError, uniqueList, unknownAccounts } from './params';
import { defineRule } from './rule';

const COMMITMENTS = ['ri', 'sp'] as const;
type Commitment = (typeof COMMITMENTS)[number];
const COMMITMENT_TEXT: Record<Commitment, string> = { ri: 'RI', sp: 'Savings Plan' };

const SubsetNameSchema = z
  .string({ error: typeError('a subset name in quotes, as in the Subset Workflows sheet') })
  .trim()
  .min(1, 'must be a subset name, not empty');

/**
 * `subsets` and `accounts` may each be left out or empty (`[]`), but not both: the rule needs
 * somewhere to keep discounts in. Subset names are compared as everywhere else (`nameKey`).
 */
export const retainDiscounts = defineRule({
  id: 'retain-discounts',
  group: 'commitments',
  title: 'Retain discounts',
  summary:
    'Keep RI and Savings Plan discounts that are bought and used inside the given subsets or accounts, and charge the public on-demand price in place of the others',
  schema: z
    .strictObject({
      commitments: uniqueList(oneOf(COMMITMENTS), 'commitment'),
      subsets: uniqueList(SubsetNameSchema, 'subset', nameKey, 0).default([]),
      accounts: uniqueList(AccountIdParam, 'account ID', String, 0).default([]),
    })
    .refine((p) => p.subsets.length + p.accounts.length > 0, {
      message: 'must name at least one subset or account (in "subsets" or "accounts") whose discounts are retained',
    }),
  example: { commitments: ['ri', 'sp'], subsets: ['Customer A'], accounts: [] },
  describe: (p) => {
    const what = `${joinList(p.commitments.map((c) => COMMITMENT_TEXT[c]))} discount${p.commitments.length > 1 ? 's' : ''}`;
    const where: string[] = [];
    if (p.subsets.length > 0) where.push(counted('subset', 'subsets', p.subsets.map(quoteName)));
    if (p.accounts.length > 0) where.push(counted('account', 'accounts', p.accounts));
    const them = p.commitments.length > 1 ? 'them' : 'it';
    return `Retain ${what} within ${joinList(where)}, and replace ${them} elsewhere with public on-demand price`;
  },
  check: (p, ctx) => [
    ...p.subsets.filter((s) => !ctx.subsets.has(nameKey(s))).map((subset) => issue('rule-subset-unknown', { subset })),
    ...unknownAccounts(p.accounts, ctx),
  ],
  excludes: ['replace-ri-discount', 'replace-sp-discount'],
});
