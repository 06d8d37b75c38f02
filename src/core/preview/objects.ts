/**
 * Line items written as objects keyed by model column (`{ lineItemType: 'Usage', unblendedCost:
 * '1.5' }`), as one batch: for hand-built CURs in tests and for engines compared against this one.
 * Values go through the same conversion as a legacy CUR CSV file.
 */
import type { Dictionaries, LineItemBatch } from './batch';
import { LINE_ITEM_COLUMNS, type ColumnId } from './columns';
import { planColumns } from './dialects';
import { REQUIRED_COLUMNS } from './runner';

export type LineItemObject = Partial<Record<ColumnId, string | number>>;

/** `columns`: columns the batch carries even where these rows leave them out (several batches of one input). */
export function batchFromObjects(
  rows: readonly LineItemObject[],
  dictionaries: Dictionaries,
  columns: readonly ColumnId[] = [],
): { readonly batch: LineItemBatch; readonly present: ReadonlySet<ColumnId> } {
  const used = new Set<ColumnId>([...REQUIRED_COLUMNS, ...columns]);
  for (const row of rows) for (const key of Object.keys(row) as ColumnId[]) used.add(key);
  const names = new Map<string, ColumnId>();
  for (const column of used) {
    const name = LINE_ITEM_COLUMNS[column].cur;
    if (name === null) throw new Error(`batchFromObjects: ${column} has no legacy CUR name`);
    names.set(name, column);
  }
  const plan = planColumns({
    file: 'objects',
    header: [...names.keys()],
    wanted: [...used],
    required: REQUIRED_COLUMNS,
    dictionaries,
  });
  const batch = plan.build(
    (name) => {
      const column = names.get(name);
      return column === undefined ? undefined : rows.map((r) => (r[column] === undefined ? '' : String(r[column])));
    },
    rows.length,
    1,
  );
  return { batch, present: plan.present };
}
