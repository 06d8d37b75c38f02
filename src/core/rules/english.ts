import type { CostBasis, PurchasedBy } from './params';

/**
 * Sentence pieces shared by the rules' `describe`. Sentences are plain English in sentence case,
 * with no trailing period, values printed as given.
 */

/** "a", "a and b", "a, b and c" (no serial comma, as the seed writes "June, July and August"). */
export function joinList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * A number as given: 2.5 prints "2.5". Schemas bound numbers and their decimals, so `String`
 * never falls into exponent notation or floating noise here.
 */
export function formatNumber(n: number): string {
  return String(n);
}

/** "account 111111111111" or "accounts 111111111111 and 222222222222". */
export function counted(
  singular: string,
  plural: string,
  items: readonly string[],
  conjunction: 'and' | 'or' = 'and',
): string {
  return `${items.length === 1 ? singular : plural} ${joinList(items, conjunction)}`;
}

/** Subset names are free text: quoted, so that a name such as "Customer A" reads as one name. */
export const quoteName = (name: string): string => `"${name}"`;

/** "any account", "123456789012", "111111111111, 222222222222 or 333333333333". */
export const describePurchasers = (purchasedBy: PurchasedBy): string =>
  purchasedBy === 'any' ? 'any account' : joinList(purchasedBy, 'or');

const COST_BASIS_TEXT: Record<CostBasis, string> = {
  effective: 'the effective cost',
  'amortized-upfront': 'the amortized up-front cost only',
  recurring: 'the recurring fee only',
};

/** "Share RI costs with the accounts that use the RIs, charging the effective cost". */
export const describeCostSharing = (commitment: string, basis: CostBasis): string =>
  `Share ${commitment} costs with the accounts that use the ${commitment}s, charging ${COST_BASIS_TEXT[basis]}`;
