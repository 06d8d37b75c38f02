/**
 * How credit line items are told apart by program: the CUR has one `Credit` type for all of them,
 * and only the description says which program gave it. An editable table (the command line takes
 * a JSON file of the same shape); a credit matching no pattern is "other" (unclassified).
 */
import { z } from 'zod';

export const CREDIT_PROGRAMS = [
  'edp',
  'data-egress-waiver',
  'apn-partner-accelerator',
  'solution-provider-program',
] as const;
export type CreditProgram = (typeof CREDIT_PROGRAMS)[number];

export const CreditPatternSchema = z.strictObject({
  program: z.enum(CREDIT_PROGRAMS),
  /** A regular expression, matched case-insensitively against the line item description. */
  pattern: z.string().min(1),
});
export type CreditPattern = z.infer<typeof CreditPatternSchema>;
export const CreditPatternsSchema = z.array(CreditPatternSchema);

/** Descriptions seen on real invoices and in AWS's documentation of each program. */
export const DEFAULT_CREDIT_PATTERNS: readonly CreditPattern[] = [
  { program: 'edp', pattern: '\\bEDP\\b|Enterprise Discount Program|Enterprise Agreement Discount' },
  { program: 'data-egress-waiver', pattern: 'egress|data transfer out waiver|DTO waiver' },
  { program: 'apn-partner-accelerator', pattern: '\\bAPN\\b|Partner Accelerat|Migration Acceleration|\\bMAP\\b' },
  { program: 'solution-provider-program', pattern: '\\bSPP\\b|Solution Provider' },
];

/** The program a description belongs to, or null (unclassified): the first matching pattern wins. */
export function classifyCredit(
  description: string,
  patterns: readonly CreditPattern[],
  compiled: ReadonlyMap<CreditPattern, RegExp> = compile(patterns),
): CreditProgram | null {
  for (const p of patterns) if (compiled.get(p)?.test(description) === true) return p.program;
  return null;
}

export function compile(patterns: readonly CreditPattern[]): Map<CreditPattern, RegExp> {
  return new Map(patterns.map((p) => [p, new RegExp(p.pattern, 'i')]));
}
