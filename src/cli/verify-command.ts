/**
 * `msp-enroll verify PACKAGE.zip [--json]`: checks a package the way Spot's intake would (the
 * core's `verifyPackage`), with the CLI's exceljs reader for workbook.xlsx, so that the workbook
 * is also checked to give the enrollment in enrollment.json.
 *
 * Exit 0: the package is intact and valid; 1: it has problems (each named, with the file it is
 * about); 2: the file could not be read (no such file, not a ZIP archive).
 */
import { readFile } from 'node:fs/promises';
import { verifyPackage, type PackageProblem, type VerifyResult } from '../core/package';
import { findingRef } from './format';
import type { Io } from './main';
import { describeReadError, toolVersion } from './package-command';
import { readWorkbookBytes } from './xlsx-read';

const PROGRAM = 'msp-enroll';
const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_UNREADABLE = 2;

/** Findings listed under a revalidation-failed or workbook-mismatch problem, at most. */
const MAX_FINDINGS = 10;

export async function verifyCommand(file: string, json: boolean, io: Io): Promise<number> {
  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = await readFile(file);
  } catch (e) {
    io.stderr(`${PROGRAM}: cannot read ${file}: ${describeReadError(e)}\n`);
    return EXIT_UNREADABLE;
  }
  const result = await verifyPackage(bytes, {
    // A copy: the reader wants a Buffer of its own.
    readWorkbook: async (workbook) => (await readWorkbookBytes(Buffer.from(workbook))).workbook,
    toolVersion: toolVersion(),
  });
  const unreadable = result.problems.find((p) => p.kind === 'archive-unreadable');
  if (unreadable !== undefined) {
    io.stderr(
      `${PROGRAM}: cannot read ${file}: ${unreadable.message.charAt(0).toLowerCase()}${unreadable.message.slice(1)}\n`,
    );
    return EXIT_UNREADABLE;
  }
  io.stdout(json ? formatJson(result) : formatHuman(file, result));
  return result.ok ? EXIT_OK : EXIT_PROBLEMS;
}

/** `{"ok": …, "problems": [{"kind", "file", "message"}]}`. */
function formatJson(result: VerifyResult): string {
  return (
    JSON.stringify(
      { ok: result.ok, problems: result.problems.map((p) => ({ kind: p.kind, file: p.file, message: p.message })) },
      null,
      2,
    ) + '\n'
  );
}

function formatHuman(file: string, result: VerifyResult): string {
  const { manifest } = result;
  if (result.ok && manifest !== null) {
    return (
      `OK ${file}\n` +
      `  ${manifest.msp.name}, Spot org ${manifest.msp.spotOrgId}, management account ${manifest.msp.managementAccountId}\n` +
      `  packaged ${manifest.packagedAt} by ${manifest.tool.name} ${manifest.tool.version} (workbook: ${manifest.workbookSource})\n` +
      `  every file matches its SHA-256; enrollment.json fits the schema and the workbook contract; workbook.xlsx gives the same enrollment\n`
    );
  }
  const lines = result.problems.flatMap(problemLines);
  const n = result.problems.length;
  return `${lines.join('\n')}\n\n${n} ${n === 1 ? 'problem' : 'problems'} in ${file}\n`;
}

function problemLines(p: PackageProblem): string[] {
  const head = `${p.file ?? '(package)'}  ${p.kind}  ${oneLine(p.message)}`;
  const findings = p.findings ?? [];
  const listed = findings
    .slice(0, MAX_FINDINGS)
    .map((f) => `    ${findingRef(f)}  ${f.severity}  ${oneLine(f.message)}`);
  if (findings.length > MAX_FINDINGS) listed.push(`    and ${findings.length - MAX_FINDINGS} more`);
  return [head, ...listed];
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
