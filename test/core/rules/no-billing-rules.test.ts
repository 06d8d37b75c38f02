import { noBillingRules } from '../../../src/core/rules/no-billing-rules';
import { expectRefused, parsed, say } from './helpers';

describe('no-billing-rules', () => {
  it('takes no parameters', () => {
    expect(parsed(noBillingRules, noBillingRules.example)).toEqual({});
  });

  it.each([
    ['unknown key', { percent: 3 }],
    ['null', null],
    ['an array', []],
    ['a string', '{}'],
    ['missing', undefined],
  ])('refuses %s', (_name, params) => {
    expectRefused(noBillingRules.schema, params);
  });

  it('says the data is processed as it is', () => {
    expect(say(noBillingRules, {})).toBe('Process the billing data as it is, with no billing rules');
  });

  it('must be alone and has no cross-sheet check', () => {
    expect(noBillingRules.placement).toBe('alone');
    expect(noBillingRules.check).toBeUndefined();
    expect(noBillingRules.group).toBe('other');
  });
});
