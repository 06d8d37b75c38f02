/**
 * The SQL engines of `msp-enroll preview` (issue 14, docs/preview.md): `--engine duckdb` runs
 * the compiled query on local Parquet and CSV files with @duckdb/node-api (an optional
 * dependency), `--sql athena --table DB.TABLE` prints the query for the MSP's Athena CUR table,
 * and `--from-athena RESULT.csv` reads that query's result back into the same report.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Enrollment } from '../core/enrollment';
import { detectDialect } from '../core/preview/dialects';
import { athenaName, COLUMN_IDS, kindOf, LINE_ITEM_COLUMNS, sourceNames, type Dialect } from '../core/preview/columns';
import type { CreditPattern } from '../core/preview/credit-patterns';
import type { Money } from '../core/preview/money';
import type { PreviewResult } from '../core/preview/runner';
import { compilePreview, type CompiledPreview, type SourceType, type SqlSource } from '../core/preview/sql/compile';
import { ATHENA, DUCKDB, ident, lit } from '../core/preview/sql/dialect';
import { resultFromSqlRows, type SqlResultRow } from '../core/preview/sql/result';

export const DUCKDB_MISSING =
  'the DuckDB engine needs the optional package @duckdb/node-api, which is not installed here: run "npm install @duckdb/node-api" in the msp-enroll folder, or leave out --engine duckdb to use the JavaScript engine';

export interface SqlRunOptions {
  readonly month?: string;
  readonly creditPatterns?: readonly CreditPattern[];
}

/**
 * A problem for the one-line message and exit 2, or the result. `fallback`: why the JavaScript
 * engine should run it instead when no --engine was asked for (DuckDB missing, a workbook or
 * file it cannot take); absent where the JavaScript engine would fail the same way.
 */
export type SqlRunOutcome =
  | { readonly ok: true; readonly result: PreviewResult }
  | { readonly ok: false; readonly message: string; readonly fallback?: string };

type DuckDb = typeof import('@duckdb/node-api');

async function loadDuckDb(): Promise<DuckDb | null> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return null;
  }
}

/** DuckDB's type names as the compiler's source types (null: a column the model cannot use). */
function sourceType(duckType: string): SourceType | null {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR') return 'text';
  if (t === 'JSON') return 'json';
  if (t.startsWith('MAP(')) return 'map';
  if (t === 'TIMESTAMP WITH TIME ZONE' || t === 'TIMESTAMPTZ') return 'timestamptz';
  if (t.startsWith('TIMESTAMP') || t === 'DATE') return 'timestamp';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return 'double';
  if (/^(U?BIGINT|U?INTEGER|U?SMALLINT|U?TINYINT|HUGEINT)$/.test(t)) return 'integer';
  return null;
}

/** The DuckDB relation over the files: Parquet, or CSV (gzip by extension) read as text, as the JavaScript readers do. */
function relationOf(files: readonly string[]): string | { error: string } {
  const parquet = files.filter((f) => /\.parquet$/i.test(f));
  const csv = files.filter((f) => /\.csv(\.gz)?$/i.test(f));
  const list = `[${files.map(lit).join(', ')}]`;
  if (parquet.length === files.length) return `read_parquet(${list}, union_by_name = true)`;
  if (csv.length === files.length)
    return `read_csv(${list}, header = true, all_varchar = true, union_by_name = true, auto_detect = true)`;
  return { error: 'the DuckDB engine reads files of one kind at a time: all .parquet, or all .csv / .csv.gz' };
}

/** DuckDB's message in one line (its errors end with a newline and may span several). */
const oneLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).trim().replace(/\s*\n\s*/g, ' ');

const toMoney = (v: unknown): Money | null => (v === null || v === undefined || v === '' ? null : BigInt(String(v)));

/** A result row keyed by the query's column names (DuckDB's JSON rows, or an Athena CSV record). */
function toRow(record: Readonly<Record<string, unknown>>, stages: number, tallies: number): SqlResultRow {
  const text = (k: string): string | null => {
    const v = record[k];
    return v === null || v === undefined ? null : String(v);
  };
  const subset = text('subset_no');
  return {
    kind: ((k) => (k === 'other-month' || k === 'other-provider' ? k : 'line'))(text('kind')),
    month: text('month_key'),
    payer: text('payer'),
    subset: subset === null || subset === '' ? null : Number(subset),
    account: text('account') ?? '',
    service: text('service') ?? '',
    rows: Number(text('n') ?? 0),
    sums: Array.from({ length: stages }, (_, k) => toMoney(record[`s${k}`])),
    tallies: Array.from({ length: tallies }, (_, i) => {
      const rows = text(`tn${i}`);
      return { rows: rows === null || rows === '' ? null : Number(rows), units: toMoney(record[`tu${i}`]) };
    }),
  };
}

