/** The command line of `msp-enroll`: what it accepts, and its usage text. */

export const SHORT_USAGE = `Usage:
  msp-enroll init FILE [--force]
  msp-enroll validate FILE [--json]
  msp-enroll package FILE [-o OUT.zip] [--force] [--include SHEET]... [--list]
  msp-enroll verify PACKAGE.zip [--json]
  msp-enroll preview WORKBOOK CUR... [--month YYYY-MM] [--json | --csv | --html FILE] [--engine js | duckdb]
  msp-enroll preview WORKBOOK --sql athena --table DB.TABLE [--month YYYY-MM] [--cur-dialect cur-athena | cur2]
  msp-enroll preview WORKBOOK --from-athena RESULT.csv [--month YYYY-MM] [--json | --csv | --html FILE]
  msp-enroll --help
`;

export const USAGE = `${SHORT_USAGE}
Commands:
  init FILE       Write an empty enrollment workbook: every sheet and header, the
                  Enrollment fields, ID columns formatted as text, and dropdowns.
                  Refuses to replace an existing FILE unless --force is given.
  validate FILE   Check an enrollment workbook (.xlsx) and print what is wrong,
                  grouped by sheet, with a summary line.
  package FILE    Build the package for Spot (a .zip of the workbook, enrollment.json,
                  its schema, ticket.txt and manifest.json). Refuses while the workbook
                  has errors, printing them, and never replaces a file unless --force.
                  workbook.xlsx holds the enrollment sheets' values only; what the file
                  carries besides (hidden sheets, properties, comments, links) is listed
                  and left out. Text that looks like a credential blocks it.
  verify PACKAGE  Check a package: every file against its SHA-256 in the manifest,
                  enrollment.json against the schema and the workbook rules, and the
                  workbook against enrollment.json. Names each problem.
  preview WORKBOOK CUR...
                  Run the workbook's billing workflows on the MSP's own Cost and Usage
                  Report (.parquet, .csv or .csv.gz files of one month: legacy CUR, CUR 2.0
                  or FOCUS) and print, per subset, the charge before, after each step and
                  the difference, then the approximations and warnings (docs/preview.md).

Options:
  --json          validate: print one JSON object {"findings": [...]} instead;
                  verify: print {"ok": ..., "problems": [...]} instead
  --force         init: replace FILE if it exists; package: replace OUT.zip
  --month YYYY-MM preview: the billing month to preview when the files hold several
  --csv           preview: print the lines (subset, account, service, each step) as CSV
  --html FILE     preview: also write a self-contained HTML report (waterfall per subset)
  --credit-patterns FILE
                  preview: a JSON list of {"program", "pattern"} telling credit programs
                  apart by description, instead of the built-in table
  --engine js | duckdb
                  preview: the engine; duckdb runs the workflows as one SQL query with
                  the optional package @duckdb/node-api (npm install @duckdb/node-api);
                  without it, duckdb where it is installed and the files are large
                  enough for it to pay (the line on standard error says which)
  --sql athena    preview: print the Athena (Trino) query of the workbook's workflows for
                  the CUR table given by --table DB.TABLE, instead of reading files
  --cur-dialect cur-athena | cur2
                  preview --sql, --from-athena: the table is a legacy CUR with Athena
                  integration (default) or a CUR 2.0 export
  --from-athena RESULT.csv
                  preview: the report from the result of that query, run in Athena
  -o, --output OUT.zip
                  package: where to write (a folder: the package's own name in it;
                  default: the package's own name in the current folder)
  --include SHEET package: ship this sheet too (values only); repeat for more
  --list          package: list what would ship and what is left out; write nothing
  -h, --help      Show this help

Exit status:
  0  validate: no errors (warnings allowed); init, package: the file was written; verify: the package is valid
  1  validate, package, preview: the workbook has errors; init, package: the file exists or could not be written; verify: the package has problems
  2  FILE could not be read as a workbook (verify: as a ZIP package; preview: a CUR file is
     not a CUR, has two payers or crosses a month), or the command line is wrong
`;

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'init'; readonly file: string; readonly force: boolean }
  | { readonly kind: 'validate'; readonly file: string; readonly json: boolean }
  | {
      readonly kind: 'package';
      readonly file: string;
      readonly out: string | null;
      readonly force: boolean;
      /** Sheets beyond the contract's to ship (`--include`, repeatable). */
      readonly include: readonly string[];
      /** `--list`: say what would ship and what is left out; write nothing. */
      readonly list: boolean;
    }
  | { readonly kind: 'verify'; readonly file: string; readonly json: boolean }
  | {
      readonly kind: 'preview';
      readonly file: string;
      readonly curs: readonly string[];
      readonly format: 'text' | 'json' | 'csv';
      readonly html: string | null;
      readonly month: string | null;
      readonly creditPatterns: string | null;
      /** Issue 14: the SQL engines (src/cli/preview-sql-command.ts). */
      readonly sql: SqlPreviewArgs;
    };

