/**
 * Readers' interface and the pure parts of the readers: a source of line-item batches per input
 * file, Parquet through hyparquet (pure JavaScript; its AsyncBuffer is a file on Node and a File
 * or fetch in a browser worker), CSV records from any streaming parser, and `runPreview`, which
 * drives the runner over several files of one month.
 */
import { parquetMetadataAsync, parquetScan, parquetSchema, type AsyncBuffer, type Compressors } from 'hyparquet';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import type { Enrollment } from '../enrollment';
import type { PreviewNote } from '../findings';
import { Dictionaries, type LineItemBatch } from './batch';
import { DIALECT_TITLES, type ColumnId, type Dialect } from './columns';
import { inputError, planColumns, PreviewInputError, type ColumnPlan, type RawColumn } from './dialects';
import { decodeFlatChunk } from './parquet-pages';
import { previewColumns, REQUIRED_COLUMNS, startPreview, type PreviewOptions, type PreviewResult } from './runner';

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

/** CSV: rows per batch (about 10 MB of typed arrays for the preview's columns). */
export const CSV_BATCH_ROWS = 65_536;

/**
 * A source over CSV records (header first) from any parser: `records()` yields string arrays,
 * and is called once per pass.
 */
export async function openCsvRecords(
  options: OpenOptions,
  records: () => AsyncIterable<readonly string[]>,
): Promise<LineItemSource> {
  // The header decides the plan; read it from a first look at the stream.
  let header: readonly string[] | undefined;
  for await (const record of records()) {
    header = record;
    break;
  }
  if (header === undefined) throw inputError('cur-not-recognised', { file: options.file });
  const plan = planColumns({
    file: options.file,
    header,
    wanted: options.columns,
    required: REQUIRED_COLUMNS,
    dictionaries: options.dictionaries,
  });
  const index = new Map(header.map((h, i) => [h, i]));
  const wantedIndexes = plan.sourceColumns.map((name) => index.get(name)!);
  return {
    file: options.file,
    dialect: plan.dialect,
    present: plan.present,
    async *batches() {
      let first = true;
      let columns: string[][] = wantedIndexes.map(() => []);
      let length = 0;
      let row = 2; // line 1 is the header
      const flush = (): LineItemBatch => {
        const byName = new Map(plan.sourceColumns.map((name, i) => [name, columns[i]!]));
        const batch = plan.build((name) => byName.get(name), length, row - length);
        columns = wantedIndexes.map(() => []);
        length = 0;
        return batch;
      };
      for await (const record of records()) {
        if (first) {
          first = false;
          continue;
        }
        // A blank line at the end of a file is no line item.
        if (record.length === 1 && record[0] === '') continue;
        for (let c = 0; c < wantedIndexes.length; c++) columns[c]!.push(record[wantedIndexes[c]!] ?? '');
        length++;
        row++;
        if (length === CSV_BATCH_ROWS) yield flush();
      }
      if (length > 0) yield flush();
    },
  };
}

