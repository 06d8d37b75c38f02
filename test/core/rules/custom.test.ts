import { custom } from '../../../src/core/rules/custom';
import { expectRefused, parsed, say } from './helpers';

describe('custom', () => {
  it('its example parses', () => {
    expect(parsed(custom, custom.example)).toEqual(custom.example);
  });

  it.each([
    ['missing description', {}, 'description'],
    ['empty description', { description: '' }, 'description'],
    ['blank description', { description: ' \n ' }, 'description'],
    ['description as number', { description: 5 }, 'description'],
    ['description too long', { description: 'x'.repeat(2001) }, 'description'],
    ['unknown key', { description: 'x', percent: 3 }, ''],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(custom.schema, params, path);
  });

  it.each([
    ['Bill support to the largest account', 'Custom rule configured by Spot: Bill support to the largest account'],
    [
      '  Bill support\nto the largest account.  ',
      'Custom rule configured by Spot: Bill support to the largest account',
    ],
    ['...', 'Custom rule configured by Spot: ...'],
  ])('%j', (description, text) => {
    expect(say(custom, { description })).toBe(text);
  });
});
