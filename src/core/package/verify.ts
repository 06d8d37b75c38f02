/**
 * Checks a package: that it holds exactly its five files under safe names, that every file
 * matches its size and SHA-256 in manifest.json, that enrollment.json fits the schema and the
 * workbook contract's rules, and that the files derived from it (schema, ticket, the manifest's
 * MSP fields) are what the packager writes for it; that workbook.xlsx is visible sheets of values
 * only and nothing in the package looks like a credential (workbook-check.ts). With a workbook
 * reader, also that workbook.xlsx gives that same enrollment.
 */
import type { Enrollment } from '../enrollment';
import type { WorkbookInput } from '../port';
import { validateWorkbook } from '../validate';
import { canonicalJson } from './canonical-json';
import { checkEnrollmentText, firstDifferentLine, formatPath } from './check';
import { sha256Hex } from './digest';
import {
  ENROLLMENT_FILE,
  MANIFEST_FILE,
  PACKAGE_FILES,
  SCHEMA_FILE,
  TICKET_FILE,
  WORKBOOK_FILE,
  isPackageFile,
  type PackageFileName,
} from './files';
import { ManifestSchema, type Manifest } from './manifest';
import { problem, type PackageProblem } from './problems';
import { enrollmentSchemaText } from './schema';
import { ticketText } from './ticket';
import { firstInvalidUtf8 } from '../utf8';
import { enrollmentCredentialProblems, workbookProblems } from './workbook-check';
import { listEntries, readEntry, ZipFormatError, type ZipEntry } from './zip-read';

export interface VerifyOptions {
  /**
   * Reads workbook.xlsx into the port (the command line passes its exceljs reader). Without one,
   * workbook.xlsx is checked by its size and hash only.
   */
  readonly readWorkbook?: (bytes: Uint8Array) => Promise<WorkbookInput>;
  /** This tool's version: a derived file that differs in a package another version made says so. */
  readonly toolVersion?: string;
}

export interface VerifyResult {
  /** True when there is no problem. */
  readonly ok: boolean;
  /** In the order checked: entry names, manifest, hashes, enrollment.json, derived files, workbook. */
  readonly problems: readonly PackageProblem[];
  /** manifest.json, when it is a valid manifest. */
  readonly manifest: Manifest | null;
  /** enrollment.json, when it fits the schema. */
  readonly enrollment: Enrollment | null;
}

/**
 * True when unpacking an entry of this name could write outside the folder it is unpacked in, or
 * where the name means something else on some system: empty, a leading `/`, a `..` segment, a
 * backslash (a separator on Windows), `:` (drive letters such as `C:`, NTFS streams), or a
 * control character.
 */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name === '' ||
    name.startsWith('/') ||
    name.split('/').includes('..') ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f' || ch === '\\' || ch === ':')
  );
}

