/**
 * `msp-enroll preview` through SQL (issue 14): `--engine duckdb`, `--sql athena --table`,
 * `--from-athena`. Kept apart from preview-command.ts, which calls `sqlPreview` first.
 */
import { statSync } from 'node:fs';
import type { Enrollment } from '../core/enrollment';
import type { CreditPattern } from '../core/preview/credit-patterns';
import type { PreviewResult } from '../core/preview/runner';
import type { Command } from './args';
import type { Io } from './main';
import { athenaQuery, readAthenaResult, runDuckDbPreview, type SqlRunOptions, type SqlRunOutcome } from './preview-sql';

const PROGRAM = 'msp-enroll';
type PreviewCommand = Extract<Command, { kind: 'preview' }>;

type FileKind = 'parquet' | 'csv' | 'csv.gz';

/**
 * The input size (bytes on disk, all files together) from which DuckDB's whole command beats the
 * JavaScript engine's, measured on the example's workflows (docs/preview.md, "Which engine"):
 * Parquet from 20,000 rows (0.6 MB) on; CSV, which DuckDB reads as text and converts per row,
 * from about 20,000 to 30,000 rows (6 MB of CSV, 0.6 MB gzipped).
 */
export const DUCKDB_FROM_BYTES: Readonly<Record<FileKind, number>> = {
  parquet: 1_000_000,
  csv: 10_000_000,
  'csv.gz': 1_500_000,
};

const kindOfFile = (path: string): FileKind | null =>
  /\.parquet$/i.test(path) ? 'parquet' : /\.csv\.gz$/i.test(path) ? 'csv.gz' : /\.csv$/i.test(path) ? 'csv' : null;

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

export interface EngineChoice {
  readonly engine: 'js' | 'duckdb';
  /** Asked for with --engine (no fallback to the other). */
  readonly forced: boolean;
  readonly why: string;
}

/** The engine of a preview of these files (sizes in bytes; null: the file cannot be read). */
export function chooseEngine(
  requested: 'auto' | 'js' | 'duckdb',
  files: readonly { readonly path: string; readonly bytes: number | null }[],
): EngineChoice {
  if (requested !== 'auto') return { engine: requested, forced: true, why: `--engine ${requested}` };
  const kinds = new Set(files.map((f) => kindOfFile(f.path)));
  const [kind] = kinds;
  if (kinds.size !== 1 || kind === undefined || kind === null)
    return { engine: 'js', forced: false, why: 'DuckDB reads only .parquet, .csv or .csv.gz files of one kind' };
  if (files.some((f) => f.bytes === null)) return { engine: 'js', forced: false, why: 'a file cannot be read' };
  const bytes = files.reduce((n, f) => n + (f.bytes ?? 0), 0);
  const from = DUCKDB_FROM_BYTES[kind];
  return bytes >= from
    ? { engine: 'duckdb', forced: false, why: `${megabytes(bytes)} of ${kind}, DuckDB from ${megabytes(from)}` }
    : { engine: 'js', forced: false, why: `${megabytes(bytes)} of ${kind}, DuckDB from ${megabytes(from)}` };
}

const sizeOf = (path: string): number | null => {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
};

/** The JavaScript engine runs the preview; `line` says so, printed once the run succeeded. */
export interface JsEngine {
  readonly engine: 'js';
  readonly line: string;
}

/**
 * The result of a SQL preview, an exit code when the command is done (the query printed, or a
 * problem said in one line), or the JavaScript engine's turn.
 */
export async function sqlPreview(
  command: PreviewCommand,
  enrollment: Enrollment,
  patterns: readonly CreditPattern[] | undefined,
  io: Io,
): Promise<PreviewResult | number | JsEngine> {
  const { sql } = command;
  const options: SqlRunOptions = {
    ...(command.month === null ? {} : { month: command.month }),
    ...(patterns === undefined ? {} : { creditPatterns: patterns }),
  };
  if (sql.athenaTable !== null) {
    const query = athenaQuery(enrollment, sql.athenaTable, sql.curDialect, options);
    if (!query.ok) {
      io.stderr(`${PROGRAM}: ${query.message}\n`);
      return 2;
    }
    io.stdout(query.sql);
    return 0;
  }
  if (sql.fromAthena !== null) return done(readAthenaResult(enrollment, sql.fromAthena, sql.curDialect, options), io);
  const choice = chooseEngine(
    sql.engine,
    command.curs.map((path) => ({ path, bytes: sizeOf(path) })),
  );
  // One line on standard error once the run succeeded: the engine and why (a problem stays one line).
  if (choice.engine === 'js') return { engine: 'js', line: `${PROGRAM}: engine js (${choice.why})\n` };
  const outcome = await runDuckDbPreview(enrollment, command.curs, options);
  if (!outcome.ok && !choice.forced && outcome.fallback !== undefined)
    return { engine: 'js', line: `${PROGRAM}: engine js (${choice.why}, but ${outcome.fallback})\n` };
  if (outcome.ok) io.stderr(`${PROGRAM}: engine duckdb (${choice.why})\n`);
  return done(outcome, io);
}

function done(outcome: SqlRunOutcome, io: Io): PreviewResult | number {
  if (!outcome.ok) {
    io.stderr(`${PROGRAM}: ${outcome.message}\n`);
    return 2;
  }
  return outcome.result;
}
