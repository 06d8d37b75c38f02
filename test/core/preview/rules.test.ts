/**
 * Each rule's effect on small hand-built CURs, the expected charges worked out by hand in the
 * comments. Money is written as decimal text and compared exactly (bigint units).
 */
import type { LineItemObject } from '../../../src/core/preview/objects';
import { discount } from '../../../src/core/rules/discount';
import { enrollmentOf, moneyOf, oneWorkflow, previewOf, subset } from './helpers';

const A = '111111111111';
const B = '222222222222';
const P = '333333333333'; // buys the commitments
const riArn = (account: string) => `arn:aws:ec2:us-east-1:${account}:reserved-instances/ri-${account}`;
const spArn = (account: string) => `arn:aws:savingsplans::${account}:savingsplan/sp-${account}`;

const base = {
  payerAccountId: '999999999999',
  billingPeriodStart: '2025-06-01T00:00:00Z',
  productCode: 'AmazonEC2',
} as const;
const row = (fields: LineItemObject): LineItemObject => ({ ...base, usageAccountId: A, ...fields });

/** The final charge of subset S, as decimal text with cents. */
const stagesOf = (rows: readonly LineItemObject[], steps: { rule: string; parameters: unknown }[], accounts = [A]) => {
  const s = subset(previewOf(oneWorkflow(steps, accounts), rows));
  return { before: s.before, after: s.after, final: s.final };
};

describe('no-billing-rules', () => {
  it('leaves every charge as it is', () => {
    const rows = [
      row({ lineItemType: 'Usage', unblendedCost: '10' }),
      row({ lineItemType: 'Tax', unblendedCost: '1.5' }),
    ];
    const s = stagesOf(rows, [{ rule: 'no-billing-rules', parameters: {} }]);
    expect(s.before).toBe(moneyOf('11.5'));
    expect(s.final).toBe(moneyOf('11.5'));
  });
});

describe('remove-taxes', () => {
  it('drops the Tax rows only', () => {
    // 10 usage + 1.5 tax + 0.25 tax → 10
    const rows = [
      row({ lineItemType: 'Usage', unblendedCost: '10' }),
      row({ lineItemType: 'Tax', unblendedCost: '1.5' }),
      row({ lineItemType: 'Tax', unblendedCost: '0.25', productCode: 'AWSLambda' }),
    ];
    const s = stagesOf(rows, [{ rule: 'remove-taxes', parameters: {} }]);
    expect(s.before).toBe(moneyOf('11.75'));
    expect(s.final).toBe(moneyOf('10'));
  });
});

describe('replace-ri-discount', () => {
  const rows = [
    // RI-covered usage: unblended 0, public on-demand 4 (bought by P) and 3 (bought by B)
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '4', reservationArn: riArn(P) }),
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '3', reservationArn: riArn(B) }),
    row({ lineItemType: 'RIFee', unblendedCost: '2', reservationArn: riArn(P) }),
    row({ lineItemType: 'Usage', unblendedCost: '5', publicOnDemandCost: '5' }),
  ];
  it('reprices RI-covered usage at public on-demand, for any purchaser', () => {
    // 0 + 0 + 2 + 5 = 7 → 4 + 3 + 2 + 5 = 14 (the RIFee stays)
    const s = stagesOf(rows, [{ rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } }]);
    expect(s.before).toBe(moneyOf('7'));
    expect(s.final).toBe(moneyOf('14'));
  });
  it('only for the listed purchasers, read from the ARN', () => {
    // only P's RI: 4 + 0 + 2 + 5 = 11
    const s = stagesOf(rows, [{ rule: 'replace-ri-discount', parameters: { purchasedBy: [P] } }]);
    expect(s.final).toBe(moneyOf('11'));
  });
});

