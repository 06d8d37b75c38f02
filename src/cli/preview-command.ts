/**
 * `msp-enroll preview WORKBOOK CUR... [--month YYYY-MM] [--json | --csv | --html FILE]`: the
 * workbook's workflows run on the MSP's own CUR (docs/preview.md).
 *
 * Exit 0: the preview ran; 1: the workbook has errors (printed, as validate does); 2: a file could
 * not be read, is not a CUR, holds two payers or crosses a month (one line on standard error).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hasErrors } from '../core/findings';
import { CreditPatternsSchema, type CreditPattern } from '../core/preview/credit-patterns';
import type { PreviewResult } from '../core/preview/runner';
import { runPreview, type Progress } from '../core/preview/source';
import { validateWorkbook } from '../core/validate';
import type { Command } from './args';
import { formatHuman } from './format';
import type { Io } from './main';
import { formatPreviewCsv, formatPreviewHtml, formatPreviewJson, formatPreviewText } from './preview-format';
import { openCurFile } from './preview-read';
import { sqlPreview } from './preview-sql-command';
import { readWorkbookFile, UnreadableWorkbookError } from './xlsx-read';

const PROGRAM = 'msp-enroll';
type PreviewCommand = Extract<Command, { kind: 'preview' }>;

/** Progress lines at most this often, and only once a run has taken this long. */
const PROGRESS_MS = 1000;
const PROGRESS_ROWS = 100_000;

export async function previewCommand(command: PreviewCommand, io: Io): Promise<number> {
  let patterns: readonly CreditPattern[] | undefined;
  if (command.creditPatterns !== null) {
    const loaded = loadPatterns(command.creditPatterns);
    if (typeof loaded === 'string') {
      io.stderr(`${PROGRAM}: ${loaded}\n`);
      return 2;
    }
    patterns = loaded;
  }
  let workbook;
  try {
    workbook = (await readWorkbookFile(command.file)).workbook;
  } catch (e) {
    if (!(e instanceof UnreadableWorkbookError)) throw e;
    io.stderr(`${PROGRAM}: cannot read ${command.file}: ${e.message}\n`);
    return 2;
  }
  const validation = validateWorkbook(workbook);
  if (hasErrors(validation.findings) || validation.enrollment === null) {
    io.stdout(formatHuman(validation.findings));
    io.stderr(`${PROGRAM}: ${command.file} has errors; fix them before previewing its workflows\n`);
    return 1;
  }
  // Issue 14: the SQL engines and the Athena query (preview-sql-command.ts).
  const viaSql = await sqlPreview(command, validation.enrollment, patterns, io);
  if (typeof viaSql === 'number') return viaSql;
  if (!('line' in viaSql)) return report(viaSql, command, io);
  const started = Date.now();
  let lastReport = started;
  let rowsDone = 0;
  let passRows = 0;
  let lastFile = '';
  let lastPass = 1;
  const onProgress = (p: Progress): void => {
    if (p.file !== lastFile || p.pass !== lastPass) {
      rowsDone += passRows;
      passRows = 0;
      lastFile = p.file;
      lastPass = p.pass;
    }
    passRows = p.rows;
    const now = Date.now();
    if (now - lastReport < PROGRESS_MS || rowsDone + passRows < PROGRESS_ROWS) return;
    lastReport = now;
    const rows = rowsDone + passRows;
    const rate = Math.round(rows / ((now - started) / 1000));
    const pass = p.passes === 2 ? ` (pass ${p.pass} of 2)` : '';
    io.stderr(`${PROGRAM}: ${rows.toLocaleString('en-US')} rows read${pass}, ${rate.toLocaleString('en-US')} rows/s\n`);
  };
  const outcome = await runPreview({
    enrollment: validation.enrollment,
    files: command.curs,
    open: openCurFile,
    options: {
      ...(command.month === null ? {} : { month: command.month }),
      ...(patterns === undefined ? {} : { creditPatterns: patterns }),
    },
    onProgress,
  });
  if (!outcome.ok) {
    io.stderr(`${PROGRAM}: ${outcome.note.message}\n`);
    return 2;
  }
  const elapsed = Date.now() - started;
  if (elapsed >= PROGRESS_MS && outcome.result.rows.read >= PROGRESS_ROWS) {
    const rows = outcome.result.rows.read;
    io.stderr(
      `${PROGRAM}: ${rows.toLocaleString('en-US')} rows in ${(elapsed / 1000).toFixed(1)} s, ${Math.round(rows / (elapsed / 1000)).toLocaleString('en-US')} rows/s\n`,
    );
  }
  io.stderr(viaSql.line);
  return report(outcome.result, command, io);
}

/** The report of a preview: the HTML file when asked, then the table, JSON or CSV. */
function report(result: PreviewResult, command: PreviewCommand, io: Io): number {
  if (command.html !== null) {
    try {
      writeFileSync(command.html, formatPreviewHtml(result));
    } catch (e) {
      io.stderr(`${PROGRAM}: cannot write ${command.html}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  io.stdout(
    command.format === 'json'
      ? formatPreviewJson(result)
      : command.format === 'csv'
        ? formatPreviewCsv(result)
        : formatPreviewText(result),
  );
  return 0;
}

function loadPatterns(path: string): readonly CreditPattern[] | string {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return `cannot read ${path} as JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const parsed = CreditPatternsSchema.safeParse(json);
  if (!parsed.success)
    return `${path} must be a JSON list of {"program": "edp" | "data-egress-waiver" | "apn-partner-accelerator" | "solution-provider-program", "pattern": "regular expression"}`;
  for (const p of parsed.data) {
    try {
      new RegExp(p.pattern, 'i');
    } catch {
      return `${path}: the pattern ${JSON.stringify(p.pattern)} is not a valid regular expression`;
    }
  }
  return parsed.data;
}