/** A Parquet source: one batch per row group, reading only the planned columns. */
export async function openParquet(
  options: OpenOptions,
  file: AsyncBuffer,
  compressors?: Compressors,
): Promise<LineItemSource> {
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw inputError('cur-unreadable', {
      file: options.file,
      reason: `it is not a Parquet file (${e instanceof Error ? e.message : String(e)})`,
    });
  }
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  const plan: ColumnPlan = planColumns({
    file: options.file,
    header,
    wanted: options.columns,
    required: REQUIRED_COLUMNS,
    dictionaries: options.dictionaries,
  });
  return {
    file: options.file,
    dialect: plan.dialect,
    present: plan.present,
    async *batches() {
      // hyparquet's column reader, for the chunks the page decoder does not take.
      let scan: Awaited<ReturnType<typeof parquetScan>> | undefined;
      const viaHyparquet = async (column: string, rowStart: number, rowEnd: number): Promise<RawColumn> => {
        scan ??= await parquetScan({
          file,
          metadata,
          columns: [...plan.sourceColumns],
          ...(compressors === undefined ? {} : { compressors }),
        });
        return scan.readColumn({ column, rowStart, rowEnd });
      };
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const rows = Number(group.num_rows);
        const start = groupStart;
        groupStart += rows;
        if (rows === 0) continue;
        // Only the planned columns' chunks are read (the projection).
        const values = await Promise.all(
          plan.sourceColumns.map(async (column): Promise<RawColumn> => {
            const meta = group.columns.find(
              (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column,
            )?.meta_data;
            if (meta !== undefined) {
              const first = Number(meta.dictionary_page_offset || meta.data_page_offset);
              const bytes = new Uint8Array(await file.slice(first, first + Number(meta.total_compressed_size)));
              const decoded = decodeFlatChunk(bytes, meta, getSchemaPath(metadata.schema, [column]), rows, compressors);
              if (decoded !== null) return decoded;
            }
            return viaHyparquet(column, start, start + rows);
          }),
        );
        const byName = new Map(plan.sourceColumns.map((name, i) => [name, values[i]!]));
        yield plan.build((name) => byName.get(name), rows, start + 1);
      }
    },
  };
}

export interface Progress {
  readonly pass: 1 | 2;
  readonly passes: 1 | 2;
  readonly file: string;
  readonly rows: number;
}

/**
 * Opens every file (through `open`), checks they are one dialect, and runs the preview over them.
 * Returns the result, or the input note that stopped it (not a CUR, two payers, two months).
 */
export async function runPreview(input: {
  readonly enrollment: Enrollment;
  readonly files: readonly string[];
  readonly open: (file: string, options: OpenOptions) => Promise<LineItemSource>;
  readonly options?: PreviewOptions;
  readonly onProgress?: (progress: Progress) => void;
}): Promise<
  { readonly ok: true; readonly result: PreviewResult } | { readonly ok: false; readonly note: PreviewNote }
> {
  const dictionaries = new Dictionaries();
  const columns = previewColumns(input.enrollment);
  const sources: LineItemSource[] = [];
  try {
    for (const file of input.files) {
      const source = await input.open(file, { file, columns, dictionaries });
      const first = sources[0];
      if (first !== undefined && first.dialect !== source.dialect)
        throw inputError('cur-dialects-mixed', {
          file,
          dialect: DIALECT_TITLES[source.dialect],
          first: DIALECT_TITLES[first.dialect],
        });
      sources.push(source);
    }
    const first = sources[0];
    if (first === undefined) throw new Error('runPreview: no files');
    // Only what every file has: a column missing from one file is missing for the month.
    const present = new Set([...first.present].filter((c) => sources.every((s) => s.present.has(c))));
    const run = startPreview({
      enrollment: input.enrollment,
      dialect: first.dialect,
      columns: present,
      dictionaries,
      ...(input.options === undefined ? {} : { options: input.options }),
    });
    const passes = run.needsPrepass ? 2 : 1;
    if (run.needsPrepass)
      for (const source of sources) {
        let rows = 0;
        for await (const batch of source.batches()) {
          run.prepass(batch);
          rows += batch.length;
          input.onProgress?.({ pass: 1, passes, file: source.file, rows });
        }
      }
    for (const source of sources) {
      let rows = 0;
      for await (const batch of source.batches()) {
        const stop = run.push(batch);
        if (stop !== null) return { ok: false, note: stop };
        rows += batch.length;
        input.onProgress?.({ pass: passes, passes, file: source.file, rows });
      }
    }
    const result = run.finish();
    const stop = result.notes.find((n) => n.severity === 'input');
    return stop === undefined ? { ok: true, result } : { ok: false, note: stop };
  } catch (e) {
    if (e instanceof PreviewInputError) return { ok: false, note: e.note };
    throw e;
  }
}
