import { z } from 'zod';
import { custom } from './custom';
import { discount } from './discount';
import { noBillingRules } from './no-billing-rules';
import { removeCredits } from './remove-credits';
import { removeTaxes } from './remove-taxes';
import { removeVolumeDiscounts } from './remove-volume-discounts';
import { replaceRiDiscount } from './replace-ri-discount';
import { replaceSpDiscount } from './replace-sp-discount';
import { retainDiscounts } from './retain-discounts';
import { riCostSharing } from './ri-cost-sharing';
import type { RuleModule } from './rule';
import { savingsFee } from './savings-fee';
import { spCostSharing } from './sp-cost-sharing';
import { uplift } from './uplift';

export type { RuleContext, RuleGroup, RuleModule } from './rule';
export type { Conditions } from './conditions';

/** The billing rule catalog, in the contract's order. Adding a rule: a module, and a line here. */
export const RULES = [
  noBillingRules,
  replaceRiDiscount,
  replaceSpDiscount,
  retainDiscounts,
  removeCredits,
  removeTaxes,
  riCostSharing,
  spCostSharing,
  removeVolumeDiscounts,
  uplift,
  discount,
  savingsFee,
  custom,
] as const;

export type RuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

const BY_ID: ReadonlyMap<string, RuleModule> = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, exactly as the catalog spells it; undefined for anything else. */
export function ruleById(id: string): RuleModule | undefined {
  return BY_ID.get(id);
}

/** `{ rule, parameters }` of one module, with its literal id and parameter schema kept in the type. */
type StepSchemaOf<M> =
  M extends RuleModule<infer Id, infer S>
    ? z.ZodObject<{ rule: z.ZodLiteral<Id>; parameters: S }, z.core.$strict>
    : never;
// Homomorphic over a type parameter, so the tuple stays a tuple (discriminatedUnion needs one).
type StepSchemasOf<T extends readonly unknown[]> = { [K in keyof T]: StepSchemaOf<T[K]> };
type StepSchemas = StepSchemasOf<typeof RULES>;

// `map` forgets that RULES is a tuple; the mapped type above restores what it produces.
const stepSchemas = RULES.map((rule) =>
  z.strictObject({ rule: z.literal(rule.id), parameters: rule.schema }),
) as unknown as StepSchemas;

/** One step of a billing workflow: a rule id and its parameters, checked by that rule's schema. */
export const StepSchema = z.discriminatedUnion('rule', stepSchemas, {
  error: (issue) =>
    issue.code === 'invalid_union' ? `must be one of ${RULES.map((r) => `"${r.id}"`).join(', ')}` : undefined,
});

export type Step = z.infer<typeof StepSchema>;

/** The plain-English sentence for a parsed step (the `Details` column). */
export function describeStep(step: Step): string {
  const rule = ruleById(step.rule);
  if (rule === undefined) throw new Error(`describeStep: no rule "${step.rule}" in the catalog`);
  return rule.describe(step.parameters);
}