/** The SQL side of `preview`: the engine, or the Athena query and its result. */
export interface SqlPreviewArgs {
  /** `auto`: no --engine, the input decides (preview-sql-command.ts, chooseEngine). */
  readonly engine: 'auto' | 'js' | 'duckdb';
  /** `--sql athena --table DB.TABLE`: print the query. */
  readonly athenaTable: string | null;
  readonly fromAthena: string | null;
  readonly curDialect: 'cur-athena' | 'cur2';
}

export type Parsed = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: string };

type CommandName = 'init' | 'validate' | 'package' | 'verify' | 'preview';
const COMMANDS: readonly string[] = ['init', 'validate', 'package', 'verify', 'preview'];
const FLAGS: Record<CommandName, readonly string[]> = {
  init: ['--force'],
  validate: ['--json'],
  package: ['--force', '--output', '--include', '--list'],
  verify: ['--json'],
  preview: [
    '--json',
    '--csv',
    '--html',
    '--month',
    '--credit-patterns',
    '--engine',
    '--sql',
    '--table',
    '--from-athena',
    '--cur-dialect',
  ],
};
/** Options that take a value (the next argument, or `--output=VALUE`), by their long name. */
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '-o': '--output',
  '--output': '--output',
  '--include': '--include',
  '--html': '--html',
  '--month': '--month',
  '--credit-patterns': '--credit-patterns',
  '--engine': '--engine',
  '--sql': '--sql',
  '--table': '--table',
  '--from-athena': '--from-athena',
  '--cur-dialect': '--cur-dialect',
};

/** Options may come before or after FILE; `--` ends them (for a file whose name starts with -). */
export function parseArgs(argv: readonly string[]): Parsed {
  if (argv.length === 0) return { ok: false, error: 'no command given' };
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const includes: string[] = [];
  const spelled = new Map<string, string>();
  let help = false;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const valueOption = optionsEnded ? undefined : VALUE_OPTIONS[arg.split('=')[0] ?? ''];
    if (valueOption !== undefined) {
      const eq = arg.indexOf('=');
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { ok: false, error: `option "${arg}" needs a value` };
      flags.add(valueOption);
      values.set(valueOption, value);
      if (valueOption === '--include') includes.push(value);
      spelled.set(valueOption, arg.split('=')[0] ?? arg);
    } else if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && (arg === '-h' || arg === '--help')) help = true;
    else if (!optionsEnded && arg.startsWith('-') && arg !== '-') flags.add(arg);
    else positional.push(arg);
  }
  const [name, ...rest] = positional;
  if (help || name === 'help') return { ok: true, command: { kind: 'help' } };
  if (name === undefined) return { ok: false, error: 'no command given' };
  if (!isCommandName(name)) return { ok: false, error: `unknown command "${name}"` };

  const unknown = [...flags].find((f) => !FLAGS[name].includes(f));
  if (unknown !== undefined) {
    return { ok: false, error: `unknown option "${spelled.get(unknown) ?? unknown}" for ${name}` };
  }
  if (name === 'preview') return previewCommand(rest, flags, values);
  if (rest.length > 1) return { ok: false, error: `${name} takes one FILE, not ${rest.length}` };
  const [file] = rest;
  if (file === undefined) return { ok: false, error: `${name} needs a FILE` };
  switch (name) {
    case 'init':
      return { ok: true, command: { kind: 'init', file, force: flags.has('--force') } };
    case 'validate':
      return { ok: true, command: { kind: 'validate', file, json: flags.has('--json') } };
    case 'package':
      return {
        ok: true,
        command: {
          kind: 'package',
          file,
          out: values.get('--output') ?? null,
          force: flags.has('--force'),
          include: includes,
          list: flags.has('--list'),
        },
      };
    case 'verify':
      return { ok: true, command: { kind: 'verify', file, json: flags.has('--json') } };
  }
}

