/** The readers' interface (apart from source.ts, so that a reader thread loads no runner or rules). */
import type { Dictionaries, LineItemBatch } from './batch';
import type { ColumnId, Dialect } from './columns';

/** One input file as batches of line items. `batches()` may be called again (a second pass). */
export interface LineItemSource {
  readonly file: string;
  readonly dialect: Dialect;
  /** The model columns this file fills. */
  readonly present: ReadonlySet<ColumnId>;
  batches(): AsyncIterable<LineItemBatch>;
}

/** What a source is opened with. */
export interface OpenOptions {
  /** A name for messages (the path). */
  readonly file: string;
  /** The model columns to read (`previewColumns(enrollment)`). */
  readonly columns: readonly ColumnId[];
  /** Shared by every file of a run. */
  readonly dictionaries: Dictionaries;
}
