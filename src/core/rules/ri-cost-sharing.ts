import { z } from 'zod';
import { describeCostSharing } from './english';
import { CostBasisSchema } from './params';
import { defineRule } from './rule';

export const riCostSharing = defineRule({
  id: 'ri-cost-sharing',
  group: 'cost-sharing',
  title: 'RI cost sharing',
  summary: 'Pass the cost of Reserved Instances on to the accounts that used them',
  schema: z.strictObject({ basis: CostBasisSchema }),
  example: { basis: 'effective' },
  describe: (p) => describeCostSharing('RI', p.basis),
});
