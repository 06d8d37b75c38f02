/**
 * `msp-enroll package FILE [-o OUT.zip] [--force] [--include SHEET]... [--list]`: the package for
 * Spot, built by the core. workbook.xlsx is rebuilt from the values of the contract's sheets (and
 * of the sheets named by --include); what the file carries besides is listed and left out (issue
 * 16, one rule for every host). Refuses (exit 1) while the workbook has errors or what would ship
 * holds text that looks like a credential; never replaces an existing file unless --force.
 */
import { constants, readFileSync } from 'node:fs';
import { copyFile, link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hasErrors } from '../core/findings';
import type { WorkbookInput } from '../core/port';
import { buildPackage, PackageError, PACKAGE_FILES, workbookToXlsx, type BuiltPackage } from '../core/package';
import { ContentsError, inspectXlsx, type WorkbookContents } from '../core/package/contents';
import { describeCredential, describeLeftOut, planShipment } from '../core/package/shipment';
import { validateWorkbook } from '../core/validate';
import { formatHuman } from './format';
import type { Io } from './main';
import { readWorkbookBytes, UnreadableWorkbookError } from './xlsx-read';
import { FileExistsError } from './xlsx-write';

const PROGRAM = 'msp-enroll';
const EXIT_OK = 0;
const EXIT_REFUSED = 1;
const EXIT_UNREADABLE = 2;

/**
 * Packages FILE into OUT (a .zip path, or an existing folder to put the package's own name in;
 * null: the package's own name in the current folder).
 */
export interface PackageFlags {
  /** Sheets to ship besides the contract's. */
  readonly include?: readonly string[];
  /** Only list what would ship and what is left out. */
  readonly list?: boolean;
}

export async function packageCommand(
  file: string,
  out: string | null,
  force: boolean,
  io: Io,
  flags: PackageFlags = {},
): Promise<number> {
  // Refuse early, before the work, when the target is known and taken.
  const outIsFolder = out !== null && (await isDirectory(out));
  if (flags.list !== true && out !== null && !outIsFolder && !force && (await exists(out))) {
    io.stderr(`${PROGRAM}: ${out} already exists; use --force to replace it, or choose another -o\n`);
    return EXIT_REFUSED;
  }

  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = await readFile(file);
  } catch (e) {
    io.stderr(`${PROGRAM}: cannot read ${file}: ${describeReadError(e)}\n`);
    return EXIT_UNREADABLE;
  }
  let workbook: WorkbookInput;
  try {
    workbook = (await readWorkbookBytes(bytes)).workbook;
  } catch (e) {
    if (!(e instanceof UnreadableWorkbookError)) throw e;
    io.stderr(`${PROGRAM}: cannot read ${file}: ${e.message}\n`);
    return EXIT_UNREADABLE;
  }

  let contents: WorkbookContents | null;
  try {
    contents = inspectXlsx(bytes);
  } catch (e) {
    if (!(e instanceof ContentsError)) throw e;
    contents = null; // exceljs read it: list from the cells alone
  }
  const plan = planShipment(workbook, contents, flags.include ?? []);
  if (plan.unknown.length > 0) {
    io.stderr(
      `${PROGRAM}: ${file} has no sheet ${plan.unknown.map((n) => `"${n}"`).join(', ')} to include; its sheets are ${(contents?.sheets ?? workbook.sheets).map((s) => `"${s.name}"`).join(', ')}\n`,
    );
    return EXIT_UNREADABLE;
  }
  const listing = shipmentListing(plan.sheets, describeLeftOut(plan.leftOut));
  if (flags.list === true) {
    io.stdout(listing);
    for (const hit of plan.credentials) io.stdout(`  BLOCKS: ${describeCredential(hit)}\n`);
    return plan.credentials.length > 0 ? EXIT_REFUSED : EXIT_OK;
  }

  const { findings, enrollment } = validateWorkbook(workbook);
  if (hasErrors(findings) || enrollment === null) {
    io.stdout(formatHuman(findings));
    io.stderr(`${PROGRAM}: ${file} has errors, so nothing was packaged. Fix them, then package again.\n`);
    return EXIT_REFUSED;
  }
  if (findings.length > 0) io.stdout(formatHuman(findings));
  if (plan.credentials.length > 0) {
    for (const hit of plan.credentials) io.stdout(`${describeCredential(hit)}\n`);
    io.stderr(`${PROGRAM}: ${file} holds text that looks like a credential, so nothing was packaged.\n`);
    return EXIT_REFUSED;
  }

  let built: BuiltPackage;
  try {
    built = await buildPackage(enrollment, workbookToXlsx(plan.port), {
      source: 'rebuilt-from-values',
      toolVersion: toolVersion(),
      now: new Date(),
    });
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    io.stderr(`${PROGRAM}: ${e.message}\n`);
    return EXIT_REFUSED;
  }

  const target = out === null ? built.fileName : outIsFolder ? join(out, built.fileName) : out;
  if (await sameFile(target, file)) {
    io.stderr(`${PROGRAM}: ${target} is the workbook itself; choose another -o\n`);
    return EXIT_REFUSED;
  }
  try {
    await writeNewFile(target, built.bytes, force);
  } catch (e) {
    if (e instanceof FileExistsError) {
      io.stderr(`${PROGRAM}: ${target} already exists; use --force to replace it, or choose another -o\n`);
    } else {
      io.stderr(`${PROGRAM}: cannot write ${target}: ${describeWriteError(e)}\n`);
    }
    return EXIT_REFUSED;
  }
  const { manifest } = built;
  io.stdout(
    listing +
      `Wrote ${target} (${built.bytes.length} bytes): ${PACKAGE_FILES.join(', ')}\n` +
      `  ${manifest.msp.name}, Spot org ${manifest.msp.spotOrgId}, management account ${manifest.msp.managementAccountId}, packaged ${manifest.packagedAt}\n` +
      `Check it with: ${PROGRAM} verify ${target}\n`,
  );
  return EXIT_OK;
}