describe('replace-sp-discount', () => {
  const rows = [
    // legacy CUR: covered usage billed at on-demand 6, negated by -6; the plan's fee sits with P
    row({
      lineItemType: 'SavingsPlanCoveredUsage',
      unblendedCost: '6',
      publicOnDemandCost: '6',
      savingsPlanArn: spArn(P),
    }),
    row({ lineItemType: 'SavingsPlanNegation', unblendedCost: '-6', savingsPlanArn: spArn(P) }),
    row({
      lineItemType: 'SavingsPlanCoveredUsage',
      unblendedCost: '2',
      publicOnDemandCost: '2',
      savingsPlanArn: spArn(B),
    }),
    row({ lineItemType: 'SavingsPlanNegation', unblendedCost: '-2', savingsPlanArn: spArn(B) }),
  ];
  it('drops the negation rows of plans bought by the listed accounts', () => {
    // before 0; P's negation dropped: 6 + 0 + 2 - 2 = 6
    const s = stagesOf(rows, [{ rule: 'replace-sp-discount', parameters: { purchasedBy: [P] } }]);
    expect(s.before).toBe(0n);
    expect(s.final).toBe(moneyOf('6'));
  });
  it('drops every negation for any purchaser', () => {
    const s = stagesOf(rows, [{ rule: 'replace-sp-discount', parameters: { purchasedBy: 'any' } }]);
    expect(s.final).toBe(moneyOf('8'));
  });
});

describe('retain-discounts', () => {
  // S = {A, P}, T = {B}. A uses an RI bought by P (same subset) and one bought by B (other subset).
  const enrollment = (parameters: unknown) =>
    enrollmentOf(
      [
        { name: 'S', workflow: 'W', accounts: [A, P] },
        { name: 'T', workflow: 'W', accounts: [B] },
      ],
      { W: [{ rule: 'retain-discounts', parameters }] },
    );
  const rows = [
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '4', reservationArn: riArn(P) }),
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '3', reservationArn: riArn(B) }),
    row({
      lineItemType: 'SavingsPlanCoveredUsage',
      unblendedCost: '5',
      publicOnDemandCost: '5',
      savingsPlanArn: spArn(B),
    }),
    row({ lineItemType: 'SavingsPlanNegation', unblendedCost: '-5', savingsPlanArn: spArn(B) }),
    row({
      usageAccountId: B,
      lineItemType: 'DiscountedUsage',
      unblendedCost: '0',
      publicOnDemandCost: '7',
      reservationArn: riArn(P),
    }),
  ];
  it('keeps the discount bought and used inside subset S, replaces the rest', () => {
    // S: P's RI kept (0), B's RI replaced (3), B's plan replaced (5 + 0) → 8. T is not listed: B's
    // use of P's RI is replaced (7).
    const result = previewOf(enrollment({ commitments: ['ri', 'sp'], subsets: ['S'] }), rows);
    expect(subset(result, 'S').final).toBe(moneyOf('8'));
    expect(subset(result, 'T').final).toBe(moneyOf('7'));
  });
  it('keeps discounts within the listed accounts', () => {
    // accounts [A, B]: A's use of B's RI and plan kept (0 and 5 - 5); A's use of P's RI replaced (4)
    const result = previewOf(enrollment({ commitments: ['ri', 'sp'], accounts: [A, B] }), rows);
    expect(subset(result, 'S').final).toBe(moneyOf('4'));
    expect(subset(result, 'T').final).toBe(moneyOf('7'));
  });
  it('touches only the commitments listed', () => {
    // ri only: S = 0 + 3 + (5 - 5) = 3
    const result = previewOf(enrollment({ commitments: ['ri'], subsets: ['S'] }), rows);
    expect(subset(result, 'S').final).toBe(moneyOf('3'));
  });
});

