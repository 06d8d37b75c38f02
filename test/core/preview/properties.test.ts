/**
 * Properties of the engine over random CURs: no rule changes the charge of rows it does not
 * touch; the before total is the exact sum of the costs; batching does not change the result.
 */
import fc from 'fast-check';
import { RULES, type RuleModule } from '../../../src/core/rules';
import type { LineItemObject } from '../../../src/core/preview/objects';
import { moneyOf, oneWorkflow, previewOf, subset } from './helpers';

const USER = '111111111111';
const UNTOUCHED = '222222222222';
const P = '333333333333';

const TYPES = [
  'Usage',
  'DiscountedUsage',
  'RIFee',
  'Fee',
  'SavingsPlanCoveredUsage',
  'SavingsPlanNegation',
  'SavingsPlanRecurringFee',
  'SavingsPlanUpfrontFee',
  'Credit',
  'Refund',
  'Tax',
  'EdpDiscount',
  'SppDiscount',
  'BundledDiscount',
  'RiVolumeDiscount',
  'PrivateRateDiscount',
] as const;
type Type = (typeof TYPES)[number];
const CHARGES: readonly Type[] = [
  'Usage',
  'DiscountedUsage',
  'RIFee',
  'Fee',
  'SavingsPlanCoveredUsage',
  'SavingsPlanNegation',
  'SavingsPlanRecurringFee',
  'SavingsPlanUpfrontFee',
];

/** The line types each rule may change (docs/preview.md); every other type must keep its charge. */
const TOUCHES: Record<string, readonly Type[]> = {
  'no-billing-rules': [],
  'replace-ri-discount': ['DiscountedUsage'],
  'replace-sp-discount': ['SavingsPlanCoveredUsage', 'SavingsPlanNegation'],
  'retain-discounts': ['DiscountedUsage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation'],
  'remove-credits': ['Credit', 'Refund', 'EdpDiscount', 'SppDiscount'],
  'remove-taxes': ['Tax'],
  'ri-cost-sharing': ['DiscountedUsage', 'RIFee', 'Fee'],
  'sp-cost-sharing': [
    'SavingsPlanCoveredUsage',
    'SavingsPlanNegation',
    'SavingsPlanRecurringFee',
    'SavingsPlanUpfrontFee',
  ],
  'remove-volume-discounts': ['Usage', 'RiVolumeDiscount'],
  uplift: CHARGES,
  discount: CHARGES,
  'savings-fee': [],
  custom: [],
};

const cents = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => (c / 100).toFixed(2));

const lineItem = (types: readonly Type[]) =>
  fc.record({
    lineItemType: fc.constantFrom(...types),
    unblendedCost: cents,
    publicOnDemandCost: cents,
    riEffectiveCost: cents,
    spEffectiveCost: cents,
    riUnusedRecurringFee: cents,
    riUnusedAmortizedUpfrontFee: cents,
    spTotalCommitmentToDate: cents,
    spUsedCommitment: cents,
    unblendedRate: fc.constantFrom('0', '0.5'),
    publicOnDemandRate: fc.constantFrom('0', '0.7'),
    pricingTerm: fc.constantFrom('OnDemand', 'Reserved', ''),
    description: fc.constantFrom('EDP discount', 'AWS egress waiver', 'Promo', 'Refund'),
    productCode: fc.constantFrom('AmazonEC2', 'AmazonS3'),
    region: fc.constantFrom('us-east-1', 'eu-west-1', 'global'),
  });

const rulesUnderTest = (RULES as readonly RuleModule[]).filter((r) => r.id !== 'savings-fee');

describe('no rule changes the sum of rows it does not touch', () => {
  for (const rule of rulesUnderTest) {
    it(rule.id, () => {
      const untouched = TYPES.filter((t) => !(TOUCHES[rule.id] ?? []).includes(t));
      const touched = TOUCHES[rule.id]!.length > 0 ? TOUCHES[rule.id]! : TYPES;
      fc.assert(
        fc.property(
          fc.array(lineItem(touched), { maxLength: 20 }),
          fc.array(lineItem(untouched.length > 0 ? untouched : TYPES), { maxLength: 20 }),
          (mine, others) => {
            const rows: LineItemObject[] = [
              ...mine.map((r) => ({
                ...r,
                usageAccountId: USER,
                reservationArn: `arn:aws:ec2:us-east-1:${P}:reserved-instances/x`,
                savingsPlanArn: `arn:aws:savingsplans::${P}:savingsplan/x`,
              })),
              ...others.map((r) => ({
                ...r,
                usageAccountId: UNTOUCHED,
                reservationArn: `arn:aws:ec2:us-east-1:${P}:reserved-instances/x`,
                savingsPlanArn: `arn:aws:savingsplans::${P}:savingsplan/x`,
              })),
            ];
            const result = previewOf(
              oneWorkflow([{ rule: rule.id, parameters: rule.example }], [USER, UNTOUCHED, P]),
              rows,
            );
            const account = subset(result).accounts.find((a) => a.accountId === UNTOUCHED);
            if (untouched.length === 0 || account === undefined) return;
            const expected = others.reduce((s, r) => s + moneyOf(r.unblendedCost), 0n);
            expect(account.before).toBe(expected);
            for (const after of account.after) expect(after).toBe(expected);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('the engine', () => {
  const workflow = [
    { rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } },
    { rule: 'remove-credits', parameters: { programs: ['edp', 'other'], refunds: true } },
    { rule: 'remove-taxes', parameters: {} },
    { rule: 'uplift', parameters: { percent: 2.5, when: { services: ['AmazonEC2'] } } },
  ];
  it('before is the exact sum of the costs, and no batching changes any figure', () => {
    fc.assert(
      fc.property(
        fc.array(lineItem(TYPES), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (items, size) => {
          const rows = items.map((r, i) => ({ ...r, usageAccountId: i % 3 === 0 ? UNTOUCHED : USER }));
          const whole = previewOf(oneWorkflow(workflow, [USER, UNTOUCHED]), rows);
          const split = previewOf(oneWorkflow(workflow, [USER, UNTOUCHED]), rows, { batchSize: size });
          expect(whole.total.before).toBe(rows.reduce((s, r) => s + moneyOf(r.unblendedCost), 0n));
          expect(split.subsets).toEqual(whole.subsets);
          expect(split.total).toEqual(whole.total);
        },
      ),
      { numRuns: 80 },
    );
  });
});
