/**
 * `msp-enroll preview` through SQL (issue 14): `--engine duckdb`, `--sql athena --table`,
 * `--from-athena`. Kept apart from preview-command.ts, which calls `sqlPreview` first.
 */
import type { Enrollment } from '../core/enrollment';
import type { CreditPattern } from '../core/preview/credit-patterns';
import type { PreviewResult } from '../core/preview/runner';
import type { Command } from './args';
import type { Io } from './main';
import { athenaQuery, readAthenaResult, runDuckDbPreview, type SqlRunOptions } from './preview-sql';

const PROGRAM = 'msp-enroll';
type PreviewCommand = Extract<Command, { kind: 'preview' }>;

/**
 * The result of a SQL preview, an exit code when the command is done (the query printed, or a
 * problem said in one line), or null when the JavaScript engine runs it.
 */
export async function sqlPreview(
  command: PreviewCommand,
  enrollment: Enrollment,
  patterns: readonly CreditPattern[] | undefined,
  io: Io,
): Promise<PreviewResult | number | null> {
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
  if (sql.fromAthena === null && sql.engine === 'js') return null;
  const outcome =
    sql.fromAthena !== null
      ? readAthenaResult(enrollment, sql.fromAthena, sql.curDialect, options)
      : await runDuckDbPreview(enrollment, command.curs, options);
  if (!outcome.ok) {
    io.stderr(`${PROGRAM}: ${outcome.message}\n`);
    return 2;
  }
  return outcome.result;
}