describe('remove-credits', () => {
  const rows = [
    row({ lineItemType: 'Usage', unblendedCost: '100' }),
    row({ lineItemType: 'EdpDiscount', unblendedCost: '-3', description: 'Enterprise Program Discount' }),
    row({ lineItemType: 'Credit', unblendedCost: '-10', description: 'AWS Credit - Data Transfer Out egress waiver' }),
    row({ lineItemType: 'Credit', unblendedCost: '-20', description: 'APN Partner Accelerator credit' }),
    row({ lineItemType: 'Credit', unblendedCost: '-7', description: 'Promotional credit XYZ' }),
    row({ lineItemType: 'Refund', unblendedCost: '-4', description: 'Refund for an outage' }),
    row({ lineItemType: 'SppDiscount', unblendedCost: '-1', description: 'SPP discount' }),
  ];
  it('drops the chosen programs and refunds, and says the split is approximate', () => {
    // before 100 - 3 - 10 - 20 - 7 - 4 - 1 = 55; drop EDP (3), egress (10), refunds (4) → 72
    const result = previewOf(
      oneWorkflow([{ rule: 'remove-credits', parameters: { programs: ['edp', 'data-egress-waiver'], refunds: true } }]),
      rows,
    );
    const s = subset(result);
    expect(s.before).toBe(moneyOf('55'));
    expect(s.final).toBe(moneyOf('72'));
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('approximate');
    const unclassified = result.notes.find((n) => n.code === 'credits-unclassified');
    expect(unclassified?.message).toMatch(/1 credit line items \(-7\.00\) match no program pattern/);
  });
  it('"other" removes the unclassified credits; refunds stay when refunds is false', () => {
    // drop APN (20) and other (7): 55 + 27 = 82
    const s = stagesOf(rows, [
      { rule: 'remove-credits', parameters: { programs: ['apn-partner-accelerator', 'other'], refunds: false } },
    ]);
    expect(s.final).toBe(moneyOf('82'));
  });
  it('the Solution Provider Program line type', () => {
    const s = stagesOf(rows, [
      { rule: 'remove-credits', parameters: { programs: ['solution-provider-program'], refunds: false } },
    ]);
    expect(s.final).toBe(moneyOf('56'));
  });
  it('an edited pattern table reclassifies the credits', () => {
    // "Promotional" counted as EDP: drop EDP line (3) and the promotional credit (7) → 65
    const result = previewOf(
      oneWorkflow([{ rule: 'remove-credits', parameters: { programs: ['edp'], refunds: false } }]),
      rows,
      { creditPatterns: [{ program: 'edp', pattern: 'promotional' }] },
    );
    expect(subset(result).final).toBe(moneyOf('65'));
  });
});

describe('ri-cost-sharing', () => {
  // A uses 10 RI hours: effective 6 = amortized up-front 4 + recurring 2. P bought the RI: its
  // RIFee row bills the recurring fee 3 for the month (unused recurring 1, unused up-front 2), and
  // the up-front payment 50 sits in a Fee row.
  const rows = [
    row({
      lineItemType: 'DiscountedUsage',
      unblendedCost: '0',
      reservationArn: riArn(P),
      riEffectiveCost: '6',
      riAmortizedUpfrontCostForUsage: '4',
      riRecurringFeeForUsage: '2',
    }),
    row({
      usageAccountId: P,
      lineItemType: 'RIFee',
      unblendedCost: '3',
      reservationArn: riArn(P),
      riUnusedRecurringFee: '1',
      riUnusedAmortizedUpfrontFee: '2',
    }),
    row({ usageAccountId: P, lineItemType: 'Fee', unblendedCost: '50', reservationArn: riArn(P) }),
    row({ usageAccountId: P, lineItemType: 'Fee', unblendedCost: '9', description: 'Support fee' }),
  ];
  const run = (basis: string) =>
    previewOf(oneWorkflow([{ rule: 'ri-cost-sharing', parameters: { basis } }], [A, P]), rows);
  const of = (result: ReturnType<typeof run>, account: string) =>
    subset(result).accounts.find((a) => a.accountId === account)!.after[0]!;
  it('effective: the user pays the effective cost, the purchaser the unused fees', () => {
    const result = run('effective');
    expect(of(result, A)).toBe(moneyOf('6'));
    // P: RIFee → 2 + 1 = 3; the up-front Fee is spread over usage → 0; the support fee stays (9)
    expect(of(result, P)).toBe(moneyOf('12'));
  });
  it('amortized-upfront: the user pays the up-front part; the purchaser its recurring fee and unused up-front', () => {
    const result = run('amortized-upfront');
    expect(of(result, A)).toBe(moneyOf('4'));
    expect(of(result, P)).toBe(moneyOf('14')); // 3 + 2, Fee 0, support 9
  });
  it('recurring: the user pays the recurring part; the purchaser the unused recurring fee and the up-front', () => {
    const result = run('recurring');
    expect(of(result, A)).toBe(moneyOf('2'));
    expect(of(result, P)).toBe(moneyOf('60')); // 1 + 50 + 9
  });
});