function previewCommand(
  rest: readonly string[],
  flags: ReadonlySet<string>,
  values: ReadonlyMap<string, string>,
): Parsed {
  const [file, ...curs] = rest;
  const sql = sqlPreviewArgs(values, curs.length);
  if (typeof sql === 'string') return { ok: false, error: sql };
  if (file === undefined) return { ok: false, error: 'preview needs a WORKBOOK and at least one CUR file' };
  if (curs.length === 0 && sql.athenaTable === null && sql.fromAthena === null)
    return { ok: false, error: 'preview needs at least one CUR file after the WORKBOOK' };
  if (flags.has('--json') && flags.has('--csv')) return { ok: false, error: 'preview takes --json or --csv, not both' };
  const month = values.get('--month') ?? null;
  if (month !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    return { ok: false, error: `--month must be a month such as 2024-09, not "${month}"` };
  return {
    ok: true,
    command: {
      kind: 'preview',
      file,
      curs,
      format: flags.has('--json') ? 'json' : flags.has('--csv') ? 'csv' : 'text',
      html: values.get('--html') ?? null,
      month,
      creditPatterns: values.get('--credit-patterns') ?? null,
      sql,
    },
  };
}

/** `--engine`, `--sql athena --table`, `--from-athena`, `--cur-dialect` (issue 14); an error message, or the arguments. */
function sqlPreviewArgs(values: ReadonlyMap<string, string>, curs: number): SqlPreviewArgs | string {
  const given = values.get('--engine');
  if (given !== undefined && given !== 'js' && given !== 'duckdb')
    return `--engine must be js or duckdb, not "${given}"`;
  const engine = given ?? 'auto';
  const sql = values.get('--sql') ?? null;
  if (sql !== null && sql !== 'athena') return `--sql must be athena, not "${sql}"`;
  const table = values.get('--table') ?? null;
  if (sql !== null && table === null) return '--sql athena needs --table DATABASE.TABLE (the CUR table in Athena)';
  if (sql === null && table !== null) return '--table goes with --sql athena';
  const fromAthena = values.get('--from-athena') ?? null;
  const curDialect = values.get('--cur-dialect') ?? 'cur-athena';
  if (curDialect !== 'cur-athena' && curDialect !== 'cur2')
    return `--cur-dialect must be cur-athena or cur2, not "${curDialect}"`;
  if (values.has('--cur-dialect') && sql === null && fromAthena === null)
    return '--cur-dialect goes with --sql athena or --from-athena (files say their own dialect)';
  if ((sql !== null || fromAthena !== null) && curs > 0)
    return `${sql !== null ? '--sql athena' : '--from-athena'} reads no CUR files; leave them out, or drop the option to preview the files`;
  if (sql !== null && fromAthena !== null) return 'preview takes --sql athena or --from-athena, not both';
  if (engine === 'duckdb' && (sql !== null || fromAthena !== null))
    return '--engine duckdb runs on CUR files; it does not go with --sql athena or --from-athena';
  return { engine, athenaTable: table, fromAthena, curDialect };
}

const isCommandName = (name: string): name is CommandName => COMMANDS.includes(name);
