import { z } from 'zod';
import { issue, type Issue } from '../findings';
import type { AwsAccountId } from '../ids';
import { joinList } from './english';
import type { RuleContext } from './rule';

/**
 * Building blocks of the rule parameter schemas. Messages are predicates that read after the
 * parameter's path ("percent must be greater than 0"), since validation prefixes the path.
 */

/**
 * The message for a value of the wrong JSON type, or a missing one. Other issues of the same
 * schema (unknown keys, for one) keep zod's own message.
 */
export function typeError(
  what: string,
): (issue: { readonly code?: string; readonly input?: unknown }) => string | undefined {
  return (issue) =>
    issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? `is required: ${what}` : `must be ${what}`;
}

/** Quotes values for messages: `"a", "b" or "c"`. */
export const quoteList = (values: readonly string[]): string =>
  joinList(
    values.map((v) => JSON.stringify(v)),
    'or',
  );

/** A string enum whose message lists the allowed values as the contract spells them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = `one of ${quoteList(values)}`;
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `is required: ${allowed}` : `must be ${allowed}`),
  });
}

/**
 * A list without duplicates, non-empty unless `minItems` is 0. `key` says when two entries are
 * the same (names are compared by `nameKey`, codes exactly). Duplicates are refused rather than
 * dropped: a repeated entry is usually a typo for another one.
 */
export function uniqueList<T extends z.ZodType>(
  item: T,
  what: string,
  key: (value: z.output<T>) => string = (value) => String(value),
  minItems = 1,
) {
  return z
    .array(item, { error: typeError(`a list of ${what}s in square brackets`) })
    .min(minItems, `must list at least one ${what}`)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      for (const value of items) {
        const k = key(value);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `lists ${JSON.stringify(value)} twice` });
        seen.add(k);
      }
    });
}

/** True when `n` has at most `places` decimal places (so it prints without floating noise). */
export const hasDecimals =
  (places: number) =>
  (n: number): boolean =>
    Number(n.toFixed(places)) === n;

/** Percents keep at most 4 decimal places: enough for any real rate, and `String(p)` stays plain. */
export const PERCENT_DECIMALS = 4;

/** A percent p with 0 < p <= max. */
export function percentSchema(max: number) {
  return z
    .number({ error: typeError('a number such as 3, without a % sign or quotes') })
    .gt(0, 'must be greater than 0')
    .max(max, `must be at most ${max}`)
    .refine(hasDecimals(PERCENT_DECIMALS), `must have at most ${PERCENT_DECIMALS} decimal places`);
}

/**
 * An AWS account ID parameter: 12 digits as a JSON string. A number is refused with a message that
 * says why (JSON numbers lose leading zeros, just as Excel does). Same rule and brand as
 * `AwsAccountIdSchema` in ids.ts, with messages written for the Parameters column.
 */
export const AccountIdParam = z
  .string({ error: typeError('an AWS account ID in quotes, such as "012345678901"') })
  .regex(/^\d{12}$/, 'must be an AWS account ID: exactly 12 digits in quotes, such as "012345678901"')
  .brand<'AwsAccountId'>();

// Compile-time proof that the brand is the one ids.ts defines.
const sameBrand: (id: z.output<typeof AccountIdParam>) => AwsAccountId = (id) => id;
void sameBrand;

/** A non-empty list of distinct account IDs. */
export const AccountIdList = uniqueList(AccountIdParam, 'account ID');

/** `rule-account-unknown` for each ID that is neither in the Accounts sheet nor the management account. */
export function unknownAccounts(ids: readonly string[], ctx: RuleContext): Issue[] {
  const known = ctx.accounts;
  // Without an Accounts sheet, no account-based check runs (the contract).
  if (known === null) return [];
  return ids.filter((id) => !known.has(id)).map((id) => issue('rule-account-unknown', { id }));
}

/** `"any"`, or the accounts whose commitment purchases are meant (both replace rules). */
export const PurchasedBySchema = z.union([z.literal('any'), AccountIdList], {
  error: (issue) =>
    issue.code !== 'invalid_union'
      ? undefined
      : issue.input === undefined
        ? 'is required: "any" or a list of account IDs'
        : 'must be "any" or a list of account IDs in quotes, such as ["012345678901"]',
});
export type PurchasedBy = z.output<typeof PurchasedBySchema>;

/** What a cost-sharing rule charges the using accounts (both cost-sharing rules). */
export const COST_BASES = ['effective', 'amortized-upfront', 'recurring'] as const;
export const CostBasisSchema = oneOf(COST_BASES);
export type CostBasis = (typeof COST_BASES)[number];
