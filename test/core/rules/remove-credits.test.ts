import { removeCredits } from '../../../src/core/rules/remove-credits';
import { expectRefused, parsed, problems, say } from './helpers';

describe('remove-credits parameters', () => {
  it('its example parses', () => {
    expect(parsed(removeCredits, removeCredits.example)).toEqual({ programs: ['edp'], refunds: false });
  });

  it.each([
    { programs: ['edp'], refunds: true },
    {
      programs: ['edp', 'data-egress-waiver', 'apn-partner-accelerator', 'solution-provider-program', 'other'],
      refunds: false,
    },
  ])('accepts %j', (params) => {
    expect(problems(removeCredits.schema, params)).toEqual([]);
  });

  it.each([
    ['missing refunds', { programs: ['edp'] }, 'refunds'],
    ['refunds as text', { programs: ['edp'], refunds: 'false' }, 'refunds'],
    ['refunds as 0', { programs: ['edp'], refunds: 0 }, 'refunds'],
    ['missing programs', { refunds: true }, 'programs'],
    ['empty programs', { programs: [], refunds: true }, 'programs'],
    ['unknown program', { programs: ['spp'], refunds: false }, 'programs.0'],
    ['program in capitals', { programs: ['EDP'], refunds: false }, 'programs.0'],
    ['duplicate program', { programs: ['edp', 'other', 'edp'], refunds: false }, 'programs'],
    ['programs as a string', { programs: 'edp', refunds: false }, 'programs'],
    ['unknown key', { programs: ['edp'], refunds: false, taxes: true }, ''],
  ])('refuses %s', (_name, params, path) => {
    expectRefused(removeCredits.schema, params, path);
  });

  it('lists the programs when one is misspelt', () => {
    expect(problems(removeCredits.schema, { programs: ['spp'], refunds: false })).toEqual([
      'programs.0: must be one of "edp", "data-egress-waiver", "apn-partner-accelerator", "solution-provider-program" or "other"',
    ]);
  });

  it('says how to write refunds', () => {
    expect(problems(removeCredits.schema, { programs: ['edp'] })).toEqual([
      'refunds: is required: true or false, without quotes',
    ]);
  });
});

describe('remove-credits sentences', () => {
  it.each([
    [{ programs: ['edp' as const], refunds: false }, 'Remove EDP discount so it is not shared with the customer'],
    [
      { programs: ['solution-provider-program' as const], refunds: false },
      'Remove Solution Provider Program credits so they are not shared with the customer',
    ],
    [
      { programs: ['edp' as const], refunds: true },
      'Remove EDP discount and refunds so they are not shared with the customer',
    ],
    [
      { programs: ['edp' as const, 'solution-provider-program' as const], refunds: true },
      'Remove EDP discount, Solution Provider Program credits and refunds so they are not shared with the customer',
    ],
    [
      {
        programs: [
          'data-egress-waiver' as const,
          'apn-partner-accelerator' as const,
          'other' as const,
          'edp' as const,
          'solution-provider-program' as const,
        ],
        refunds: false,
      },
      'Remove data egress waiver credits, APN Partner Accelerator credits, other credits, EDP discount and Solution Provider Program credits so they are not shared with the customer',
    ],
  ])('%j', (params, text) => {
    expect(say(removeCredits, params)).toBe(text);
  });
});
