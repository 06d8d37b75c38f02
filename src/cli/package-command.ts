/**
 * `msp-enroll package FILE [-o OUT.zip] [--force]`: the package for Spot, built by the core from
 * the workbook file's own bytes. Refuses (exit 1) while the workbook has errors, printing them;
 * never replaces an existing file unless --force is given.
 */
import { constants, readFileSync } from 'node:fs';
import { copyFile, link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hasErrors } from '../core/findings';
import type { WorkbookInput } from '../core/port';
import {
  buildPackage,
  holdsMacros,
  PackageError,
  PACKAGE_FILES,
  workbookToXlsx,
  type BuiltPackage,
} from '../core/package';
import { isContractSheet } from '../core/sheets';
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
export async function packageCommand(file: string, out: string | null, force: boolean, io: Io): Promise<number> {
  // Refuse early, before the work, when the target is known and taken.
  const outIsFolder = out !== null && (await isDirectory(out));
  if (out !== null && !outIsFolder && !force && (await exists(out))) {
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

  const { findings, enrollment } = validateWorkbook(workbook);
  if (hasErrors(findings) || enrollment === null) {
    io.stdout(formatHuman(findings));
    io.stderr(`${PROGRAM}: ${file} has errors, so nothing was packaged. Fix them, then package again.\n`);
    return EXIT_REFUSED;
  }
  if (findings.length > 0) io.stdout(formatHuman(findings));

  // Macros are never packaged: a workbook holding them goes in rebuilt from its enrollment sheets' values.
  const macros = holdsMacros(bytes);
  if (macros) {
    io.stdout(
      `${file} holds macros, which are never packaged: the package holds the enrollment sheets rebuilt from their values.\n`,
    );
  }
  const workbookBytes = macros
    ? workbookToXlsx({ sheets: workbook.sheets.filter((s) => isContractSheet(s.name)) })
    : bytes;
  let built: BuiltPackage;
  try {
    built = await buildPackage(enrollment, workbookBytes, {
      source: macros ? 'rebuilt-from-values' : 'original-file',
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
    `Wrote ${target} (${built.bytes.length} bytes): ${PACKAGE_FILES.join(', ')}\n` +
      `  ${manifest.msp.name}, Spot org ${manifest.msp.spotOrgId}, management account ${manifest.msp.managementAccountId}, packaged ${manifest.packagedAt}\n` +
      `Check it with: ${PROGRAM} verify ${target}\n`,
  );
  return EXIT_OK;
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
