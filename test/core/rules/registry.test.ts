import { z } from 'zod';
import { CATALOG } from '../../../src/core/findings';
import { describeStep, RULE_IDS, RULES, ruleById, StepSchema, type RuleModule } from '../../../src/core/rules';

// Widened to the common shape, so that a rule's describe takes the output of its own schema.
const ALL: readonly RuleModule[] = RULES;
import { problems } from './helpers';

/** The contract's catalog, in its order. */
const CONTRACT_ORDER = [
  'no-billing-rules',
  'replace-ri-discount',
  'replace-sp-discount',
  'retain-discounts',
  'remove-credits',
  'remove-taxes',
  'ri-cost-sharing',
  'sp-cost-sharing',
  'remove-volume-discounts',
  'uplift',
  'discount',
  'savings-fee',
  'custom',
];

describe('registry', () => {
  it("holds the contract's rules in its order", () => {
    expect(RULE_IDS).toEqual(CONTRACT_ORDER);
    expect(RULES.map((r) => r.id)).toEqual(CONTRACT_ORDER);
  });

  it('has unique ids', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('finds rules by their exact id only', () => {
    for (const rule of RULES) expect(ruleById(rule.id)).toBe(rule);
    expect(ruleById('Uplift')).toBeUndefined();
    expect(ruleById(' uplift')).toBeUndefined();
    expect(ruleById('markup')).toBeUndefined();
    expect(ruleById('')).toBeUndefined();
    expect(ruleById('toString')).toBeUndefined();
  });

  it('excludes only known rules, both ways', () => {
    for (const rule of RULES) {
      for (const other of rule.excludes ?? []) {
        expect(RULE_IDS).toContain(other);
        expect(ruleById(other)?.excludes ?? []).toContain(rule.id);
      }
    }
  });

  it('places no-billing-rules alone and the percent rules last, nothing else', () => {
    const placed = Object.fromEntries(RULES.filter((r) => r.placement !== undefined).map((r) => [r.id, r.placement]));
    expect(placed).toEqual({ 'no-billing-rules': 'alone', uplift: 'last', discount: 'last' });
  });

  it.each(ALL.map((r) => [r.id, r] as const))(
    '%s has a title, a summary and a sentence in the house style',
    (_id, rule) => {
      for (const text of [rule.title, rule.summary, rule.describe(rule.schema.parse(rule.example))]) {
        expect(text.trim()).toBe(text);
        expect(text).toMatch(/^[A-Z]/);
        expect(text).not.toMatch(/\.$/);
        expect(text).not.toMatch(/undefined|NaN|\[object/);
      }
    },
  );

  it.each(ALL.map((r) => [r.id, r] as const))('%s exports a JSON Schema (for forms)', (_id, rule) => {
    expect(() => z.toJSONSchema(rule.schema, { io: 'input' })).not.toThrow();
  });

  it('uses only finding codes of the catalog in checks', () => {
    // Everything a check returns is built by `issue()`, so its code is in CATALOG by type; this
    // guards the two codes the rules rely on against a rename.
    expect(CATALOG['rule-subset-unknown'].severity).toBe('error');
    expect(CATALOG['rule-account-unknown'].severity).toBe('warning');
  });
});

describe('StepSchema', () => {
  it.each(ALL.map((r) => [r.id, r] as const))('accepts the example of %s', (id, rule) => {
    expect(problems(StepSchema, { rule: id, parameters: rule.example })).toEqual([]);
  });

  it('keeps the parsed parameters of the rule', () => {
    expect(
      StepSchema.parse({ rule: 'retain-discounts', parameters: { commitments: ['ri'], subsets: [' A '] } }),
    ).toEqual({
      rule: 'retain-discounts',
      parameters: { commitments: ['ri'], subsets: ['A'], accounts: [] },
    });
  });

  it.each([
    ['an unknown rule id', { rule: 'markup', parameters: {} }, 'rule'],
    ['a rule id in capitals', { rule: 'Uplift', parameters: { percent: 3 } }, 'rule'],
    ['a missing rule', { parameters: {} }, 'rule'],
    ['missing parameters', { rule: 'remove-taxes' }, 'parameters'],
    ['parameters as a JSON string', { rule: 'remove-taxes', parameters: '{}' }, 'parameters'],
    ["another rule's parameters", { rule: 'uplift', parameters: { mode: 'top-rate-all-usage' } }, 'parameters'],
    ['bad parameters', { rule: 'discount', parameters: { percent: 101 } }, 'parameters.percent'],
    ['an extra key', { rule: 'remove-taxes', parameters: {}, details: 'Remove taxes' }, ''],
    ['null', null, ''],
    ['a string', 'uplift', ''],
  ])('refuses %s', (_name, value, path) => {
    const found = problems(StepSchema, value);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((p) => p.slice(0, p.indexOf(': ')))).toContain(path);
  });

  it('lists the rule ids when one is unknown', () => {
    expect(problems(StepSchema, { rule: 'markup', parameters: {} })).toEqual([
      `rule: must be one of ${CONTRACT_ORDER.map((id) => `"${id}"`).join(', ')}`,
    ]);
  });
});

describe("the seed's example workflows", () => {
  const sentences = (steps: unknown[]) => steps.map((step) => describeStep(StepSchema.parse(step)));

  it('workflow 1', () => {
    expect(
      sentences([
        { rule: 'replace-ri-discount', parameters: { purchasedBy: ['123456789012'] } },
        { rule: 'replace-sp-discount', parameters: { purchasedBy: ['123456789012'] } },
        { rule: 'remove-credits', parameters: { programs: ['edp'], refunds: false } },
        { rule: 'uplift', parameters: { percent: 3 } },
      ]),
    ).toEqual([
      'Replace RI discount with public on-demand price when RIs are purchased by 123456789012',
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by 123456789012',
      'Remove EDP discount so it is not shared with the customer',
      'Uplift the price of all services by 3%',
    ]);
  });

  it('workflow 2', () => {
    expect(
      sentences([
        { rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } },
        { rule: 'remove-volume-discounts', parameters: { mode: 'top-rate-free-usage' } },
        {
          rule: 'discount',
          parameters: {
            percent: 2,
            when: {
              services: ['AmazonEC2'],
              regions: ['us-east-*'],
              daysOfWeek: ['tue'],
              months: [6, 7, 8],
              years: 'odd',
            },
          },
        },
      ]),
    ).toEqual([
      'Replace RI discount with public on-demand price when RIs are purchased by any account',
      'Replace free tier usage with the first billable rate',
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    ]);
  });
});

describe('describeStep', () => {
  it.each(ALL.map((r) => [r.id, r] as const))('describes the example of %s as the rule does', (id, rule) => {
    expect(describeStep(StepSchema.parse({ rule: id, parameters: rule.example }))).toBe(
      rule.describe(rule.schema.parse(rule.example)),
    );
  });
});
