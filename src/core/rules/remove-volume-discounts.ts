import { z } from 'zod';
import { oneOf } from './params';
import { defineRule } from './rule';

const MODES = ['top-rate-all-usage', 'top-rate-free-usage', 'remove-ri-volume-discounts'] as const;
type Mode = (typeof MODES)[number];

const SENTENCES: Record<Mode, string> = {
  'top-rate-all-usage': 'Replace tiered volume rates with the first billable rate for all usage',
  'top-rate-free-usage': 'Replace free tier usage with the first billable rate',
  'remove-ri-volume-discounts': 'Remove RI volume discounts so they are not shared with the customer',
};

export const removeVolumeDiscounts = defineRule({
  id: 'remove-volume-discounts',
  group: 'pricing',
  title: 'Remove volume discounts',
  summary: 'Charge the first billable ("top") rate in place of volume-tiered, free tier or RI volume discounted rates',
  schema: z.strictObject({ mode: oneOf(MODES) }),
  example: { mode: 'top-rate-free-usage' },
  describe: (p) => SENTENCES[p.mode],
});
