import { z } from 'zod';
import { describeCostSharing } from './english';
import { CostBasisSchema } from './params';
import { defineRule } from './rule';

export const spCostSharing = defineRule({
  id: 'sp-cost-sharing',
  group: 'cost-sharing',
  title: 'Savings Plan cost sharing',
  summary: 'Pass the cost of Savings Plans on to the accounts that used them',
  schema: z.strictObject({ basis: CostBasisSchema }),
  example: { basis: 'effective' },
  describe: (p) => describeCostSharing('Savings Plan', p.basis),
});
