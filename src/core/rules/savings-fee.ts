import { z } from 'zod';
import { formatNumber } from './english';
import { hasDecimals, oneOf, percentSchema, typeError } from './params';
import { defineRule } from './rule';

/** A cap against typos (an extra zero or two), far above any real monthly fee per subset or account. */
export const FLAT_FEE_MAX = 1_000_000;

const AmountSchema = z
  .number({ error: typeError('an amount such as 500, without a currency sign or quotes') })
  .gt(0, 'must be greater than 0')
  .max(FLAT_FEE_MAX, `must be at most ${FLAT_FEE_MAX}`)
  .refine(hasDecimals(2), 'must have at most 2 decimal places (cents)');

/** Money prints with cents when it has any: 500, 99.50. */
const formatAmount = (amount: number): string => (Number.isInteger(amount) ? formatNumber(amount) : amount.toFixed(2));

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
});
