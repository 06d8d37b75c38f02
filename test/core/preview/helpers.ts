/** Shared by the preview tests: enrollments built in code, hand-built CURs run through the engine. */
import { EnrollmentSchema, type Enrollment } from '../../../src/core/enrollment';
import { Dictionaries } from '../../../src/core/preview/batch';
import type { ColumnId, Dialect } from '../../../src/core/preview/columns';
import { batchFromObjects, type LineItemObject } from '../../../src/core/preview/objects';
import {
  startPreview,
  type PreviewOptions,
  type PreviewResult,
  type SubsetPreview,
} from '../../../src/core/preview/runner';

export const MANAGEMENT = '999999999999';

export interface SubsetSpec {
  readonly name: string;
  readonly workflow: string;
  readonly accounts: readonly string[];
}

/** An enrollment of these subsets and workflows (steps as the Parameters column holds them). */
export function enrollmentOf(
  subsets: readonly SubsetSpec[],
  workflows: Readonly<Record<string, readonly { rule: string; parameters: unknown }[]>>,
): Enrollment {
  return EnrollmentSchema.parse({
    schemaVersion: 1,
    msp: {
      name: 'Test MSP',
      spotOrgId: '606000000001',
      managementAccountId: MANAGEMENT,
      contactEmail: 'billing@msp.example.com',
      accountRepEmail: null,
    },
    accounts: subsets.flatMap((s) =>
      s.accounts.map((accountId) => ({ name: `acct ${accountId}`, email: null, accountId, subset: s.name })),
    ),
    subsets: subsets.map((s) => ({ name: s.name, workflow: s.workflow })),
    workflows: Object.entries(workflows).map(([name, steps]) => ({ name, steps })),
    endCustomers: null,
  });
}

/** One subset "S" of the given accounts with one workflow of these steps. */
export function oneWorkflow(
  steps: readonly { rule: string; parameters: unknown }[],
  accounts: readonly string[] = ['111111111111'],
): Enrollment {
  return enrollmentOf([{ name: 'S', workflow: 'W', accounts }], { W: steps });
}

/** Runs the engine on hand-built line items, in batches of `batchSize` rows. */
export function previewOf(
  enrollment: Enrollment,
  rows: readonly LineItemObject[],
  options: PreviewOptions & { readonly batchSize?: number; readonly dialect?: Dialect } = {},
): PreviewResult {
  const dictionaries = new Dictionaries();
  const size = options.batchSize ?? rows.length;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r) as ColumnId[]))];
  const batches = [];
  for (let i = 0; i < Math.max(rows.length, 1); i += Math.max(size, 1))
    batches.push(batchFromObjects(rows.slice(i, i + size), dictionaries, columns));
  const run = startPreview({
    enrollment,
    dialect: options.dialect ?? 'cur-csv',
    columns: batches[0]!.present,
    dictionaries,
    options,
  });
  if (run.needsPrepass) for (const b of batches) run.prepass(b.batch);
  for (const b of batches) {
    const stop = run.push(b.batch);
    if (stop !== null) throw new Error(stop.message);
  }
  return run.finish();
}

export function subset(result: PreviewResult, name = 'S'): SubsetPreview {
  const found = result.subsets.find((s) => s.subset === name);
  if (found === undefined) throw new Error(`no subset ${name}`);
  return found;
}

/** Money as text with every unit, for readable expectations ("1.5" → 15000000000n). */
export { moneyOf } from '../../../src/core/preview/money';
