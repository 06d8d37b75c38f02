/**
 * `msp-enroll`: the command line on the same core as the add-in. `run` does the work and
 * returns the exit code (tests call it in-process); `main` wires it to the process.
 */
import { hasErrors } from '../core/findings';
import type { WorkbookInput } from '../core/port';
import { validateWorkbook } from '../core/validate';
import { parseArgs, SHORT_USAGE, USAGE, type Command } from './args';
import { formatHuman, formatJson } from './format';
import { readWorkbookFile, UnreadableWorkbookError } from './xlsx-read';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

const PROGRAM = 'msp-enroll';

/** Runs one command line. Never throws: every failure is a message on `stderr` and an exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(
      `${PROGRAM}: ${parsed.error}\n${SHORT_USAGE}Run "${PROGRAM} --help" for the commands, options and exit codes.\n`,
    );
    return EXIT_UNREADABLE;
  }
  try {
    return await execute(parsed.command, io);
  } catch (e) {
    // A bug, not a property of the file: still one line, unless asked for the whole story.
    io.stderr(`${PROGRAM}: internal error: ${firstLine(e)}\n`);
    if (process.env['MSP_ENROLL_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined)
      io.stderr(`${e.stack}\n`);
    return EXIT_UNREADABLE;
  }
}

// The commands that write workbooks or packages are loaded on use: exceljs alone takes a
// quarter of a second to load, a third of a small `preview` or `validate` run.
async function execute(command: Command, io: Io): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_OK;
    case 'init':
      return init(command.file, command.force, io);
    case 'validate':
      return validate(command.file, command.json, io);
    case 'package':
      return (await import('./package-command')).packageCommand(command.file, command.out, command.force, io, {
        include: command.include,
        list: command.list,
      });
    case 'verify':
      return (await import('./verify-command')).verifyCommand(command.file, command.json, io);
    case 'preview':
      // Loaded on use: the Parquet and CSV readers are not needed by the other commands.
      return (await import('./preview-command')).previewCommand(command, io);
  }
}

async function init(file: string, force: boolean, io: Io): Promise<number> {
  const { buildWorkbook, FileExistsError, writeWorkbookFile } = await import('./xlsx-write');
  try {
    await writeWorkbookFile(buildWorkbook(), file, { overwrite: force });
  } catch (e) {
    if (e instanceof FileExistsError) {
      io.stderr(`${PROGRAM}: ${file} already exists; use --force to replace it\n`);
    } else {
      io.stderr(`${PROGRAM}: cannot write ${file}: ${describeWriteError(e)}\n`);
    }
    return EXIT_FINDINGS;
  }
  io.stdout(
    `Wrote ${file}. Fill in the Enrollment values and the other sheets, then run: ${PROGRAM} validate ${file}\n`,
  );
  return EXIT_OK;
}

async function validate(file: string, json: boolean, io: Io): Promise<number> {
  let workbook: WorkbookInput;
  try {
    workbook = (await readWorkbookFile(file)).workbook;
  } catch (e) {
    if (!(e instanceof UnreadableWorkbookError)) throw e;
    io.stderr(`${PROGRAM}: cannot read ${file}: ${e.message}\n`);
    return EXIT_UNREADABLE;
  }
  const { findings } = validateWorkbook(workbook);
  io.stdout(json ? formatJson(findings) : formatHuman(findings));
  return hasErrors(findings) ? EXIT_FINDINGS : EXIT_OK;
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

function describeWriteError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
    case 'ENOTEMPTY':
      return 'it is a directory';
    default:
      return firstLine(e);
  }
}

/** The process's side: arguments in, text out, exit code set (not forced, so output drains). */
export function main(): void {
  const ignoreClosedPipe = (e: NodeJS.ErrnoException): void => {
    if (e.code !== 'EPIPE') throw e;
  };
  process.stdout.on('error', ignoreClosedPipe);
  process.stderr.on('error', ignoreClosedPipe);
  const io: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };
  void run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