/** What ships and what is left out, as the package command prints it. */
function shipmentListing(sheets: readonly string[], leftOut: readonly string[]): string {
  const ships = `workbook.xlsx ships the values of: ${sheets.map((s) => `"${s}"`).join(', ')}\n`;
  if (leftOut.length === 0) return ships;
  return `${ships}Left out (--include SHEET to ship a sheet too):\n${leftOut.map((l) => `  ${l}\n`).join('')}`;
}

// ---- the tool's version -----------------------------------------------------------------------------

let version: string | undefined;

/** package.json's `version`: found by walking up from this module (src/cli in tests, dist/cli/cli when built). */
export function toolVersion(): string {
  if (version !== undefined) return version;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const json: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof json === 'object' && json !== null && 'name' in json && json.name === PROGRAM && 'version' in json) {
        if (typeof json.version === 'string' && json.version !== '') return (version = json.version);
      }
    } catch {
      // no package.json here, or not ours: look further up
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the package.json of ${PROGRAM} above ${__dirname}`);
  }
}

// ---- files ---------------------------------------------------------------------------------------------

/**
 * Writes `bytes` to `path` through a temporary file in the same folder, so that a failed write
 * never leaves half a package. Without `overwrite`, the file appears through `link`, which fails
 * when the name is taken, even when another process took it a moment ago: nothing is replaced.
 */
async function writeNewFile(path: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temp, bytes, { flag: 'wx' });
  try {
    if (overwrite) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (e) {
      if (codeOf(e) === 'EEXIST') throw new FileExistsError(`${path} already exists`);
      // A file system without hard links (FAT, some network shares): an exclusive copy instead.
      try {
        await copyFile(temp, path, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if (codeOf(copyError) === 'EEXIST') throw new FileExistsError(`${path} already exists`);
        throw copyError;
      }
    }
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined);

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

export function describeReadError(e: unknown): string {
  switch (codeOf(e)) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'this is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `the file could not be opened (${firstLine(e)})`;
  }
}

function describeWriteError(e: unknown): string {
  switch (codeOf(e)) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return firstLine(e);
  }
}
