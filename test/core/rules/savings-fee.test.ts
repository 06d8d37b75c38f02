import { savingsFee } from '../../../src/core/rules/savings-fee';
import { expectRefused, parsed, problems, say } from './helpers';

describe('savings-fee parameters', () => {
  it('its example parses', () => {
    expect(parsed(savingsFee, savingsFee.example)).toEqual({ mode: 'percent-of-savings', percent: 20 });
  });

  it.each([
    { mode: 'percent-of-savings', percent: 100 },
    { mode: 'percent-of-savings', percent: 0.5 },
    { mode: 'flat', amount: 500, per: 'subset' },
    { mode: 'flat', amount: 99.95, per: 'account' },
    { mode: 'flat', amount: 1_000_000, per: 'account' },
  ])('accepts %j', (params) => {
    expect(problems(savingsFee.schema, params)).toEqual([]);
  });

  it.each([
    ['missing mode', { percent: 20 }, 'mode'],
    ['unknown mode', { mode: 'percent', percent: 20 }, 'mode'],
    ['percent of 0', { mode: 'percent-of-savings', percent: 0 }, 'percent'],
    ['percent above 100', { mode: 'percent-of-savings', percent: 101 }, 'percent'],
    ['percent as text', { mode: 'percent-of-savings', percent: '20' }, 'percent'],
    ['percent with flat keys', { mode: 'percent-of-savings', percent: 20, per: 'subset' }, ''],
    ['flat without per', { mode: 'flat', amount: 500 }, 'per'],
    ['flat with unknown per', { mode: 'flat', amount: 500, per: 'month' }, 'per'],
    ['flat without amount', { mode: 'flat', per: 'subset' }, 'amount'],
    ['flat amount 0', { mode: 'flat', amount: 0, per: 'subset' }, 'amount'],
    ['flat amount negative', { mode: 'flat', amount: -5, per: 'subset' }, 'amount'],
    ['flat amount with fractions of cents', { mode: 'flat', amount: 1.005, per: 'subset' }, 'amount'],
    ['flat amount too large', { mode: 'flat', amount: 1_000_001, per: 'subset' }, 'amount'],
    ['flat amount as text', { mode: 'flat', amount: '$500', per: 'subset' }, 'amount'],
    ['flat with a percent', { mode: 'flat', amount: 500, per: 'subset', percent: 20 }, ''],
    ['not an object', 'flat', ''],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(savingsFee.schema, params, path);
  });

  it('names the modes', () => {
    expect(problems(savingsFee.schema, { mode: 'percent', percent: 20 })).toEqual([
      'mode: must have a mode of "percent-of-savings" or "flat"',
    ]);
  });
});

describe('savings-fee sentences', () => {
  it.each([
    [
      { mode: 'percent-of-savings' as const, percent: 20 },
      'Charge a fee of 20% of the savings from RIs and Savings Plans',
    ],
    [
      { mode: 'percent-of-savings' as const, percent: 12.5 },
      'Charge a fee of 12.5% of the savings from RIs and Savings Plans',
    ],
    [{ mode: 'flat' as const, amount: 500, per: 'subset' as const }, 'Charge a flat fee of 500 per subset each month'],
    [
      { mode: 'flat' as const, amount: 99.5, per: 'account' as const },
      'Charge a flat fee of 99.50 per account each month',
    ],
  ])('%j', (params, text) => {
    expect(say(savingsFee, params)).toBe(text);
  });
});
