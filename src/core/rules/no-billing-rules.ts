import { z } from 'zod';
import { defineRule } from './rule';
import { IDENTITY } from '../preview/effect';
import { unchanged } from '../preview/sql/effects';

export const noBillingRules = defineRule({
  id: 'no-billing-rules',
  group: 'other',
  title: 'No billing rules',
  summary: 'Process the billing data as it is, with no billing rules; it must be the only step of its workflow',
  schema: z.strictObject({}),
  example: {},
  describe: () => 'Process the billing data as it is, with no billing rules',
  placement: 'alone',
  apply: () => IDENTITY,
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (_p, ctx) => unchanged(ctx),
});
