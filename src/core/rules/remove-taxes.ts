import { z } from 'zod';
import { defineRule } from './rule';

export const removeTaxes = defineRule({
  id: 'remove-taxes',
  group: 'credits-and-taxes',
  title: 'Remove taxes',
  summary: "Drop tax line items from the customer's charges",
  schema: z.strictObject({}),
  example: {},
  describe: () => "Remove taxes from the customer's charges",
});