describe('sp-cost-sharing', () => {
  // A's covered usage: on-demand 10, plan effective cost 7. P's plan: commitment this month 8 (of
  // which recurring 6, amortized up-front 2), used 7.
  const rows = [
    row({
      lineItemType: 'SavingsPlanCoveredUsage',
      unblendedCost: '10',
      publicOnDemandCost: '10',
      savingsPlanArn: spArn(P),
      spEffectiveCost: '7',
    }),
    row({ lineItemType: 'SavingsPlanNegation', unblendedCost: '-10', savingsPlanArn: spArn(P) }),
    row({
      usageAccountId: P,
      lineItemType: 'SavingsPlanRecurringFee',
      unblendedCost: '6',
      savingsPlanArn: spArn(P),
      spTotalCommitmentToDate: '8',
      spUsedCommitment: '7',
      spRecurringCommitment: '6',
      spAmortizedUpfrontCommitment: '2',
    }),
    row({ usageAccountId: P, lineItemType: 'SavingsPlanUpfrontFee', unblendedCost: '24', savingsPlanArn: spArn(P) }),
  ];
  const run = (basis: string, batchSize?: number) =>
    previewOf(
      oneWorkflow([{ rule: 'sp-cost-sharing', parameters: { basis } }], [A, P]),
      rows,
      batchSize === undefined ? {} : { batchSize },
    );
  const of = (result: ReturnType<typeof run>, account: string) =>
    subset(result).accounts.find((a) => a.accountId === account)!.after[0]!;
  it('effective (exact): the user pays 7, the purchaser the unused commitment 1', () => {
    const result = run('effective');
    expect(of(result, A)).toBe(moneyOf('7'));
    expect(of(result, P)).toBe(moneyOf('1')); // recurring row → 8 - 7; up-front fee → 0
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('exact');
  });
  it('recurring (approximate): split by the plan ratio 6 : 2, read in a first pass even when the fee row comes last', () => {
    // user: 7 × 6/8 = 5.25; purchaser: 6 × (1 - 7/8) = 0.75 plus the up-front 24 it keeps
    const result = run('recurring', 1);
    expect(of(result, A)).toBe(moneyOf('5.25'));
    expect(of(result, P)).toBe(moneyOf('24.75'));
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('approximate');
    expect(result.notes.map((n) => n.code)).toContain('sp-split-by-ratio');
  });
  it('amortized-upfront: user 7 × 2/8 = 1.75; purchaser 6 + 2 × 1/8 = 6.25, up-front fee spread', () => {
    const result = run('amortized-upfront');
    expect(of(result, A)).toBe(moneyOf('1.75'));
    expect(of(result, P)).toBe(moneyOf('6.25'));
  });
});

describe('remove-volume-discounts', () => {
  const rows = [
    // free tier: rate 0, public rate 0.0000004 × 1,000,000 requests = 0.40
    row({
      lineItemType: 'Usage',
      unblendedCost: '0',
      unblendedRate: '0',
      publicOnDemandRate: '0.0000004',
      publicOnDemandCost: '0.4',
      pricingTerm: 'OnDemand',
    }),
    // tiered: billed 0.021 × 100 = 2.10, top rate 0.023 × 100 = 2.30
    row({
      lineItemType: 'Usage',
      unblendedCost: '2.1',
      unblendedRate: '0.021',
      publicOnDemandRate: '0.023',
      publicOnDemandCost: '2.3',
      pricingTerm: 'OnDemand',
    }),
    // a reserved row and an RI volume discount
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '5', pricingTerm: 'Reserved' }),
    row({ lineItemType: 'RiVolumeDiscount', unblendedCost: '-0.5' }),
  ];
  const run = (mode: string) => stagesOf(rows, [{ rule: 'remove-volume-discounts', parameters: { mode } }]);
  it('top-rate-free-usage: only the free-tier row moves to the public rate', () => {
    // 0 + 2.1 + 0 - 0.5 = 1.6 → 0.4 + 2.1 - 0.5 = 2.0
    const s = run('top-rate-free-usage');
    expect(s.before).toBe(moneyOf('1.6'));
    expect(s.final).toBe(moneyOf('2.0'));
  });
  it('top-rate-all-usage: every on-demand usage row at the top rate', () => {
    expect(run('top-rate-all-usage').final).toBe(moneyOf('2.2')); // 0.4 + 2.3 + 0 - 0.5
  });
  it('remove-ri-volume-discounts: drops the RiVolumeDiscount rows', () => {
    expect(run('remove-ri-volume-discounts').final).toBe(moneyOf('2.1'));
  });
});

