import { replaceRiDiscount } from '../../../src/core/rules/replace-ri-discount';
import { replaceSpDiscount } from '../../../src/core/rules/replace-sp-discount';
import { A1, A2, A3, checked, context, expectRefused, MGMT, parsed, problems, say } from './helpers';

describe.each([replaceRiDiscount, replaceSpDiscount])('$id parameters', (rule) => {
  it('its example parses', () => {
    expect(parsed(rule, rule.example)).toEqual({ purchasedBy: 'any' });
  });

  it.each([
    { purchasedBy: 'any' },
    { purchasedBy: [MGMT] },
    { purchasedBy: [A1, A2, A3] },
    { purchasedBy: ['012345678901'] },
  ])('accepts %j', (params) => {
    expect(problems(rule.schema, params)).toEqual([]);
  });

  it.each([
    ['missing purchasedBy', {}, 'purchasedBy'],
    ['unknown key', { purchasedBy: 'any', accounts: [A1] }, ''],
    ['"all" for "any"', { purchasedBy: 'all' }, 'purchasedBy'],
    ['"ANY" in capitals', { purchasedBy: 'ANY' }, 'purchasedBy'],
    ['empty list', { purchasedBy: [] }, 'purchasedBy'],
    ['a single ID, not a list', { purchasedBy: MGMT }, 'purchasedBy'],
    ['11 digits', { purchasedBy: ['12345678901'] }, 'purchasedBy.0'],
    ['13 digits', { purchasedBy: ['1234567890123'] }, 'purchasedBy.0'],
    ['ID as number', { purchasedBy: [123456789012] }, 'purchasedBy'],
    ['ID with spaces', { purchasedBy: ['1234 5678 9012'] }, 'purchasedBy.0'],
    ['duplicate ID', { purchasedBy: [A1, A1] }, 'purchasedBy'],
    ['null', { purchasedBy: null }, 'purchasedBy'],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(rule.schema, params, path);
  });

  it('explains what purchasedBy takes', () => {
    expect(problems(rule.schema, { purchasedBy: 'all' })).toEqual([
      'purchasedBy: must be "any" or a list of account IDs in quotes, such as ["012345678901"]',
    ]);
    expect(problems(rule.schema, { purchasedBy: ['12345678901'] })).toEqual([
      'purchasedBy.0: must be an AWS account ID: exactly 12 digits in quotes, such as "012345678901"',
    ]);
  });

  it('excludes retain-discounts and has no placement', () => {
    expect(rule.excludes).toEqual(['retain-discounts']);
    expect(rule.placement).toBeUndefined();
    expect(rule.group).toBe('commitments');
  });

  it('flags purchasers that are not known accounts', () => {
    expect(checked(rule, { purchasedBy: [MGMT, A1, A2] }, context([], [MGMT, A2]))).toEqual([
      { code: 'rule-account-unknown', args: { id: A1 } },
    ]);
  });

  it('checks nothing for "any", all known accounts, or no Accounts sheet', () => {
    expect(checked(rule, { purchasedBy: 'any' }, context([], []))).toEqual([]);
    expect(checked(rule, { purchasedBy: [A1] }, context([], [A1]))).toEqual([]);
    expect(checked(rule, { purchasedBy: [A1] }, context([], null))).toEqual([]);
  });
});

describe('replace sentences', () => {
  it.each([
    [
      { purchasedBy: 'any' as const },
      'Replace RI discount with public on-demand price when RIs are purchased by any account',
    ],
    [{ purchasedBy: [MGMT] }, 'Replace RI discount with public on-demand price when RIs are purchased by 123456789012'],
    [
      { purchasedBy: [A1, A2] },
      'Replace RI discount with public on-demand price when RIs are purchased by 111111111111 or 222222222222',
    ],
    [
      { purchasedBy: [A1, A2, A3] },
      'Replace RI discount with public on-demand price when RIs are purchased by 111111111111, 222222222222 or 333333333333',
    ],
  ])('replace-ri-discount %j', (params, text) => {
    expect(say(replaceRiDiscount, params)).toBe(text);
  });

  it.each([
    [
      { purchasedBy: 'any' as const },
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by any account',
    ],
    [
      { purchasedBy: [MGMT] },
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by 123456789012',
    ],
    [
      { purchasedBy: [A1, A2, A3] },
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by 111111111111, 222222222222 or 333333333333',
    ],
  ])('replace-sp-discount %j', (params, text) => {
    expect(say(replaceSpDiscount, params)).toBe(text);
  });
});
