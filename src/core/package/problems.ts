/**
 * What `verify` says about a package. Every kind is stable (tools and tests key on it), and its
 * English text lives here, in one table, as the findings' does in `findings.ts`.
 */
import type { Finding } from '../findings';
import { PACKAGE_FILES } from './files';

interface KindSpec<A> {
  readonly message: (args: A) => string;
}
const kind = <A>(message: (args: A) => string): KindSpec<A> => ({ message });

const FIVE = PACKAGE_FILES.join(', ');
const EDITED = 'it was changed after packaging; package the workbook again';

export const PROBLEMS = {
  'archive-unreadable': kind<{ reason: string }>((a) => `Not a package: ${a.reason}.`),
  'unsafe-entry-name': kind<{ name: string }>(
    (a) =>
      `The package holds an entry named ${JSON.stringify(a.name)}, which could be unpacked outside its folder (a name with "..", a leading "/", a backslash, a drive letter, ":" or a control character). msp-enroll never writes one: do not unpack this file.`,
  ),
  'entry-name-mismatch': kind<{ name: string; localName: string }>(
    (a) =>
      `The entry listed as ${JSON.stringify(a.name)} is named ${JSON.stringify(a.localName)} in its own header, so unpacking tools disagree about its name. msp-enroll never writes such an entry.`,
  ),
  'unexpected-entry': kind<{ name: string }>(
    (a) =>
      `The package holds ${JSON.stringify(a.name)}, which is not one of its files (${FIVE}): it was added after packaging.`,
  ),
  'duplicate-entry': kind<{ name: string; count: number }>(
    (a) => `${a.name} appears ${a.count} times in the package; unpacking tools would keep only one of them.`,
  ),
  'case-duplicate-entry': kind<{ name: string; other: string }>(
    (a) =>
      `The package holds both ${JSON.stringify(a.other)} and ${JSON.stringify(a.name)}, names that differ only in case: on Windows and macOS one would overwrite the other when unpacked.`,
  ),
  'entry-name-not-utf8': kind<{ name: string; bytes: string }>(
    (a) =>
      `The entry shown as ${JSON.stringify(a.name)} has a name that is not UTF-8 (bytes ${a.bytes}), so unpacking tools may name it differently. msp-enroll never writes one.`,
  ),
  'link-entry': kind<{ name: string }>(
    (a) =>
      `${a.name} is a symbolic link in the package, not a file: unpacked, it would point at whatever path its content names. msp-enroll never writes one: do not unpack this file.`,
  ),
  'directory-entry': kind<{ name: string }>(
    (a) => `The package holds a directory entry ${JSON.stringify(a.name)}; a package holds its five files only.`,
  ),
  'entry-mode': kind<{ name: string; mode: string }>(
    (a) =>
      `${a.name} carries the Unix mode ${a.mode} (executable, set-user-ID, or not a plain file), which msp-enroll never writes: it was repacked after packaging.`,
  ),
  'missing-file': kind<{ name: string }>((a) => `The package has no ${a.name}.`),
  'corrupt-entry': kind<{ name: string; reason: string }>((a) => `${a.name} cannot be unpacked: ${a.reason}.`),
  'manifest-invalid': kind<{ reason: string }>(
    (a) => `manifest.json is not a package manifest: ${a.reason}. The file hashes cannot be checked.`,
  ),
  'size-mismatch': kind<{ name: string; expected: number; actual: number }>(
    (a) => `${a.name} is ${a.actual} bytes, but manifest.json says ${a.expected}: ${EDITED}.`,
  ),
  'hash-mismatch': kind<{ name: string; expected: string; actual: string }>(
    (a) => `${a.name} does not match its SHA-256 in manifest.json (${a.actual}, expected ${a.expected}): ${EDITED}.`,
  ),
  'json-invalid': kind<{ name: string; reason: string }>((a) => `${a.name} is not valid JSON: ${a.reason}.`),
  'schema-version-unsupported': kind<{ found: string; supported: number }>(
    (a) =>
      `enrollment.json has schemaVersion ${a.found}; this version of msp-enroll reads schemaVersion ${a.supported} only.`,
  ),
  'schema-invalid': kind<{ problems: string }>(
    (a) => `enrollment.json does not fit the enrollment schema: ${a.problems}.`,
  ),
  'revalidation-failed': kind<{ count: number; first: string }>(
    (a) =>
      `enrollment.json breaks ${a.count === 1 ? 'a rule' : `${a.count} rules`} of the workbook contract; ${a.count === 1 ? 'it' : 'the first'}: ${a.first}`,
  ),
  'enrollment-not-canonical': kind<{ line: number }>(
    (a) =>
      `enrollment.json is not as msp-enroll writes this enrollment (first difference at line ${a.line}: key order, spacing, or a value such as untrimmed text): ${EDITED}.`,
  ),
  'manifest-mismatch': kind<{ field: string; manifest: string; enrollment: string }>(
    (a) =>
      `manifest.json gives ${a.field} as ${a.manifest}, but enrollment.json as ${a.enrollment}: one of them was changed after packaging.`,
  ),
  'derived-file-mismatch': kind<{ name: string; line: number; madeBy: string | null }>(
    (a) =>
      `${a.name} is not what msp-enroll writes for this enrollment.json (first difference at line ${a.line})${
        a.madeBy === null ? '' : `; the package was made by ${a.madeBy}, so its wording may simply differ`
      }.`,
  ),
  'workbook-not-clean': kind<{ what: string }>(
    (a) =>
      `workbook.xlsx must hold visible sheets of values only, and it has ${a.what}: Spot's staff open it in Excel. Package the workbook again with this version (it rebuilds workbook.xlsx from the values of the shipped sheets).`,
  ),
  'credential-found': kind<{ place: string; what: string }>(
    (a) =>
      `${a.place} holds what looks like ${a.what}. No credential may be sent to Spot: remove it from the workbook (and revoke it, since it was in a file), then package again.`,
  ),
  'workbook-unreadable': kind<{ reason: string }>((a) => `workbook.xlsx cannot be read as a workbook: ${a.reason}.`),
  'check-failed': kind<{ check: string; reason: string }>(
    (a) => `The check of ${a.check} could not be completed (${a.reason}); the package is not known to be valid.`,
  ),
  'workbook-mismatch': kind<{ reason: string }>(
    (a) => `workbook.xlsx does not hold the enrollment in enrollment.json: ${a.reason}.`,
  ),
} as const;

export type ProblemKind = keyof typeof PROBLEMS;
export type ProblemArgs<K extends ProblemKind> = Parameters<(typeof PROBLEMS)[K]['message']>[0];

export interface PackageProblem {
  readonly kind: ProblemKind;
  /** The entry the problem is about (as the archive names it), or null for the package as a whole. */
  readonly file: string | null;
  readonly message: string;
  /** revalidation-failed and workbook-mismatch: the errors validation found. */
  readonly findings?: readonly Finding[];
}

export function problem<K extends ProblemKind>(
  k: K,
  file: string | null,
  args: ProblemArgs<K>,
  findings?: readonly Finding[],
): PackageProblem {
  const spec = PROBLEMS[k] as KindSpec<ProblemArgs<K>>;
  const base = { kind: k, file, message: spec.message(args) };
  return findings === undefined ? base : { ...base, findings };
}