describe('uplift and discount', () => {
  // 2025-06-03 is a Tuesday; 2025-06-04 a Wednesday; 2024-06-04 a Tuesday of an even year.
  const at = (day: string) => ({ usageStartDate: `${day}T10:00:00Z`, usageEndDate: `${day}T11:00:00Z` });
  const rows = [
    row({ lineItemType: 'Usage', unblendedCost: '100', region: 'us-east-1', ...at('2025-06-03') }),
    row({ lineItemType: 'Usage', unblendedCost: '50', region: 'us-east-2', ...at('2025-06-04') }),
    row({ lineItemType: 'Usage', unblendedCost: '40', region: 'eu-west-1', ...at('2025-06-03') }),
    row({
      lineItemType: 'Usage',
      unblendedCost: '30',
      region: 'us-east-1',
      productCode: 'AmazonRDS',
      ...at('2025-06-03'),
    }),
    row({ lineItemType: 'Usage', unblendedCost: '20', region: 'global', ...at('2025-07-01') }),
    row({ lineItemType: 'Tax', unblendedCost: '10', ...at('2025-06-03') }),
    row({ lineItemType: 'Credit', unblendedCost: '-5', ...at('2025-06-03') }),
  ];
  it('uplift p% on every charge, not on taxes or credits', () => {
    // charges 100 + 50 + 40 + 30 + 20 = 240 → × 1.03 = 247.20; + 10 - 5
    const s = stagesOf(rows, [{ rule: 'uplift', parameters: { percent: 3 } }]);
    expect(s.before).toBe(moneyOf('245'));
    expect(s.final).toBe(moneyOf('252.2'));
  });
  it("the seed's Tuesday rule: EC2, us-east-*, Tuesdays, June to August, odd years", () => {
    // only the first row: 100 × 0.98 = 98 → 245 - 2 = 243
    const s = stagesOf(rows, [
      // The rule module's example is the seed's rule: 2% off AmazonEC2 in us-east-*, on Tuesdays
      // of June, July and August of odd-numbered years.
      { rule: 'discount', parameters: discount.example },
    ]);
    expect(s.final).toBe(moneyOf('243'));
  });
  it('an even-year condition does not match 2025; a year list does', () => {
    const even = stagesOf(rows, [{ rule: 'uplift', parameters: { percent: 10, when: { years: 'even' } } }]);
    expect(even.final).toBe(moneyOf('245'));
    const listed = stagesOf(rows, [
      { rule: 'uplift', parameters: { percent: 10, when: { years: [2025], months: [7] } } },
    ]);
    expect(listed.final).toBe(moneyOf('247')); // 20 × 1.1 = 22
  });
  it('a region condition never matches "global"; an account condition narrows to the account', () => {
    const region = stagesOf(rows, [{ rule: 'uplift', parameters: { percent: 10, when: { regions: ['eu-west-1'] } } }]);
    expect(region.final).toBe(moneyOf('249')); // 40 → 44
    const two = stagesOf(
      [...rows, row({ usageAccountId: B, lineItemType: 'Usage', unblendedCost: '1000', ...at('2025-06-03') })],
      [{ rule: 'uplift', parameters: { percent: 10, when: { accounts: [B] } } }],
      [A, B],
    );
    expect(two.final).toBe(moneyOf('1345')); // 245 + 1100
  });
  it('refuses a weekday on rows that span more than one day (a monthly CUR), and says so', () => {
    const monthly = [
      row({
        lineItemType: 'Usage',
        unblendedCost: '100',
        usageStartDate: '2025-06-01T00:00:00Z',
        usageEndDate: '2025-07-01T00:00:00Z',
      }),
    ];
    const result = previewOf(
      oneWorkflow([{ rule: 'discount', parameters: { percent: 50, when: { daysOfWeek: ['sun'] } } }]),
      monthly,
    );
    expect(subset(result).final).toBe(moneyOf('100'));
    expect(result.notes.find((n) => n.code === 'weekday-needs-granularity')?.message).toMatch(/1 line items/);
  });
  it('steps run in order: remove taxes, then uplift', () => {
    const s = stagesOf(rows, [
      { rule: 'remove-taxes', parameters: {} },
      { rule: 'uplift', parameters: { percent: 3 } },
    ]);
    expect(s.after).toEqual([moneyOf('235'), moneyOf('242.2')]);
  });
});

