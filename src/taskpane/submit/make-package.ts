/**
 * The package, made in the pane by the core (`buildPackage`), with what the pane adds: the
 * SHA-256 of the ZIP (for the Submission Log), a file name not used before in this pane session
 * (submitting twice the same day gives `…-2025-03-14.zip` then `…-2025-03-14-2.zip`), and the
 * counts the log records. This module is only loaded with the Submit view (fflate and the package
 * code stay out of the pane's first download).
 */
import type { Enrollment } from '../../core/enrollment';
import { buildPackage, type BuiltPackage } from '../../core/package';
import { sha256Hex } from '../../core/package/digest';
import type { WorkbookFile } from '../../excel/host';
// The default import: webpack will stop supporting named imports from JSON modules.
import packageJson from '../../../package.json';

export const TOOL_VERSION: string = packageJson.version;

export interface Counts {
  /** null: the workbook lists no accounts. */
  readonly accounts: number | null;
  readonly subsets: number;
  readonly workflows: number;
  /** null: no End Customers sheet yet. */
  readonly endCustomers: number | null;
}

export interface Submission {
  readonly fileName: string;
  readonly built: BuiltPackage;
  /** SHA-256 of the ZIP bytes, 64 hex digits. */
  readonly sha256: string;
  readonly counts: Counts;
  readonly workbook: WorkbookFile;
  readonly now: Date;
}

export function countsOf(enrollment: Enrollment): Counts {
  return {
    accounts: enrollment.accounts === null ? null : enrollment.accounts.length,
    subsets: enrollment.subsets.length,
    workflows: enrollment.workflows.length,
    endCustomers: enrollment.endCustomers === null ? null : enrollment.endCustomers.length,
  };
}

/** `name.zip`, or `name-2.zip`, `name-3.zip`… when taken. */
export function distinctName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/\.zip$/i, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}.zip`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function makeSubmission(
  enrollment: Enrollment,
  workbook: WorkbookFile,
  options: { now: Date; taken: ReadonlySet<string>; toolVersion?: string },
): Promise<Submission> {
  const built = await buildPackage(enrollment, workbook.bytes, {
    source: workbook.source,
    toolVersion: options.toolVersion ?? TOOL_VERSION,
    now: options.now,
  });
  return {
    fileName: distinctName(built.fileName, options.taken),
    built,
    sha256: await sha256Hex(built.bytes),
    counts: countsOf(enrollment),
    workbook,
    now: options.now,
  };
}
