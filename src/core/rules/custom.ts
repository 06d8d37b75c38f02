import { z } from 'zod';
import { typeError } from './params';
import { defineRule } from './rule';
import { NOT_COMPUTED } from '../preview/effect';
import { unchanged } from '../preview/sql/effects';

/** Long enough for a paragraph; a specification longer than this belongs in an e-mail to Spot. */
export const CUSTOM_DESCRIPTION_MAX = 2000;

export const custom = defineRule({
  id: 'custom',
  group: 'other',
  title: 'Custom rule',
  summary: 'A rule the catalog does not cover, described in words for Spot to configure by hand',
  schema: z.strictObject({
    description: z
      .string({ error: typeError('a description in quotes of what the rule should do') })
      .trim()
      .min(1, 'must describe what the rule should do, not be empty')
      .max(CUSTOM_DESCRIPTION_MAX, `must be at most ${CUSTOM_DESCRIPTION_MAX} characters`),
  }),
  example: { description: 'Charge AWS Support to the accounts in proportion to their usage' },
  describe: (p) => {
    // One line in the Details cell, and no trailing period, like every other sentence.
    const text = p.description.replace(/\s+/g, ' ').replace(/\.+$/, '');
    return `Custom rule configured by Spot: ${text === '' ? p.description : text}`;
  },
  // Spot configures a custom rule by hand: there is nothing to compute it from.
  apply: (_p, ctx) => {
    ctx.note('custom-not-computed', { workflow: ctx.workflow });
    return NOT_COMPUTED;
  },
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (_p, ctx) => {
    ctx.note('custom-not-computed', { workflow: ctx.workflow });
    return unchanged(ctx, 'not-computed');
  },
});
