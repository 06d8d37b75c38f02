import { retainDiscounts } from '../../../src/core/rules/retain-discounts';
import { A1, A2, checked, context, expectRefused, MGMT, parsed, problems, say } from './helpers';

describe('retain-discounts parameters', () => {
  it('its example parses', () => {
    expect(parsed(retainDiscounts, retainDiscounts.example)).toEqual({
      commitments: ['ri', 'sp'],
      subsets: ['Customer A'],
      accounts: [],
    });
  });

  it.each([
    { commitments: ['ri'], subsets: ['Customer A'] },
    { commitments: ['sp'], accounts: [A1] },
    { commitments: ['sp', 'ri'], subsets: ['A', 'B'], accounts: [A1, A2] },
    { commitments: ['ri'], subsets: [], accounts: [A1] },
  ])('accepts %j', (params) => {
    expect(problems(retainDiscounts.schema, params)).toEqual([]);
  });

  it('defaults a missing list to empty and trims subset names', () => {
    expect(parsed(retainDiscounts, { commitments: ['ri'], subsets: ['  Customer A '] })).toEqual({
      commitments: ['ri'],
      subsets: ['Customer A'],
      accounts: [],
    });
  });

  it.each([
    ['no subsets nor accounts', { commitments: ['ri'] }, ''],
    ['both lists empty', { commitments: ['ri'], subsets: [], accounts: [] }, ''],
    ['missing commitments', { subsets: ['A'] }, 'commitments'],
    ['empty commitments', { commitments: [], subsets: ['A'] }, 'commitments'],
    ['unknown commitment', { commitments: ['ri', 'edp'], subsets: ['A'] }, 'commitments.1'],
    ['commitment in capitals', { commitments: ['RI'], subsets: ['A'] }, 'commitments.0'],
    ['duplicate commitment', { commitments: ['ri', 'ri'], subsets: ['A'] }, 'commitments'],
    ['commitments as a string', { commitments: 'ri', subsets: ['A'] }, 'commitments'],
    ['blank subset name', { commitments: ['ri'], subsets: ['  '] }, 'subsets.0'],
    ['subset as number', { commitments: ['ri'], subsets: [7] }, 'subsets.0'],
    [
      'same subset twice, told apart only by case and spaces',
      { commitments: ['ri'], subsets: ['Customer A', 'customer  a'] },
      'subsets',
    ],
    ['11-digit account', { commitments: ['ri'], accounts: ['12345678901'] }, 'accounts.0'],
    ['account as number', { commitments: ['ri'], accounts: [123456789012] }, 'accounts.0'],
    ['duplicate account', { commitments: ['ri'], accounts: [A1, A1] }, 'accounts'],
    ['unknown key', { commitments: ['ri'], subsets: ['A'], purchasedBy: 'any' }, ''],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(retainDiscounts.schema, params, path);
  });

  it('explains that somewhere to retain is needed', () => {
    expect(problems(retainDiscounts.schema, { commitments: ['ri'] })).toEqual([
      ': must name at least one subset or account (in "subsets" or "accounts") whose discounts are retained',
    ]);
  });

  it('excludes both replace rules', () => {
    expect(retainDiscounts.excludes).toEqual(['replace-ri-discount', 'replace-sp-discount']);
    expect(retainDiscounts.placement).toBeUndefined();
  });
});

describe('retain-discounts sentences', () => {
  it.each([
    [
      { commitments: ['ri' as const], subsets: ['Customer A'] },
      'Retain RI discount within subset "Customer A", and replace it elsewhere with public on-demand price',
    ],
    [
      { commitments: ['sp' as const], accounts: [A1, A2] },
      'Retain Savings Plan discount within accounts 111111111111 and 222222222222, and replace it elsewhere with public on-demand price',
    ],
    [
      { commitments: ['ri' as const, 'sp' as const], subsets: ['Customer A', 'Customer B'], accounts: [MGMT] },
      'Retain RI and Savings Plan discounts within subsets "Customer A" and "Customer B" and account 123456789012, and replace them elsewhere with public on-demand price',
    ],
  ])('%j', (params, text) => {
    expect(say(retainDiscounts, params)).toBe(text);
  });
});

describe('retain-discounts checks', () => {
  it('flags subsets missing from Subset Workflows, comparing names by nameKey', () => {
    const ctx = context(['customer a'], null);
    expect(checked(retainDiscounts, { commitments: ['ri'], subsets: [' CUSTOMER   A', 'Customer B'] }, ctx)).toEqual([
      { code: 'rule-subset-unknown', args: { subset: 'Customer B' } },
    ]);
  });

  it('flags unknown accounts after unknown subsets', () => {
    const ctx = context(['a'], [A1]);
    expect(checked(retainDiscounts, { commitments: ['sp'], subsets: ['A', 'Z'], accounts: [A1, A2] }, ctx)).toEqual([
      { code: 'rule-subset-unknown', args: { subset: 'Z' } },
      { code: 'rule-account-unknown', args: { id: A2 } },
    ]);
  });

  it('checks no account without an Accounts sheet, and is quiet when all is known', () => {
    expect(checked(retainDiscounts, { commitments: ['ri'], accounts: [A2] }, context([], null))).toEqual([]);
    expect(
      checked(retainDiscounts, { commitments: ['ri'], subsets: ['A'], accounts: [A1] }, context(['a'], [A1])),
    ).toEqual([]);
  });
});
