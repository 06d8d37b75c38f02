/**
 * Builds the package for Spot: a ZIP of workbook.xlsx, enrollment.json, enrollment.schema.json,
 * ticket.txt and manifest.json. Deterministic: the same enrollment and workbook bytes give the
 * same ZIP bytes except for manifest.json's `packagedAt` (and the CRC-32 the ZIP records for it).
 */
import { zipSync, type Zippable } from 'fflate';
import type { Enrollment } from '../enrollment';
import { canonicalJson } from './canonical-json';
import { checkEnrollmentText } from './check';
import { sha256Hex } from './digest';
import {
  DATA_FILES,
  ENROLLMENT_FILE,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  SCHEMA_FILE,
  TICKET_FILE,
  WORKBOOK_FILE,
  type DataFileName,
} from './files';
import { packageFileName } from './file-name';
import { holdsMacros } from './macros';
import { isoInstant, isPackageInstant, type Manifest, type WorkbookSource } from './manifest';
import type { PackageProblem } from './problems';
import { enrollmentSchemaText } from './schema';
import { ticketText } from './ticket';
import { enrollmentCredentialProblems, workbookProblems } from './workbook-check';

export const TOOL_NAME = 'msp-enroll';

export interface BuildOptions {
  /** How the workbook bytes were obtained (said in the manifest). */
  readonly source: WorkbookSource;
  /** The tool's version (package.json's `version`). */
  readonly toolVersion: string;
  /** The package time: manifest.json's `packagedAt` and the date in the file name. */
  readonly now: Date;
}

export interface BuiltPackage {
  /** `<msp>-<management account>-<YYYY-MM-DD>.zip` (see file-name.ts). */
  readonly fileName: string;
  /** The ZIP archive. */
  readonly bytes: Uint8Array;
  readonly manifest: Manifest;
}

/** The enrollment cannot be packaged: it is not one that validation produces. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
  constructor(readonly problems: readonly PackageProblem[]) {
    super(`The enrollment cannot be packaged: ${problems.map((p) => p.message).join(' ')}`);
  }
}

/**
 * Every entry's time: 1980-01-01 00:00:00, the earliest a ZIP can record. fflate writes the DOS
 * date and time from the local-time fields of the Date, so the Date is made from local fields,
 * at each build (the time zone may have changed since this module loaded): the bytes are the same
 * in every time zone.
 */
const zipTime = (): Date => new Date(1980, 0, 1, 0, 0, 0);
/** Deflate level for the text files; workbook.xlsx (already compressed) and manifest.json are stored. */
const DEFLATE_LEVEL = 6;

const utf8 = new TextEncoder();

export async function buildPackage(
  enrollment: Enrollment,
  workbookBytes: Uint8Array,
  options: BuildOptions,
): Promise<BuiltPackage> {
  if (!isPackageInstant(options.now))
    throw new RangeError('buildPackage: `now` must be a valid date in the years 0-9999');
  if (options.toolVersion.trim() === '') throw new RangeError('buildPackage: `toolVersion` is empty');
  if (workbookBytes.length === 0) throw new RangeError('buildPackage: the workbook is empty (0 bytes)');
  // The callers rebuild a macro-enabled workbook from its values; this is the last guard.
  if (options.source === 'original-file' && holdsMacros(workbookBytes))
    throw new RangeError(
      'buildPackage: the workbook holds macros, which are never packaged; rebuild it from its values',
    );

  const enrollmentJson = canonicalJson(enrollment);
  // The same checks verify runs: the packager never writes a package that verify would refuse.
  const check = checkEnrollmentText(enrollmentJson);
  if (check.problems.length > 0) throw new PackageError(check.problems);
  // Nothing hidden, live or secret goes to Spot (issue 16): the same rule as verify's.
  const unfit = [...enrollmentCredentialProblems(enrollment), ...workbookProblems(workbookBytes)];
  if (unfit.length > 0) throw new PackageError(unfit);

  const contents: Record<DataFileName, Uint8Array> = {
    [WORKBOOK_FILE]: workbookBytes,
    [ENROLLMENT_FILE]: utf8.encode(enrollmentJson),
    [SCHEMA_FILE]: utf8.encode(enrollmentSchemaText()),
    [TICKET_FILE]: utf8.encode(ticketText(enrollment)),
  };
  const files = await Promise.all(
    DATA_FILES.map(async (name) => ({ name, size: contents[name].length, sha256: await sha256Hex(contents[name]) })),
  );
  const { msp } = enrollment;
  const manifest: Manifest = {
    packageFormat: PACKAGE_FORMAT,
    schemaVersion: enrollment.schemaVersion,
    packagedAt: isoInstant(options.now),
    tool: { name: TOOL_NAME, version: options.toolVersion },
    msp: { name: msp.name, spotOrgId: msp.spotOrgId, managementAccountId: msp.managementAccountId },
    workbookSource: options.source,
    files,
  };

  // Insertion order is ZIP order (none of the names is an integer-like key).
  const zippable: Zippable = {};
  for (const name of DATA_FILES)
    zippable[name] = [contents[name], { level: name === WORKBOOK_FILE ? 0 : DEFLATE_LEVEL }];
  zippable[MANIFEST_FILE] = [utf8.encode(canonicalJson(manifest)), { level: 0 }];
  const bytes = zipSync(zippable, { mtime: zipTime(), os: 0, attrs: 0 });

  return { fileName: packageFileName(msp.name, msp.managementAccountId, options.now), bytes, manifest };
}
