/**
 * The two SQL dialects the compiler writes: DuckDB (local Parquet and CSV) and Athena (Trino,
 * where the MSP's CUR lives). Only what differs between them is here; everything else the
 * compiler writes is SQL both accept.
 */

export type SqlDialectId = 'duckdb' | 'athena';

export interface SqlDialect {
  readonly id: SqlDialectId;
  /** ISO weekday of a timestamp, 1 = Monday … 7 = Sunday. */
  weekday(ts: string): string;
  /** A regular expression search, case-insensitive when `ignoreCase`. */
  regexpLike(text: string, pattern: string, ignoreCase?: boolean): string;
  /** One key of a map column (CUR 2.0 `product`, `discount`); `json` when the column holds JSON text. */
  mapGet(column: string, key: string, json: boolean): string;
  /** The instant 1 ms before a timestamp (end instants are exclusive). */
  minusMilli(ts: string): string;
  /** "YYYY-MM-DD" of a timestamp. */
  dayText(ts: string): string;
  /** A TIMESTAMP WITH TIME ZONE as the UTC TIMESTAMP (DuckDB's Parquet from CSV has them). */
  fromTimestampTz(ts: string): string;
  /** The exact sum of BIGINT units: DuckDB sums BIGINT into a 128-bit integer; Trino's BIGINT sum would overflow, so DECIMAL(38, 0). */
  sumUnits(units: string): string;
  /** An ISO instant written as text ("2024-09-01T00:00:00Z", "2024-09-01 00:00:00") as a UTC timestamp. */
  parseInstant(text: string): string;
  /** A DOUBLE as BIGINT units of 10^-10, the nearest unit of |x| signed (fromNumber). */
  unitsOfDouble(x: string): string;
  /**
   * The number paired with a text key (NULL for none), or undefined where a join with a VALUES
   * table is the dialect's way (Athena).
   */
  lookup?(key: string, entries: readonly (readonly [string, number])[]): string;
  /** `expr` is one of these SQL literals (already written); never empty. */
  inList(expr: string, literals: readonly string[]): string;
}

/** A SQL string literal: quotes doubled, so no value a user typed can end the string. */
export const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** A quoted identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A DOUBLE literal in both dialects (a bare 1.03 is DECIMAL in DuckDB and Trino): "1.03e0". */
export function doubleLit(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`doubleLit: ${value}`);
  const text = String(value);
  return /e/i.test(text) ? text : `${text}e0`;
}

const inSql = (expr: string, literals: readonly string[]): string => `${expr} IN (${literals.join(', ')})`;

export const DUCKDB: SqlDialect = {
  id: 'duckdb',
  weekday: (ts) => `isodow(${ts})`,
  regexpLike: (text, pattern, ignoreCase = false) =>
    `regexp_matches(${text}, ${lit(pattern)}${ignoreCase ? ", 'i'" : ''})`,
  mapGet: (column, key, json) =>
    json ? `json_extract_string(${column}, ${lit(`$.${key}`)})` : `${column}[${lit(key)}]`,
  minusMilli: (ts) => `(${ts} - INTERVAL 1 MILLISECOND)`,
  dayText: (ts) => `strftime(${ts}, '%Y-%m-%d')`,
  // The connection runs with TimeZone UTC: a time without zone is UTC, as CUR means it.
  parseInstant: (text) => `CAST(CAST(NULLIF(trim(${text}), '') AS TIMESTAMPTZ) AS TIMESTAMP)`,
  // Through microseconds since 1970: a cast through the time zone library costs 20 times more.
  fromTimestampTz: (ts) => `make_timestamp(epoch_us(${ts}))`,
  sumUnits: (units) => `CAST(sum(${units}) AS DECIMAL(38, 0))`,
  // DuckDB plans `x IN (...)` as a join with the list (10^7 rows: 0.5 s for 8 line types);
  // list_contains is a function evaluated on the column's dictionary (0.1 s).
  inList: (expr, literals) => `list_contains([${literals.join(', ')}], ${expr})`,
  // A MAP literal: a hash lookup on the column's dictionary (0.1 s at 10^7 rows; the join 0.7 s).
  lookup: (key, entries) =>
    entries.length === 0
      ? 'CAST(NULL AS INTEGER)'
      : `MAP {${entries.map(([k, v]) => `${lit(k)}: ${v}`).join(', ')}}[${key}]`,
  // DuckDB's round() of a DOUBLE is half away from zero already (round(-2.5) = -3).
  unitsOfDouble: (x) => `CAST(round(CAST(${x} AS DOUBLE) * 1e10) AS BIGINT)`,
};

export const ATHENA: SqlDialect = {
  id: 'athena',
  weekday: (ts) => `day_of_week(${ts})`,
  regexpLike: (text, pattern, ignoreCase = false) =>
    `regexp_like(${text}, ${lit(ignoreCase ? `(?i)${pattern}` : pattern)})`,
  // element_at gives NULL for a missing key where map[key] fails the query.
  mapGet: (column, key, json) =>
    json ? `json_extract_scalar(${column}, ${lit(`$.${key}`)})` : `element_at(${column}, ${lit(key)})`,
  minusMilli: (ts) => `date_add('millisecond', -1, ${ts})`,
  dayText: (ts) => `date_format(${ts}, '%Y-%m-%d')`,
  parseInstant: (text) => `from_iso8601_timestamp(NULLIF(trim(${text}), ''))`,
  fromTimestampTz: (ts) => `CAST(${ts} AS TIMESTAMP)`,
  sumUnits: (units) => `sum(CAST(${units} AS DECIMAL(38, 0)))`,
  inList: inSql,
  // Trino's round() of a DOUBLE may round half up: through |x|, then the sign.
  unitsOfDouble: (x) => `CAST(sign(${x}) * round(abs(CAST(${x} AS DOUBLE)) * 1e10) AS BIGINT)`,
};

export const SQL_DIALECTS: Record<SqlDialectId, SqlDialect> = { duckdb: DUCKDB, athena: ATHENA };