describe('savings-fee', () => {
  const rows = [
    // RI savings 10 - 6 = 4; Savings Plan savings 20 - 15 = 5 → 9 for A
    row({ lineItemType: 'DiscountedUsage', unblendedCost: '0', publicOnDemandCost: '10', riEffectiveCost: '6' }),
    row({
      lineItemType: 'SavingsPlanCoveredUsage',
      unblendedCost: '20',
      publicOnDemandCost: '20',
      spEffectiveCost: '15',
    }),
    row({ lineItemType: 'SavingsPlanNegation', unblendedCost: '-20' }),
    row({ usageAccountId: B, lineItemType: 'Usage', unblendedCost: '3', publicOnDemandCost: '3' }),
  ];
  it('percent of savings: a fee line of p% of each account’s savings, none without savings', () => {
    const result = previewOf(
      oneWorkflow([{ rule: 'savings-fee', parameters: { mode: 'percent-of-savings', percent: 20 } }], [A, B]),
      rows,
    );
    const s = subset(result);
    const fees = s.lines.filter((l) => l.service === 'Savings fee');
    expect(fees).toHaveLength(1);
    expect(fees[0]!.accountId).toBe(A);
    expect(fees[0]!.after[0]).toBe(moneyOf('1.8')); // 20% of 9
    expect(s.final).toBe(s.before + moneyOf('1.8'));
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('approximate');
  });
  it('flat per subset: one fee; per account: one per account with line items', () => {
    const perSubset = previewOf(
      oneWorkflow([{ rule: 'savings-fee', parameters: { mode: 'flat', amount: 99.5, per: 'subset' } }], [A, B]),
      rows,
    );
    expect(subset(perSubset).final - subset(perSubset).before).toBe(moneyOf('99.5'));
    const perAccount = previewOf(
      oneWorkflow([{ rule: 'savings-fee', parameters: { mode: 'flat', amount: 10, per: 'account' } }], [A, B, P]),
      rows,
    );
    expect(subset(perAccount).final - subset(perAccount).before).toBe(moneyOf('20')); // P has no line items
  });
  it('a fee added by an early step is not uplifted by a later one', () => {
    const result = previewOf(
      oneWorkflow(
        [
          { rule: 'savings-fee', parameters: { mode: 'flat', amount: 100, per: 'subset' } },
          { rule: 'uplift', parameters: { percent: 10 } },
        ],
        [A, B],
      ),
      rows,
    );
    // charges 0 + 20 - 20 + 3 = 3 → 3.3; fee 100 unchanged
    expect(subset(result).after).toEqual([moneyOf('103'), moneyOf('103.3')]);
  });
});

describe('custom', () => {
  it('is shown as not computed and leaves the charge', () => {
    const result = previewOf(
      oneWorkflow([{ rule: 'custom', parameters: { description: 'Charge support by usage' } }]),
      [row({ lineItemType: 'Usage', unblendedCost: '10' })],
    );
    expect(subset(result).final).toBe(moneyOf('10'));
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('not-computed');
    expect(result.notes.map((n) => n.code)).toContain('custom-not-computed');
  });
});

describe('missing columns', () => {
  it('a step whose columns are absent is not computed, and one warning names the column and the rules', () => {
    const rows = [row({ lineItemType: 'DiscountedUsage', unblendedCost: '0' })]; // no publicOnDemandCost
    const result = previewOf(
      oneWorkflow(
        [
          { rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } },
          { rule: 'retain-discounts', parameters: { commitments: ['ri'], subsets: ['S'] } },
        ].slice(0, 1),
      ),
      rows,
    );
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('not-computed');
    const missing = result.notes.filter((n) => n.code === 'column-missing');
    expect(missing.map((n) => n.message)).toEqual([
      'The CUR has no pricing/publicOnDemandCost column, so replace-ri-discount cannot be computed; those steps leave the charge unchanged.',
    ]);
  });
});
