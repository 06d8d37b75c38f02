// Findings as the core words them, for the validation tests.
import { issue, place, type Finding } from '../../src/core/findings';
import { num, text, type Cell } from '../../src/core/port';

export const LOST_ZEROS_C3 = place(
  issue('account-id-leading-zeros-lost', { shown: '12345678901', probable: '012345678901' }, { value: '012345678901' }),
  'Accounts',
  'C3',
);
export const LOST_ZEROS_C4 = place(
  issue('account-id-leading-zeros-lost', { shown: '42', probable: '000000000042' }, { value: '000000000042' }),
  'Accounts',
  'C4',
);
export const UNKNOWN_SUBSET_D5 = place(issue('subset-unknown', { subset: 'Acme' }), 'Accounts', 'D5');
export const NO_SUBSETS = place(
  issue('sheet-no-rows', { sheet: 'Subset Workflows', what: 'the subsets' }),
  'Subset Workflows',
  null,
);
export const UNUSED_WORKFLOW_A2 = place(issue('workflow-unused', { workflow: 'Standard' }), 'Billing Workflows', 'A2');

export const FINDINGS: readonly Finding[] = [
  LOST_ZEROS_C3,
  LOST_ZEROS_C4,
  UNKNOWN_SUBSET_D5,
  NO_SUBSETS,
  UNUSED_WORKFLOW_A2,
];

/** The cells the findings above were about, as the host read them. */
export const CELLS: Record<string, Cell> = {
  'Accounts!C3': num(12345678901),
  'Accounts!C4': num(42),
  'Accounts!D5': text('Acme'),
  'Billing Workflows!A2': text('Standard'),
};
