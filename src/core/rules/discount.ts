import { z } from 'zod';
import { checkConditions, ConditionsSchema, describeConditions, describeSubject } from './conditions';
import { formatNumber } from './english';
import { percentSchema } from './params';
import { defineRule } from './rule';
import { conditionColumns, percentEffect } from '../preview/effects';
import { percentSql } from '../preview/sql/effects';

/** The contract's bound: a discount takes at most the whole charge. */
export const DISCOUNT_MAX_PERCENT = 100;

export const discount = defineRule({
  id: 'discount',
  group: 'pricing',
  title: 'Discount',
  summary: 'Lower charges by a percent, for all usage or only usage that meets the conditions',
  schema: z.strictObject({ percent: percentSchema(DISCOUNT_MAX_PERCENT), when: ConditionsSchema.optional() }),
  // The seed's own example: the Tuesday rule.
  example: {
    percent: 2,
    when: { services: ['AmazonEC2'], regions: ['us-east-*'], daysOfWeek: ['tue'], months: [6, 7, 8], years: 'odd' },
  },
  describe: (p) => `Discount ${describeSubject(p.when)} by ${formatNumber(p.percent)}%${describeConditions(p.when)}`,
  check: (p, ctx) => checkConditions(p.when, ctx),
  placement: 'last',
  reads: (p) => ['lineItemType', ...conditionColumns(p.when)],
  apply: (p, ctx) => percentEffect(1 - p.percent / 100, p.when, 'discount', ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => percentSql(1 - p.percent / 100, p.when, 'discount', ctx),
});