export async function runDuckDbPreview(
  enrollment: Enrollment,
  files: readonly string[],
  options: SqlRunOptions,
): Promise<SqlRunOutcome> {
  const duckdb = await loadDuckDb();
  if (duckdb === null) return { ok: false, message: DUCKDB_MISSING, fallback: '@duckdb/node-api is not installed' };
  const relation = relationOf(files);
  if (typeof relation !== 'string') return { ok: false, message: relation.error, fallback: relation.error };
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // Times without a zone are UTC, as CUR means them (and weekdays are UTC days).
    await connection.run("SET TimeZone = 'UTC'");
    // No memory limit: at 10^7 rows a limit of 400 MB or 1 GB made the query spill and run 7 times slower.
    let described;
    try {
      described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJson();
    } catch (e) {
      const message = `cannot read ${files.join(', ')}: ${oneLine(e)}`;
      return { ok: false, message, fallback: 'DuckDB cannot read the files' };
    }
    const columns = described.flatMap((c) => {
      const type = sourceType(String(c.column_type));
      return type === null ? [] : [{ name: String(c.column_name), type }];
    });
    const dialect = detectDialect(described.map((c) => String(c.column_name)));
    if (dialect === null)
      return {
        ok: false,
        message: `${files[0]} is not a Cost and Usage Report: its header has none of lineItem/UnblendedCost or line_item_unblended_cost`,
      };
    const compiled = compilePreview(enrollment, DUCKDB, { from: relation, dialect, columns }, options);
    if (!compiled.ok) return { ok: false, message: compiled.message, fallback: compiled.message };
    let records;
    try {
      records = (await connection.runAndReadAll(compiled.compiled.sql)).getRowObjectsJson();
    } catch (e) {
      // DuckDB's error quotes the query ("LINE 2: ...^"), which means nothing to the user; the
      // JavaScript engine names the file, column and row of a value it cannot read.
      const reason = oneLine(e).replace(/\s*LINE \d+:.*$/, '');
      const message = `DuckDB could not run the preview (${reason}); run it again with --engine js, which names the file and row of a value it cannot read`;
      return { ok: false, message, fallback: `DuckDB could not run the preview (${reason})` };
    }
    const rows = records.map((r) => toRow(r, compiled.compiled.stages, compiled.compiled.tallies.count));
    const outcome = resultFromSqlRows(enrollment, compiled.compiled, dialect, rows, options.month);
    return outcome.ok ? outcome : { ok: false, message: outcome.note.message };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The columns of the MSP's Athena CUR table, as AWS's integration creates it: legacy CUR
 * (snake-case names, DOUBLE costs, TIMESTAMP dates) or CUR 2.0 (plus the `product` and
 * `discount` maps).
 */
export function athenaColumns(dialect: 'cur-athena' | 'cur2'): SqlSource['columns'] {
  const columns = new Map<string, SourceType>();
  for (const column of COLUMN_IDS) {
    const [name] = sourceNames(column, dialect);
    if (name === undefined) continue;
    if (typeof name !== 'string') {
      columns.set(name.map, 'map');
      continue;
    }
    const kind = kindOf(column);
    // Rates are strings in the legacy table; read as text, a DOUBLE column works as well.
    columns.set(name, kind === 'money' ? 'double' : kind === 'time' ? 'timestamp' : 'text');
  }
  // Billing period start is a TIMESTAMP in both tables.
  const period = LINE_ITEM_COLUMNS.billingPeriodStart.cur;
  columns.set(athenaName(period), 'timestamp');
  return [...columns].map(([name, type]) => ({ name, type }));
}

const TABLE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/;

/** The query for the MSP's Athena table, restricted to the month's partitions when one is given. */
export function athenaQuery(
  enrollment: Enrollment,
  table: string,
  dialect: 'cur-athena' | 'cur2',
  options: SqlRunOptions,
): { ok: true; sql: string; compiled: CompiledPreview } | { ok: false; message: string } {
  if (!TABLE.test(table))
    return { ok: false, message: `--table must be DATABASE.TABLE (letters, digits, _ and -), not "${table}"` };
  const where: string[] = [];
  if (options.month !== undefined) {
    const [year, month] = options.month.split('-') as [string, string];
    // Legacy CUR partitions by year and month (strings, the month without a leading zero); CUR 2.0 by billing_period.
    if (dialect === 'cur-athena') where.push(`"year" = ${lit(year)}`, `"month" = ${lit(String(Number(month)))}`);
    else where.push(`billing_period = ${lit(options.month)}`);
  }
  const from = table.split('.').map(ident).join('.');
  const compiled = compilePreview(
    enrollment,
    ATHENA,
    { from, dialect, columns: athenaColumns(dialect), where },
    options,
  );
  if (!compiled.ok) return compiled;
  return { ok: true, sql: `${compiled.compiled.sql};\n`, compiled: compiled.compiled };
}

/** An Athena result CSV (the console's download, or the S3 output of `aws athena start-query-execution`) as the report. */
export function readAthenaResult(
  enrollment: Enrollment,
  path: string,
  dialect: 'cur-athena' | 'cur2',
  options: SqlRunOptions,
): SqlRunOutcome {
  const query = athenaQuery(enrollment, 'cur.table', dialect, options);
  if (!query.ok) return query;
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
  } catch (e) {
    return { ok: false, message: `cannot read ${path} as CSV: ${e instanceof Error ? e.message : String(e)}` };
  }
  const stages = query.compiled.stages;
  const expected = [
    'kind',
    'subset_no',
    'account',
    'service',
    'n',
    ...Array.from({ length: stages }, (_, k) => `s${k}`),
    ...Array.from({ length: query.compiled.tallies.count }, (_, i) => [`tn${i}`, `tu${i}`]).flat(),
  ];
  const header = records.length === 0 ? expected : Object.keys(records[0]!);
  const absent = expected.filter((c) => !header.includes(c));
  if (absent.length > 0)
    return {
      ok: false,
      message: `${path} is not the result of this workbook's Athena query (no ${absent.join(', ')} column); run the query printed by --sql athena for this workbook`,
    };
  let rows: SqlResultRow[];
  try {
    rows = records.map((r) => toRow(r, stages, query.compiled.tallies.count));
  } catch {
    return { ok: false, message: `${path}: a sum column holds something that is not a whole number of units` };
  }
  const outcome = resultFromSqlRows(enrollment, query.compiled, dialect, rows, options.month);
  return outcome.ok ? outcome : { ok: false, message: outcome.note.message };
}

export type { Dialect };
