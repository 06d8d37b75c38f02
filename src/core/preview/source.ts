/**
 * Readers' interface and the pure parts of the readers: a source of line-item batches per input
 * file, Parquet through hyparquet (pure JavaScript; its AsyncBuffer is a file on Node and a File
 * or fetch in a browser worker), CSV records from any streaming parser, and `runPreview`, which
 * drives the runner over several files of one month.
 */
import type { Enrollment } from '../enrollment';
import type { PreviewNote } from '../findings';
import { Dictionaries, type LineItemBatch } from './batch';
import { DIALECT_TITLES, REQUIRED_COLUMNS } from './columns';
import { inputError, planColumns, PreviewInputError } from './dialects';
import { previewColumns, startPreview, type PreviewOptions, type PreviewResult } from './runner';
import type { LineItemSource, OpenOptions } from './source-types';

export { openParquet } from './parquet-source';
export type { LineItemSource, OpenOptions } from './source-types';

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
