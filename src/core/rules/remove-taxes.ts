import { z } from 'zod';
import { defineRule } from './rule';
import { replaceByType, TYPES } from '../preview/effects';
import { replaceByTypeSql } from '../preview/sql/effects';

export const removeTaxes = defineRule({
  id: 'remove-taxes',
  group: 'credits-and-taxes',
  title: 'Remove taxes',
  summary: "Drop tax line items from the customer's charges",
  schema: z.strictObject({}),
  example: {},
  describe: () => "Remove taxes from the customer's charges",
  reads: () => ['lineItemType'],
  apply: (_p, ctx) => replaceByType(ctx, { [TYPES.Tax]: 0 }),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (_p, ctx) => replaceByTypeSql(ctx, { [TYPES.Tax]: 0 }),
});
