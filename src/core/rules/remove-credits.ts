import { z } from 'zod';
import { joinList } from './english';
import { oneOf, typeError, uniqueList } from './params';
import { defineRule } from './rule';

const PROGRAMS = [
  'edp',
  'data-egress-waiver',
  'apn-partner-accelerator',
  'solution-provider-program',
  'other',
] as const;
type Program = (typeof PROGRAMS)[number];

/** How each benefit is named in a sentence; `plural` picks "it" or "they" when it stands alone. */
const PROGRAM_TEXT: Record<Program, { readonly text: string; readonly plural: boolean }> = {
  edp: { text: 'EDP discount', plural: false },
  'data-egress-waiver': { text: 'data egress waiver credits', plural: true },
  'apn-partner-accelerator': { text: 'APN Partner Accelerator credits', plural: true },
  'solution-provider-program': { text: 'Solution Provider Program credits', plural: true },
  other: { text: 'other credits', plural: true },
};

export const removeCredits = defineRule({
  id: 'remove-credits',
  group: 'credits-and-taxes',
  title: 'Remove credits',
  summary: 'Keep the chosen discounts, credits and refunds as margin instead of passing them on to the customer',
  schema: z.strictObject({
    programs: uniqueList(oneOf(PROGRAMS), 'program'),
    // Required, not defaulted: keeping refunds is a decision the MSP should state.
    refunds: z.boolean({ error: typeError('true or false, without quotes') }),
  }),
  example: { programs: ['edp'], refunds: false },
  describe: (p) => {
    const items = p.programs.map((program) => PROGRAM_TEXT[program]);
    if (p.refunds) items.push({ text: 'refunds', plural: true });
    const [only] = items;
    const pronoun = items.length === 1 && only !== undefined && !only.plural ? 'it is' : 'they are';
    return `Remove ${joinList(items.map((i) => i.text))} so ${pronoun} not shared with the customer`;
  },
});
