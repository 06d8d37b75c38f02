import { z } from 'zod';
import { issue } from '../findings';
import { nameKey } from '../ids';
import { counted, joinList, quoteName } from './english';
import { AccountIdParam, oneOf, typeError, uniqueList, unknownAccounts } from './params';
import { defineRule } from './rule';
import type { ColumnId } from '../preview/columns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, purchaserOf, TYPES } from '../preview/effects';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { andThen, caseOf, inList, purchaserSql, typeIs } from '../preview/sql/effects';

const COMMITMENTS = ['ri', 'sp'] as const;
type Commitment = (typeof COMMITMENTS)[number];
const COMMITMENT_TEXT: Record<Commitment, string> = { ri: 'RI', sp: 'Savings Plan' };

const SubsetNameSchema = z
  .string({ error: typeError('a subset name in quotes, as in the Subset Workflows sheet') })
  .trim()
  .min(1, 'must be a subset name, not empty');

const RETAIN_READS = (commitments: readonly Commitment[]): ColumnId[] => [
  'lineItemType',
  'usageAccountId',
  'publicOnDemandCost',
  ...(commitments.includes('ri') ? (['reservationArn'] as const) : []),
  ...(commitments.includes('sp') ? (['savingsPlanArn'] as const) : []),
];

/**
 * A discount stays where its buyer and its user are in the same listed subset, or both among the
 * listed accounts; every other covered row is repriced as the replace rules do.
 */
function retainEffect(
  p: {
    readonly commitments: readonly Commitment[];
    readonly subsets: readonly string[];
    readonly accounts: readonly string[];
  },
  ctx: ApplyContext,
): StepEffect {
  const subsets = new Map(p.subsets.map((s, i) => [nameKey(s), i + 1]));
  const accounts = new Set<string>(p.accounts);
  // Per account: 1 + the listed subset's index (0: none), times 2, plus 1 when a listed account.
  const place = (id: string): number => {
    const subset = ctx.subsetOf(id);
    return (subset === null ? 0 : (subsets.get(subset) ?? 0)) * 2 + (accounts.has(id) ? 1 : 0);
  };
  const keeps = (user: number, buyer: number): boolean =>
    (user >> 1 !== 0 && user >> 1 === buyer >> 1) || ((user & 1) === 1 && (buyer & 1) === 1);
  const users = ctx.derive('usageAccountId', place);
  const ri = p.commitments.includes('ri') ? ctx.derive('reservationArn', (arn) => place(purchaserOf(arn))) : null;
  const sp = p.commitments.includes('sp') ? ctx.derive('savingsPlanArn', (arn) => place(purchaserOf(arn))) : null;
  const types = lineTypes(ctx);
  return {
    exactness: 'exact',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const user = users.table();
      const userCodes = need(batch.text.usageAccountId, 'usageAccountId');
      const od = need(batch.money.publicOnDemandCost, 'publicOnDemandCost');
      const riBuyer = ri?.table();
      const riCodes = ri === null ? undefined : need(batch.text.reservationArn, 'reservationArn');
      const spBuyer = sp?.table();
      const spCodes = sp === null ? undefined : need(batch.text.savingsPlanArn, 'savingsPlanArn');
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const type = t[codes[r]!];
        if (type === TYPES.DiscountedUsage && riBuyer !== undefined) {
          if (!keeps(user[userCodes[r]!]!, riBuyer[riCodes![r]!]!)) charge[r] = od[r]!;
        } else if (
          (type === TYPES.SavingsPlanCoveredUsage || type === TYPES.SavingsPlanNegation) &&
          spBuyer !== undefined
        ) {
          if (!keeps(user[userCodes[r]!]!, spBuyer[spCodes![r]!]!))
            charge[r] = type === TYPES.SavingsPlanNegation ? 0 : od[r]!;
        }
      }
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

/** retainEffect in SQL: the listed subset (1-based, 0 none) and listed-account test of user and buyer. */
function retainSql(p: Parameters<typeof retainEffect>[0], ctx: SqlContext): SqlStep {
  const subsetNo = (account: string): string => {
    const whens = p.subsets
      .map((s, i) => [ctx.accountsOf(nameKey(s)), i + 1] as const)
      .filter(([ids]) => ids.length > 0)
      .map(([ids, no]) => `WHEN ${inList(ctx.dialect, account, ids)} THEN ${no}`);
    return whens.length === 0 ? '0' : `(CASE ${whens.join(' ')} ELSE 0 END)`;
  };
  const user = ctx.col('usageAccountId');
  const keeps = (buyer: string): string =>
    `((${subsetNo(user)} <> 0 AND ${subsetNo(user)} = ${subsetNo(buyer)}) OR (${inList(ctx.dialect, user, p.accounts)} AND ${inList(ctx.dialect, buyer, p.accounts)}))`;
  const branches: [string, string][] = [];
  if (p.commitments.includes('ri'))
    branches.push([
      andThen(typeIs(ctx, TYPES.DiscountedUsage), `NOT ${keeps(purchaserSql(ctx, ctx.col('reservationArn')))}`),
      ctx.col('publicOnDemandCost'),
    ]);
  if (p.commitments.includes('sp')) {
    const kept = keeps(purchaserSql(ctx, ctx.col('savingsPlanArn')));
    branches.push([andThen(typeIs(ctx, TYPES.SavingsPlanCoveredUsage), `NOT ${kept}`), ctx.col('publicOnDemandCost')]);
    branches.push([andThen(typeIs(ctx, TYPES.SavingsPlanNegation), `NOT ${kept}`), '0']);
  }
  return { exactness: 'exact', charge: caseOf(ctx, branches) };
}

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
  subsetNames: {
    of: (p) => p.subsets,
    respell: (p, spell) => ({ ...p, subsets: p.subsets.map(spell) }),
  },
  excludes: ['replace-ri-discount', 'replace-sp-discount'],
  reads: (p) => RETAIN_READS(p.commitments),
  apply: (p, ctx) => retainEffect(p, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => retainSql(p, ctx),
});
