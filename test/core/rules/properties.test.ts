import fc from 'fast-check';
import { nameKey } from '../../../src/core/ids';
import { describeStep, RULE_IDS, StepSchema } from '../../../src/core/rules';

/** Words that only a bug would put in a sentence (unless the input itself holds them, as free text may). */
const NOISE = ['undefined', 'NaN', 'null', '[object', 'Infinity'];

/** A sentence fit for the Details column. */
function expectSentence(text: string, input: unknown): void {
  expect(text.length).toBeGreaterThan(0);
  expect(text.trim()).toBe(text);
  const given = JSON.stringify(input);
  for (const word of NOISE) if (!given.includes(word)) expect(text).not.toContain(word);
}

/** Parses, and when the step is valid, describes it: neither may throw. */
function parseAndDescribe(value: unknown): boolean {
  const result = StepSchema.safeParse(value);
  if (result.success) expectSentence(describeStep(result.data), value);
  return result.success;
}

// Values that the parameters really use, so that random steps are sometimes valid.
const id12 = fc.stringMatching(/^\d{12}$/);
const plausible = fc.oneof(
  fc.constantFrom(
    'any',
    'odd',
    'even',
    'edp',
    'other',
    'ri',
    'sp',
    'effective',
    'recurring',
    'flat',
    'subset',
    'account',
  ),
  fc.constantFrom('percent-of-savings', 'top-rate-all-usage', 'top-rate-free-usage', 'remove-ri-volume-discounts'),
  fc.integer({ min: -5, max: 2200 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.array(fc.constantFrom('AmazonEC2', 'us-east-*', 'eu-west-1', 'tue', 'sun', 'edp', 'ri', 'sp', 'A', 'a '), {
    maxLength: 3,
  }),
  fc.array(fc.oneof(id12, fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1999, max: 2101 })), { maxLength: 3 }),
  fc.string(),
);
const KEYS = [
  'purchasedBy',
  'commitments',
  'subsets',
  'accounts',
  'programs',
  'refunds',
  'basis',
  'mode',
  'percent',
  'when',
  'amount',
  'per',
  'description',
  'services',
  'regions',
  'daysOfWeek',
  'months',
  'years',
];
const loose = fc.dictionary(fc.constantFrom(...KEYS), plausible, { maxKeys: 4 });
const whenLike = fc.dictionary(
  fc.constantFrom('services', 'regions', 'accounts', 'daysOfWeek', 'months', 'years'),
  plausible,
  {
    maxKeys: 4,
  },
);
const looseParams = fc.oneof(
  loose,
  fc.record(
    { percent: fc.oneof(fc.integer({ min: -1, max: 1001 }), fc.double()), when: whenLike },
    { requiredKeys: ['percent'] },
  ),
);

// Valid parameters, built for each rule.
const percent = (max: number) => fc.integer({ min: 1, max: max * 10_000 }).map((n) => Number((n / 10_000).toFixed(4)));
const distinct = <T>(arb: fc.Arbitrary<T>, maxLength = 4, key: (v: T) => string = (v) => JSON.stringify(v)) =>
  fc.uniqueArray(arb, { minLength: 1, maxLength, selector: key });
const conditions = fc
  .record(
    {
      services: distinct(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/)),
      regions: distinct(
        fc.constantFrom('us-east-1', 'eu-west-2', 'us-gov-west-1', 'us-east-*', 'eu-*', 'ap-southeast-1'),
      ),
      accounts: distinct(id12),
      daysOfWeek: distinct(fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
      months: distinct(fc.integer({ min: 1, max: 12 })),
      years: fc.oneof(fc.constantFrom('odd', 'even'), distinct(fc.integer({ min: 2000, max: 2100 }))),
    },
    { requiredKeys: [] },
  )
  .filter((when) => Object.keys(when).length > 0);
const validStep = fc.oneof(
  fc.constant({ rule: 'no-billing-rules', parameters: {} }),
  fc.constant({ rule: 'remove-taxes', parameters: {} }),
  ...['replace-ri-discount', 'replace-sp-discount'].map((rule) =>
    fc.record({
      rule: fc.constant(rule),
      parameters: fc.record({ purchasedBy: fc.oneof(fc.constant('any'), distinct(id12)) }),
    }),
  ),
  fc.record({
    rule: fc.constant('retain-discounts'),
    parameters: fc.record({
      commitments: distinct(fc.constantFrom('ri', 'sp')),
      subsets: distinct(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/), 4, nameKey),
      accounts: fc.uniqueArray(id12, { maxLength: 3 }),
    }),
  }),
  fc.record({
    rule: fc.constant('remove-credits'),
    parameters: fc.record({
      programs: distinct(
        fc.constantFrom('edp', 'data-egress-waiver', 'apn-partner-accelerator', 'solution-provider-program', 'other'),
        5,
      ),
      refunds: fc.boolean(),
    }),
  }),
  ...['ri-cost-sharing', 'sp-cost-sharing'].map((rule) =>
    fc.record({
      rule: fc.constant(rule),
      parameters: fc.record({ basis: fc.constantFrom('effective', 'amortized-upfront', 'recurring') }),
    }),
  ),
  fc.record({
    rule: fc.constant('remove-volume-discounts'),
    parameters: fc.record({
      mode: fc.constantFrom('top-rate-all-usage', 'top-rate-free-usage', 'remove-ri-volume-discounts'),
    }),
  }),
  ...(
    [
      ['uplift', 1000],
      ['discount', 100],
    ] as const
  ).map(([rule, max]) =>
    fc.record({
      rule: fc.constant(rule),
      parameters: fc.record({ percent: percent(max), when: conditions }, { requiredKeys: ['percent'] }),
    }),
  ),
  fc.record({
    rule: fc.constant('savings-fee'),
    parameters: fc.oneof(
      fc.record({ mode: fc.constant('percent-of-savings'), percent: percent(100) }),
      fc.record({
        mode: fc.constant('flat'),
        amount: fc.integer({ min: 1, max: 100_000_000 }).map((cents) => cents / 100),
        per: fc.constantFrom('subset', 'account'),
      }),
    ),
  }),
  fc.record({
    rule: fc.constant('custom'),
    parameters: fc.record({ description: fc.string({ minLength: 1 }).filter((s) => s.trim() !== '') }),
  }),
);

describe('StepSchema on arbitrary input', () => {
  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseAndDescribe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on steps with plausible but random parameters, and describes those it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...RULE_IDS), looseParams, (rule, parameters) => {
        if (parseAndDescribe({ rule, parameters })) accepted += 1;
      }),
      { numRuns: 3000 },
    );
    // The generator must reach describe, or the property says little.
    expect(accepted).toBeGreaterThan(10);
  });

  it('never throws on steps whose parameters are any JSON value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RULE_IDS), fc.jsonValue(), (rule, parameters) => {
        parseAndDescribe({ rule, parameters });
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts and describes every well-formed step', () => {
    fc.assert(
      fc.property(validStep, (step) => {
        expect(parseAndDescribe(step)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
