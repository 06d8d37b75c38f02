import { removeTaxes } from '../../../src/core/rules/remove-taxes';
import { removeVolumeDiscounts } from '../../../src/core/rules/remove-volume-discounts';
import { riCostSharing } from '../../../src/core/rules/ri-cost-sharing';
import { spCostSharing } from '../../../src/core/rules/sp-cost-sharing';
import { expectRefused, parsed, problems, say } from './helpers';

describe('remove-taxes', () => {
  it('takes no parameters', () => {
    expect(parsed(removeTaxes, removeTaxes.example)).toEqual({});
    expectRefused(removeTaxes.schema, { vat: true }, '');
    expectRefused(removeTaxes.schema, null);
    expectRefused(removeTaxes.schema, []);
  });

  it('says taxes are removed', () => {
    expect(say(removeTaxes, {})).toBe("Remove taxes from the customer's charges");
    expect(removeTaxes.check).toBeUndefined();
  });
});

describe.each([riCostSharing, spCostSharing])('$id parameters', (rule) => {
  it('its example parses', () => {
    expect(parsed(rule, rule.example)).toEqual({ basis: 'effective' });
  });

  it.each(['effective', 'amortized-upfront', 'recurring'])('accepts basis %s', (basis) => {
    expect(problems(rule.schema, { basis })).toEqual([]);
  });

  it.each([
    ['missing basis', {}, 'basis'],
    ['unknown basis', { basis: 'amortized' }, 'basis'],
    ['basis in capitals', { basis: 'Effective' }, 'basis'],
    ['basis as a list', { basis: ['effective'] }, 'basis'],
    ['unknown key', { basis: 'effective', purchasedBy: 'any' }, ''],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(rule.schema, params, path);
  });

  it('lists the bases', () => {
    expect(problems(rule.schema, { basis: 'amortized' })).toEqual([
      'basis: must be one of "effective", "amortized-upfront" or "recurring"',
    ]);
    expect(problems(rule.schema, {})).toEqual([
      'basis: is required: one of "effective", "amortized-upfront" or "recurring"',
    ]);
  });
});

describe('cost sharing sentences', () => {
  it.each([
    ['effective' as const, 'Share RI costs with the accounts that use the RIs, charging the effective cost'],
    [
      'amortized-upfront' as const,
      'Share RI costs with the accounts that use the RIs, charging the amortized up-front cost only',
    ],
    ['recurring' as const, 'Share RI costs with the accounts that use the RIs, charging the recurring fee only'],
  ])('ri-cost-sharing %s', (basis, text) => {
    expect(say(riCostSharing, { basis })).toBe(text);
  });

  it.each([
    [
      'effective' as const,
      'Share Savings Plan costs with the accounts that use the Savings Plans, charging the effective cost',
    ],
    [
      'amortized-upfront' as const,
      'Share Savings Plan costs with the accounts that use the Savings Plans, charging the amortized up-front cost only',
    ],
    [
      'recurring' as const,
      'Share Savings Plan costs with the accounts that use the Savings Plans, charging the recurring fee only',
    ],
  ])('sp-cost-sharing %s', (basis, text) => {
    expect(say(spCostSharing, { basis })).toBe(text);
  });
});

describe('remove-volume-discounts', () => {
  it('its example parses', () => {
    expect(parsed(removeVolumeDiscounts, removeVolumeDiscounts.example)).toEqual({ mode: 'top-rate-free-usage' });
  });

  it.each([
    ['missing mode', {}],
    ['unknown mode', { mode: 'top-rate' }],
    ['mode as number', { mode: 1 }],
    ['unknown key', { mode: 'top-rate-all-usage', percent: 3 }],
  ])('refuses %s', (_name, params) => {
    expectRefused(removeVolumeDiscounts.schema, params);
  });

  it.each([
    ['top-rate-all-usage' as const, 'Replace tiered volume rates with the first billable rate for all usage'],
    ['top-rate-free-usage' as const, 'Replace free tier usage with the first billable rate'],
    ['remove-ri-volume-discounts' as const, 'Remove RI volume discounts so they are not shared with the customer'],
  ])('%s reads "%s"', (mode, text) => {
    expect(say(removeVolumeDiscounts, { mode })).toBe(text);
  });
});
