/**
 * Generated CUR files for the Preview tab's tests (the engine's seeded generator, written by the
 * command line's writers), the example workbook's enrollment, and the command line's own run of
 * the same files, which the pane's worker must match to the unit.
 */
import { openAsBlob } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { Parser } from 'csv-parse';
import { openCurFile } from '../../../src/cli/preview-read';
import { writeCurCsv, writeCurParquet } from '../../../src/cli/cur-write';
import { readWorkbookFile } from '../../../src/cli/xlsx-read';
import type { Enrollment } from '../../../src/core/enrollment';
import { generateCur, type GeneratorOptions } from '../../../src/core/preview/generator';
import type { PreviewResult } from '../../../src/core/preview/runner';
import { runPreview } from '../../../src/core/preview/source';
import { validateWorkbook } from '../../../src/core/validate';
import type { CsvChunkParser, Readers } from '../../../src/taskpane/preview/file-source';
import { PANE_CODECS } from '../../../src/taskpane/preview/parquet-codecs';
import { EXAMPLE } from '../../cli/helpers';

export const OPTIONS: GeneratorOptions = {
  seed: 13,
  rows: 3000,
  month: '2025-06',
  payer: '004217869350',
  // The example workbook's accounts, and one it does not enroll.
  accounts: ['018273645091', '274615093862', '385920174638', '628104957362', '840197362514', '123456789012'],
};

/**
 * The readers the worker gets (its Parquet codecs, SNAPPY by hyparquet's JavaScript decoder), with
 * csv-parse's Node build in place of its browser build (the same code).
 */
export const NODE_READERS: Readers = {
  csvParser: () => (new Parser({ bom: true }) as unknown as { api: CsvChunkParser }).api,
  compressors: PANE_CODECS,
};

export async function exampleEnrollment(): Promise<Enrollment> {
  const { workbook } = await readWorkbookFile(EXAMPLE);
  const { enrollment } = validateWorkbook(workbook);
  if (enrollment === null) throw new Error('the example workbook has errors');
  return enrollment;
}

export type Kind = 'parquet' | 'csv' | 'csv.gz';

/** Writes a generated CUR (Athena Parquet or legacy CSV); returns its exact ledger total. */
export async function writeGenerated(path: string, kind: Kind, options: GeneratorOptions = OPTIONS): Promise<bigint> {
  const generated = generateCur(options);
  if (kind === 'parquet') writeCurParquet(path, 'cur-athena', generated.rows, 500);
  else await writeCurCsv(path, 'cur-csv', generated.rows, kind === 'csv.gz');
  return generated.total();
}

/** A file on disk as a File-like Blob (Node's file-backed Blob: read in slices, as a browser's File). */
export async function fileBlob(path: string): Promise<Blob> {
  return (await openAsBlob(path)) as Blob;
}

export function writeText(path: string, text: string): void {
  writeFileSync(path, text);
}

/** What `msp-enroll preview` computes for these files. */
export async function cliPreview(enrollment: Enrollment, paths: readonly string[]): Promise<PreviewResult> {
  const outcome = await runPreview({ enrollment, files: paths, open: openCurFile });
  if (!outcome.ok) throw new Error(outcome.note.message);
  return outcome.result;
}
