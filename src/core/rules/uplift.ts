import { z } from 'zod';
import { checkConditions, ConditionsSchema, describeConditions, describeSubject } from './conditions';
import { formatNumber } from './english';
import { percentSchema } from './params';
import { defineRule } from './rule';
import { conditionColumns, percentEffect } from '../preview/effects';
import { percentSql } from '../preview/sql/effects';

/** A cap against typos (30 typed as 3000), not a business limit: an uplift above 1000% is no price list. */
export const UPLIFT_MAX_PERCENT = 1000;

export const uplift = defineRule({
  id: 'uplift',
  group: 'pricing',
  title: 'Uplift',
  summary: 'Raise charges by a percent, for all usage or only usage that meets the conditions',
  schema: z.strictObject({ percent: percentSchema(UPLIFT_MAX_PERCENT), when: ConditionsSchema.optional() }),
  example: { percent: 3 },
  describe: (p) => `Uplift ${describeSubject(p.when)} by ${formatNumber(p.percent)}%${describeConditions(p.when)}`,
  check: (p, ctx) => checkConditions(p.when, ctx),
  placement: 'last',
  reads: (p) => ['lineItemType', ...conditionColumns(p.when)],
  apply: (p, ctx) => percentEffect(1 + p.percent / 100, p.when, 'uplift', ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => percentSql(1 + p.percent / 100, p.when, 'uplift', ctx),
});
