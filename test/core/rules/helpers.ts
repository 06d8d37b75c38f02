import type { z } from 'zod';
import type { RuleContext, RuleModule } from '../../../src/core/rules/rule';

export const A1 = '111111111111';
export const A2 = '222222222222';
export const A3 = '333333333333';
export const MGMT = '123456789012';

/** Each problem as "path: message" ("" path for the root), or [] when the value parses. */
export function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Parses or fails the test with zod's problems in the message. */
export function parsed<S extends z.ZodType>(rule: RuleModule<string, S>, params: z.input<S>): z.output<S> {
  expect(problems(rule.schema, params)).toEqual([]);
  return rule.schema.parse(params);
}

/** The sentence for these parameters, parsed first as the workbook would. */
export function say<S extends z.ZodType>(rule: RuleModule<string, S>, params: z.input<S>): string {
  return rule.describe(parsed(rule, params));
}

/** Expects refusal, with a problem at `path` (dotted) when given. */
export function expectRefused(schema: z.ZodType, value: unknown, path?: string): void {
  const found = problems(schema, value);
  expect(found.length).toBeGreaterThan(0);
  if (path !== undefined) expect(found.map((p) => p.slice(0, p.indexOf(': ')))).toContain(path);
}

export function context(subsets: readonly string[], accounts: readonly string[] | null): RuleContext {
  return { subsets: new Set(subsets), accounts: accounts === null ? null : new Set(accounts) };
}

/** The rule's check on these parameters (none when the rule has no check). */
export function checked<S extends z.ZodType>(
  rule: RuleModule<string, S>,
  params: z.input<S>,
  ctx: RuleContext,
): ReturnType<NonNullable<RuleModule['check']>> {
  return rule.check === undefined ? [] : rule.check(parsed(rule, params), ctx);
}
