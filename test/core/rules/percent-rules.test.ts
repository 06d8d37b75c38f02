import type { z } from 'zod';
import { discount } from '../../../src/core/rules/discount';
import { uplift } from '../../../src/core/rules/uplift';
import { A1, A2, checked, context, expectRefused, MGMT, problems, say } from './helpers';

describe.each([
  [uplift, 1000],
  [discount, 100],
])('$id parameters', (rule, max) => {
  it('its example parses', () => {
    expect(problems(rule.schema, rule.example)).toEqual([]);
  });

  it.each([
    { percent: 3 },
    { percent: 0.0001 },
    { percent: 2.5 },
    { percent: 12.3456 },
    { percent: max },
    { percent: 5, when: { services: ['AmazonEC2'] } },
    { percent: 5, when: { years: [2025, 2026] } },
  ])('accepts %j', (params) => {
    expect(problems(rule.schema, params)).toEqual([]);
  });

  it.each([
    ['missing percent', {}, 'percent'],
    ['zero', { percent: 0 }, 'percent'],
    ['negative', { percent: -3 }, 'percent'],
    ['above the maximum', { percent: max + 0.5 }, 'percent'],
    ['percent as text', { percent: '3' }, 'percent'],
    ['percent with a % sign', { percent: '3%' }, 'percent'],
    ['five decimal places', { percent: 1.00001 }, 'percent'],
    ['floating noise', { percent: 0.1 + 0.2 }, 'percent'],
    ['null percent', { percent: null }, 'percent'],
    ['unknown key', { percent: 3, services: ['AmazonEC2'] }, ''],
    ['empty when', { percent: 3, when: {} }, 'when'],
    ['when as a list', { percent: 3, when: [] }, 'when'],
    ['bad day in when', { percent: 3, when: { daysOfWeek: ['tues'] } }, 'when.daysOfWeek.0'],
    ['unknown condition', { percent: 3, when: { weekday: ['tue'] } }, 'when'],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(rule.schema, params, path);
  });

  it('says why a percent is refused', () => {
    expect(problems(rule.schema, { percent: 0 })).toEqual(['percent: must be greater than 0']);
    expect(problems(rule.schema, { percent: '3' })).toEqual([
      'percent: must be a number such as 3, without a % sign or quotes',
    ]);
    expect(problems(rule.schema, { percent: max + 1 })).toEqual([`percent: must be at most ${max}`]);
    expect(problems(rule.schema, { percent: 1.00001 })).toEqual(['percent: must have at most 4 decimal places']);
  });

  it('comes last', () => {
    expect(rule.placement).toBe('last');
    expect(rule.group).toBe('pricing');
    expect(rule.excludes).toBeUndefined();
  });

  it('flags condition accounts that are not known', () => {
    expect(checked(rule, { percent: 3, when: { accounts: [A1, A2] } }, context([], [A2]))).toEqual([
      { code: 'rule-account-unknown', args: { id: A1 } },
    ]);
    expect(checked(rule, { percent: 3, when: { accounts: [A1] } }, context([], null))).toEqual([]);
    expect(checked(rule, { percent: 3 }, context([], []))).toEqual([]);
  });
});

describe('percent sentences', () => {
  it("reads the seed's Tuesday rule exactly", () => {
    expect(
      say(discount, {
        percent: 2,
        when: { services: ['AmazonEC2'], regions: ['us-east-*'], daysOfWeek: ['tue'], months: [6, 7, 8], years: 'odd' },
      }),
    ).toBe(
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    );
  });

  it("reads the seed's uplift exactly", () => {
    expect(say(uplift, { percent: 3 })).toBe('Uplift the price of all services by 3%');
  });

  it.each([
    [{ percent: 2.5 }, 'Uplift the price of all services by 2.5%'],
    [{ percent: 0.0001 }, 'Uplift the price of all services by 0.0001%'],
    [{ percent: 1000 }, 'Uplift the price of all services by 1000%'],
    [{ percent: 3, when: { services: ['AmazonEC2', 'AmazonRDS'] } }, 'Uplift AmazonEC2 and AmazonRDS by 3%'],
    [
      { percent: 4, when: { accounts: [A1, A2] } },
      'Uplift the price of all services by 4% for accounts 111111111111 and 222222222222',
    ],
    [
      { percent: 5, when: { services: ['AWSLambda'], regions: ['us-east-1', 'eu-west-1'], years: [2025, 2027] } },
      'Uplift AWSLambda by 5% when usage occurs in us-east-1 and eu-west-1 regions in 2025 and 2027',
    ],
  ])('uplift %j', (params, text) => {
    expect(say(uplift, params)).toBe(text);
  });

  const discounts: [z.input<typeof discount.schema>, string][] = [
    [{ percent: 10 }, 'Discount the price of all services by 10%'],
    [{ percent: 100 }, 'Discount the price of all services by 100%'],
    [
      { percent: 7.25, when: { daysOfWeek: ['mon', 'fri'] } },
      'Discount the price of all services by 7.25% when usage occurs on Mondays and Fridays',
    ],
    [
      {
        percent: 1,
        when: { services: ['AmazonS3'], accounts: [MGMT], regions: ['us-gov-west-1'], months: [12], years: 'even' },
      },
      'Discount AmazonS3 by 1% for account 123456789012 when usage occurs in the us-gov-west-1 region in December of even-numbered years',
    ],
  ];
  it.each(discounts)('discount %j', (params, text) => {
    expect(say(discount, params)).toBe(text);
  });
});