/** The most the five files may unpack to together (a 50,000-account package is about 11 MB). */
const MAX_UNPACKED = 1024 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a file, or null when it is not UTF-8. */
function decode(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Verifies a package. Never throws: a check that fails unexpectedly is a `check-failed` problem
 * naming the check and the reason, so that a package is only ever "valid" when every check ran.
 */
export async function verifyPackage(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  try {
    return await verifyUnguarded(bytes, options);
  } catch (e) {
    return done([problem('check-failed', null, { check: 'the package', reason: firstLine(e) })], null, null);
  }
}

async function verifyUnguarded(bytes: Uint8Array, options: VerifyOptions): Promise<VerifyResult> {
  let entries: ZipEntry[];
  try {
    entries = listEntries(bytes);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    return done([problem('archive-unreadable', null, { reason: e.message })], null, null);
  }
  const problems: PackageProblem[] = [];

  // ---- names and kinds of entry -------------------------------------------------------------------
  const byName = new Map<string, ZipEntry[]>();
  for (const entry of entries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  const byFolded = new Map<string, string>();
  for (const [name, same] of byName) {
    if (isUnsafeEntryName(name)) problems.push(problem('unsafe-entry-name', name, { name }));
    else if (!isPackageFile(name)) problems.push(problem('unexpected-entry', name, { name }));
    if (same.length > 1) problems.push(problem('duplicate-entry', name, { name, count: same.length }));
    const other = byFolded.get(name.toLowerCase());
    if (other !== undefined) problems.push(problem('case-duplicate-entry', name, { name, other }));
    else byFolded.set(name.toLowerCase(), name);
  }
  for (const entry of entries) {
    problems.push(...entryKindProblems(entry));
    if (entry.localName === entry.name) continue;
    if (isUnsafeEntryName(entry.localName)) {
      problems.push(problem('unsafe-entry-name', entry.localName, { name: entry.localName }));
    }
    problems.push(problem('entry-name-mismatch', entry.name, { name: entry.name, localName: entry.localName }));
  }
  for (const name of PACKAGE_FILES) if (!byName.has(name)) problems.push(problem('missing-file', name, { name }));
  // A link, directory or device among the five is not that file, whatever its bytes say.
  const notAFile = new Set(
    problems.filter((p) => p.kind === 'link-entry' || p.kind === 'directory-entry').map((p) => p.file),
  );

  // ---- contents (of the package's own names, each present once) ------------------------------------
  const contents = new Map<PackageFileName, Uint8Array>();
  let unpacked = 0;
  for (const name of PACKAGE_FILES) {
    const same = byName.get(name);
    if (same?.length !== 1 || same[0] === undefined || notAFile.has(name)) continue;
    unpacked += same[0].size;
    if (unpacked > MAX_UNPACKED) {
      problems.push(problem('corrupt-entry', name, { name, reason: 'the package would unpack to more than 1 GiB' }));
      continue;
    }
    try {
      contents.set(name, readEntry(bytes, same[0]));
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw e;
      problems.push(problem('corrupt-entry', name, { name, reason: e.message }));
    }
  }

  // ---- manifest and hashes -------------------------------------------------------------------------
  const manifest = readManifest(contents.get(MANIFEST_FILE), problems);
  if (manifest !== null) {
    for (const file of manifest.files) {
      const content = contents.get(file.name);
      if (content === undefined) continue; // missing or unreadable: said above
      if (content.length !== file.size) {
        problems.push(
          problem('size-mismatch', file.name, { name: file.name, expected: file.size, actual: content.length }),
        );
        continue;
      }
      const actual = await sha256Hex(content);
      if (actual !== file.sha256) {
        problems.push(problem('hash-mismatch', file.name, { name: file.name, expected: file.sha256, actual }));
      }
    }
  }

  // ---- enrollment.json -----------------------------------------------------------------------------
  const enrollmentBytes = contents.get(ENROLLMENT_FILE);
  const enrollmentText = enrollmentBytes === undefined ? null : decode(enrollmentBytes);
  let enrollment: Enrollment | null = null;
  if (enrollmentBytes !== undefined && enrollmentText === null) {
    problems.push(
      problem('json-invalid', ENROLLMENT_FILE, { name: ENROLLMENT_FILE, reason: notUtf8Reason(enrollmentBytes) }),
    );
  } else if (enrollmentText !== null) {
    const check = checkEnrollmentText(enrollmentText);
    problems.push(...check.problems);
    enrollment = check.enrollment;
  }

  // ---- what is derived from it -----------------------------------------------------------------------
  const model = enrollment;
  if (model !== null) {
    if (manifest !== null) problems.push(...compareManifest(manifest, model));
    const madeBy =
      manifest !== null && options.toolVersion !== undefined && manifest.tool.version !== options.toolVersion
        ? `${manifest.tool.name} ${manifest.tool.version}`
        : null;
    const derived: [PackageFileName, () => string][] = [
      [SCHEMA_FILE, enrollmentSchemaText],
      [TICKET_FILE, () => ticketText(model)],
    ];
    for (const [name, expected] of derived) {
      const content = contents.get(name);
      if (content === undefined) continue;
      const actual = decode(content) ?? '';
      const want = expected();
      if (actual !== want) {
        problems.push(problem('derived-file-mismatch', name, { name, line: firstDifferentLine(want, actual), madeBy }));
      }
    }
  }

  // ---- nothing hidden, live or secret (issue 16): the packager's own rule -------------------------
  const workbookBytes = contents.get(WORKBOOK_FILE);
  if (model !== null) problems.push(...enrollmentCredentialProblems(model));
  if (workbookBytes !== undefined) problems.push(...workbookProblems(workbookBytes));

  // ---- workbook.xlsx -------------------------------------------------------------------------------
  if (options.readWorkbook !== undefined && workbookBytes !== undefined && enrollmentText !== null) {
    problems.push(...(await checkWorkbook(workbookBytes, enrollmentText, options.readWorkbook)));
  }
  return done(problems, manifest, enrollment);
}

/** Unix file types (the mode's top bits) and the bits msp-enroll never writes. */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const SPECIAL_BITS = 0o7111; // set-user-ID, set-group-ID, sticky, executable

/** Symbolic links, directories and unusual modes: what unpacking would make of the entry. */
function entryKindProblems(entry: ZipEntry): PackageProblem[] {
  const out: PackageProblem[] = [];
  if (!entry.nameIsUtf8) {
    out.push(problem('entry-name-not-utf8', entry.name, { name: entry.name, bytes: nameBytesHex(entry) }));
  }
  const mode = entry.unixMode;
  const type = mode === null ? 0 : mode & S_IFMT;
  if (type === S_IFLNK) out.push(problem('link-entry', entry.name, { name: entry.name }));
  else if (type === S_IFDIR || entry.dosDirectory || entry.name.endsWith('/')) {
    out.push(problem('directory-entry', entry.name, { name: entry.name }));
  } else if (mode !== null && ((type !== 0 && type !== S_IFREG) || (mode & SPECIAL_BITS) !== 0)) {
    out.push(problem('entry-mode', entry.name, { name: entry.name, mode: `0${mode.toString(8)}` }));
  }
  return out;
}

/** The raw bytes of an entry's name, in hex (at most 32 bytes). */
function nameBytesHex(entry: ZipEntry): string {
  let hex = '';
  for (const b of entry.nameBytes.subarray(0, 32)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** "it is not UTF-8 text (the first byte that is not is at offset 123, line 4)". */
function notUtf8Reason(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return `it is not UTF-8 text (the first byte that is not is at offset ${at}, line ${line})`;
}

function done(problems: PackageProblem[], manifest: Manifest | null, enrollment: Enrollment | null): VerifyResult {
  return { ok: problems.length === 0, problems, manifest, enrollment };
}

function readManifest(bytes: Uint8Array | undefined, problems: PackageProblem[]): Manifest | null {
  if (bytes === undefined) return null;
  const text = decode(bytes);
  if (text === null) {
    problems.push(problem('manifest-invalid', MANIFEST_FILE, { reason: notUtf8Reason(bytes) }));
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    problems.push(problem('manifest-invalid', MANIFEST_FILE, { reason: `it is not valid JSON (${firstLine(e)})` }));
    return null;
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${formatPath(i.path)}: ${i.message}`)
      .join('; ');
    problems.push(problem('manifest-invalid', MANIFEST_FILE, { reason }));
    return null;
  }
  return parsed.data;
}

function compareManifest(manifest: Manifest, enrollment: Enrollment): PackageProblem[] {
  const pairs: [string, string, string][] = [
    ['schemaVersion', String(manifest.schemaVersion), String(enrollment.schemaVersion)],
    ['msp.name', manifest.msp.name, enrollment.msp.name],
    ['msp.spotOrgId', manifest.msp.spotOrgId, enrollment.msp.spotOrgId],
    ['msp.managementAccountId', manifest.msp.managementAccountId, enrollment.msp.managementAccountId],
  ];
  return pairs
    .filter(([, m, e]) => m !== e)
    .map(([field, m, e]) =>
      problem('manifest-mismatch', MANIFEST_FILE, {
        field,
        manifest: JSON.stringify(m),
        enrollment: JSON.stringify(e),
      }),
    );
}

async function checkWorkbook(
  bytes: Uint8Array,
  enrollmentText: string,
  read: (bytes: Uint8Array) => Promise<WorkbookInput>,
): Promise<PackageProblem[]> {
  let workbook: WorkbookInput;
  try {
    workbook = await read(bytes);
  } catch (e) {
    return [problem('workbook-unreadable', WORKBOOK_FILE, { reason: firstLine(e) })];
  }
  const result = validateWorkbook(workbook);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (first !== undefined) {
    const at = first.cell === null ? first.sheet : `${first.sheet}!${first.cell}`;
    const reason = `it has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; ${errors.length === 1 ? 'it' : 'the first'}, at ${at}: ${first.message}`;
    return [problem('workbook-mismatch', WORKBOOK_FILE, { reason }, errors)];
  }
  const given = result.enrollment === null ? '' : canonicalJson(result.enrollment);
  if (given !== enrollmentText) {
    const line = firstDifferentLine(given, enrollmentText);
    return [
      problem('workbook-mismatch', WORKBOOK_FILE, {
        reason: `the enrollment it gives differs from enrollment.json at line ${line}`,
      }),
    ];
  }
  return [];
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() || 'unknown error';
}
