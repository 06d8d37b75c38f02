/** Shared by the CLI tests: temporary folders, the CLI run in-process, workbooks built with exceljs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLE = join(ROOT, 'examples', 'enrollment.xlsx');
export const FIXTURES = join(__dirname, 'fixtures');

/** A fresh temporary folder per test file; `cleanup` in afterAll. */
export function tempDir(): { readonly path: (name: string) => string; readonly cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'msp-enroll-test-'));
  return { path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI in this process, output captured. */
export async function cli(...argv: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Loads a workbook with exceljs (to change it and write it back as a test case). */
export async function loadWithExcelJs(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

export interface JsonFinding {
  readonly severity: string;
  readonly sheet: string;
  readonly cell: string | null;
  readonly code: string;
  readonly message: string;
}

/** Parses `--json` output, insisting on the contract's shape. */
export function parseFindings(stdout: string): JsonFinding[] {
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || !('findings' in parsed) || !Array.isArray(parsed.findings)) {
    throw new Error(`not {"findings": [...]}: ${stdout}`);
  }
  return parsed.findings.map((f: unknown) => {
    if (
      typeof f === 'object' &&
      f !== null &&
      'severity' in f &&
      'sheet' in f &&
      'cell' in f &&
      'code' in f &&
      'message' in f &&
      typeof f.severity === 'string' &&
      typeof f.sheet === 'string' &&
      (typeof f.cell === 'string' || f.cell === null) &&
      typeof f.code === 'string' &&
      typeof f.message === 'string'
    ) {
      return { severity: f.severity, sheet: f.sheet, cell: f.cell, code: f.code, message: f.message };
    }
    throw new Error(`not a finding: ${JSON.stringify(f)}`);
  });
}
