import { z } from 'zod';
import type { Issue } from '../findings';
import { counted, joinList } from './english';
import { AccountIdList, oneOf, typeError, uniqueList, unknownAccounts } from './params';
import type { RuleContext } from './rule';

/**
 * The `when` of the percent rules (uplift, discount): conditions that narrow which usage the rule
 * touches. Every condition must hold (they are joined by "and"); within one list, any entry matches.
 */

/**
 * A product code as `lineItem/ProductCode` holds it (AmazonEC2, AWSLambda, AmazonS3). Marketplace
 * codes are opaque strings, so only the shape is checked: one word, no spaces (a product *name*
 * such as "Amazon Elastic Compute Cloud" is the usual mistake).
 */
export const ServiceCodeSchema = z
  .string({ error: typeError('a service product code in quotes, such as "AmazonEC2"') })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'must be a service product code as in lineItem/ProductCode, such as "AmazonEC2" or "AWSLambda" (one word, no spaces)',
  );

/**
 * A region code (us-east-1, eu-west-2, us-gov-west-1, eusc-de-east-1), or a group of regions by
 * prefix (us-east-*, eu-*, us-gov-*). One pattern, so that JSON Schema exports carry it too.
 */
const REGION = /^(?:[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}|[a-z]{2,4}(?:-[a-z]+){0,2}-\*)$/;

export const isRegionGroup = (region: string): boolean => region.endsWith('*');

export const RegionSchema = z
  .string({ error: typeError('a region code in quotes, such as "us-east-1"') })
  .regex(REGION, 'must be a region code such as "us-east-1" or a group such as "us-east-*" or "eu-*" (lower case)');

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export const MonthSchema = z
  .number({ error: typeError('a month number from 1 to 12') })
  .int('must be a month number from 1 to 12')
  .min(1, 'must be a month number from 1 to 12')
  .max(12, 'must be a month number from 1 to 12');

/** Years as numbers. 2000-2100 covers every year of AWS billing data with room to plan ahead. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const YearSchema = z
  .number({ error: typeError('a 4-digit year such as 2025') })
  .int(`must be a year from ${YEAR_MIN} to ${YEAR_MAX}`)
  .min(YEAR_MIN, `must be a year from ${YEAR_MIN} to ${YEAR_MAX}`)
  .max(YEAR_MAX, `must be a year from ${YEAR_MIN} to ${YEAR_MAX}`);

const YEARS_MESSAGE = 'must be "odd", "even" or a list of years such as [2025, 2027]';
export const YearsSchema = z.union([oneOf(['odd', 'even']), uniqueList(YearSchema, 'year')], {
  error: (issue) =>
    issue.code === 'invalid_union' ? (issue.input === undefined ? 'is required' : YEARS_MESSAGE) : undefined,
});

export const ConditionsSchema = z
  .strictObject(
    {
      services: uniqueList(ServiceCodeSchema, 'service').optional(),
      regions: uniqueList(RegionSchema, 'region').optional(),
      accounts: AccountIdList.optional(),
      daysOfWeek: uniqueList(oneOf(DAYS), 'day').optional(),
      months: uniqueList(MonthSchema, 'month').optional(),
      years: YearsSchema.optional(),
    },
    { error: typeError('an object of conditions, such as {"services": ["AmazonEC2"]}') },
  )
  // An empty `when` would silently mean "always": refuse it so that a forgotten condition shows.
  .refine((when) => Object.values(when).some((value) => value !== undefined), {
    message:
      'must hold at least one condition (services, regions, accounts, daysOfWeek, months or years); leave "when" out to apply to all usage',
  });

export type Conditions = z.output<typeof ConditionsSchema>;

// ---- sentence pieces ------------------------------------------------------------------------------

const DAY_NAMES: Record<Day, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const monthName = (m: number): string => MONTH_NAMES[m - 1] ?? String(m);

/** What a percent rule applies to: "AmazonEC2 and AmazonRDS", or "the price of all services". */
export function describeSubject(when: Conditions | undefined): string {
  return when?.services === undefined ? 'the price of all services' : joinList(when.services);
}

/** "in the us-east-1 region", "in us-east-1 and eu-* regions". */
function describeRegions(regions: readonly string[]): string {
  const [only] = regions;
  return regions.length === 1 && only !== undefined && !isRegionGroup(only)
    ? `in the ${only} region`
    : `in ${joinList(regions)} regions`;
}

function describeYears(years: NonNullable<Conditions['years']>): string {
  if (years === 'odd') return 'odd-numbered years';
  if (years === 'even') return 'even-numbered years';
  return joinList(years.map(String));
}

/** "in June, July and August of odd-numbered years", "in 2025 and 2027", or "" */
function describePeriod(months: readonly number[] | undefined, years: Conditions['years']): string {
  const yearsText = years === undefined ? undefined : describeYears(years);
  if (months === undefined) return yearsText === undefined ? '' : `in ${yearsText}`;
  const monthsText = joinList(months.map(monthName));
  return yearsText === undefined ? `in ${monthsText}` : `in ${monthsText} of ${yearsText}`;
}

/**
 * The conditions after the percent, with a leading space, or "" without conditions:
 * " for account 123456789012 when usage occurs on Tuesdays in us-east-* regions in June of 2025".
 */
export function describeConditions(when: Conditions | undefined): string {
  if (when === undefined) return '';
  let text = '';
  if (when.accounts !== undefined) text += ` for ${counted('account', 'accounts', when.accounts)}`;
  const occurs: string[] = [];
  if (when.daysOfWeek !== undefined) occurs.push(`on ${joinList(when.daysOfWeek.map((d) => DAY_NAMES[d]))}`);
  if (when.regions !== undefined) occurs.push(describeRegions(when.regions));
  const period = describePeriod(when.months, when.years);
  if (period !== '') occurs.push(period);
  if (occurs.length > 0) text += ` when usage occurs ${occurs.join(' ')}`;
  return text;
}

/** Cross-sheet check of the conditions: their accounts must be known. */
export function checkConditions(when: Conditions | undefined, ctx: RuleContext): Issue[] {
  return when?.accounts === undefined ? [] : unknownAccounts(when.accounts, ctx);
}
