/** Shared by the package tests: enrollments from fixture workbooks, and packages taken apart and put back together. */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Enrollment } from '../../../src/core/enrollment';
import { buildPackage, workbookToXlsx, type BuildOptions, type BuiltPackage } from '../../../src/core/package';
import type { WorkbookInput } from '../../../src/core/port';
import { validateWorkbook } from '../../../src/core/validate';
import {
  WF1_ROWS,
  WF2_ROWS,
  WF3_ROWS,
  validSheets,
  validWorkbook,
  workbook,
  type Raw,
  type Sheets,
} from '../fixtures/workbooks';

/** The enrollment a workbook validates to; fails the test when it has errors. */
export function enrollmentOf(input: WorkbookInput = validWorkbook()): Enrollment {
  const { enrollment, findings } = validateWorkbook(input);
  if (enrollment === null) {
    throw new Error(
      `the workbook has errors: ${findings.map((f) => `${f.code} ${f.sheet}!${f.cell ?? '-'}`).join(', ')}`,
    );
  }
  return enrollment;
}

export const NOW = new Date('2025-03-14T09:26:53.589Z');
export const LATER = new Date('2026-11-02T23:59:59.001Z');
/** The workbook file: the fixture's sheets rebuilt from their values, as every host now ships it. */
export const WORKBOOK_BYTES = workbookToXlsx(validWorkbook());

export const OPTIONS: BuildOptions = { source: 'rebuilt-from-values', toolVersion: '0.1.0', now: NOW };

export function build(
  enrollment: Enrollment = enrollmentOf(),
  options: Partial<BuildOptions> = {},
): Promise<BuiltPackage> {
  return buildPackage(enrollment, WORKBOOK_BYTES, { ...OPTIONS, ...options });
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
export const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The entries of a ZIP, by name (fflate's reader: independent of the package's own). */
export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** Entries in the order given, each with its own options. */
export function zip(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of entries) zippable[name] = [data, { level: 6 }];
  return zipSync(zippable);
}

interface ManifestLike {
  files: { name: string; size: number; sha256: string }[];
  [key: string]: unknown;
}

/**
 * Unpacks a package, lets `edit` change its entries (an ordered list: rename, drop, add), and
 * packs it again. With `rehash`, manifest.json's sizes and hashes are brought up to date first,
 * as someone covering their tracks would.
 */
export function tamper(
  pkg: Uint8Array,
  edit: (entries: [string, Uint8Array][]) => [string, Uint8Array][] | void,
  options: { rehash?: boolean; manifest?: (m: ManifestLike) => void } = {},
): Uint8Array {
  const files = unzip(pkg);
  let entries: [string, Uint8Array][] = Object.entries(files);
  entries = edit(entries) ?? entries;
  if (options.rehash === true || options.manifest !== undefined) {
    const at = entries.findIndex(([name]) => name === 'manifest.json');
    const current = entries[at];
    if (current === undefined) throw new Error('no manifest.json to rehash');
    const manifest = JSON.parse(text(current[1])) as ManifestLike;
    if (options.rehash === true) {
      for (const file of manifest.files) {
        const data = entries.find(([name]) => name === file.name)?.[1];
        if (data !== undefined) {
          file.size = data.length;
          file.sha256 = sha256(data);
        }
      }
    }
    options.manifest?.(manifest);
    entries[at] = ['manifest.json', bytesOf(JSON.stringify(manifest, null, 2))];
  }
  return zip(entries);
}

/** Replaces one entry's content. */
export const replace =
  (name: string, change: (old: Uint8Array) => Uint8Array) =>
  (entries: [string, Uint8Array][]): [string, Uint8Array][] =>
    entries.map(([n, data]) => [n, n === name ? change(data) : data]);

/**
 * A Billing Workflows row. Smart quotes inside a JSON string are written as \u escapes: typed
 * into the cell they would be read as straight quotes (the validator undoes autocorrect).
 */
const step = (wf: string, n: number, rule: string, parameters: unknown): Raw[] => [
  wf,
  n,
  rule,
  '',
  JSON.stringify(parameters).replace(/[\u201c\u201d\u2033]/g, (q) => `\\u${q.charCodeAt(0).toString(16)}`),
];

/**
 * The fixture workbook plus two workflows that use every rule of the catalog (with parameters
 * that reach each schema's corners: smart quotes in a custom description, cents in a flat fee,
 * retain-discounts with subsets and accounts, `when` with every condition), on subsets of their own.
 */
export function everyRuleSheets(): Sheets {
  const s = validSheets();
  const wf4: Raw[][] = [
    step('Workflow 4', 1, 'retain-discounts', {
      commitments: ['ri', 'sp'],
      subsets: ['Subset 6'],
      accounts: ['555555555555'],
    }),
    step('Workflow 4', 2, 'remove-credits', {
      programs: ['edp', 'data-egress-waiver', 'apn-partner-accelerator', 'solution-provider-program', 'other'],
      refunds: true,
    }),
    step('Workflow 4', 3, 'remove-taxes', {}),
    step('Workflow 4', 4, 'ri-cost-sharing', { basis: 'amortized-upfront' }),
    step('Workflow 4', 5, 'sp-cost-sharing', { basis: 'recurring' }),
    step('Workflow 4', 6, 'remove-volume-discounts', { mode: 'top-rate-all-usage' }),
    step('Workflow 4', 7, 'custom', { description: 'Bill the \u201cspecial\u201d support plan at cost \u2033' }),
    step('Workflow 4', 8, 'savings-fee', { mode: 'flat', amount: 99.5, per: 'account' }),
    step('Workflow 4', 9, 'uplift', {
      percent: 2.5,
      when: {
        services: ['AmazonEC2', 'AmazonRDS'],
        regions: ['eu-west-1'],
        accounts: ['555555555555'],
        daysOfWeek: ['mon', 'fri'],
        months: [1, 12],
        years: [2025, 2027],
      },
    }),
    step('Workflow 4', 10, 'discount', { percent: 100, when: { years: 'even' } }),
  ];
  const wf5: Raw[][] = [step('Workflow 5', 1, 'savings-fee', { mode: 'percent-of-savings', percent: 20 })];
  return {
    ...s,
    Accounts: [
      ...(s['Accounts'] ?? []),
      ['Wingtip', 'aws@wingtip.example', '555555555555', 'Subset 6'],
      ['', '', '666666666666', 'Subset 7'],
    ],
    'Subset Workflows': [...(s['Subset Workflows'] ?? []), ['Subset 6', 'Workflow 4'], ['Subset 7', 'Workflow 5']],
    'Billing Workflows': [
      ['Workflow Name', 'Step', 'Rule', 'Details', 'Parameters'],
      ...WF1_ROWS,
      ...WF2_ROWS,
      ...WF3_ROWS,
      ...wf4,
      ...wf5,
    ],
  };
}

export const everyRuleWorkbook = (): WorkbookInput => workbook(everyRuleSheets());

/** The fixture without one sheet (Accounts and End Customers are optional). */
export function without(...names: string[]): WorkbookInput {
  const s = validSheets();
  for (const name of names) delete s[name];
  return workbook(s);
}

/**
 * A ZIP written by hand (stored entries), for archives no ordinary writer makes: duplicate names,
 * a local header whose name differs from the central directory's.
 */
export function rawZip(
  entries: readonly {
    name: string;
    localName?: string;
    data: Uint8Array;
    claimedSize?: number;
    /** Unix mode bits: written with "version made by" Unix, in the external attributes' high half. */
    mode?: number;
    /** MS-DOS attributes (0x10: directory). */
    dosAttributes?: number;
    /** The name's bytes as written (for names that are not UTF-8). */
    nameBytes?: Uint8Array;
    /** Deflate the data (else stored). */
    deflate?: boolean;
  }[],
): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = e.nameBytes === undefined ? Buffer.from(e.name, 'utf8') : Buffer.from(e.nameBytes);
    const localName = e.localName === undefined ? name : Buffer.from(e.localName, 'utf8');
    const crc = zlibCrc32(e.data);
    const stored = e.deflate === true ? deflateRawSync(e.data) : Buffer.from(e.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(0x0021, 12);
    lh.writeUInt16LE(e.deflate === true ? 8 : 0, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(stored.length, 18);
    lh.writeUInt32LE(e.data.length, 22);
    lh.writeUInt16LE(localName.length, 26);
    local.push(lh, localName, stored);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(e.mode === undefined ? 20 : (3 << 8) | 20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(e.deflate === true ? 8 : 0, 10);
    ch.writeUInt16LE(0x0021, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(stored.length, 20);
    ch.writeUInt32LE(e.claimedSize ?? e.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE((((e.mode ?? 0) << 16) | (e.dosAttributes ?? 0)) >>> 0, 38);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + localName.length + stored.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cd, end]));
}

/** CRC-32 (IEEE), written out here so that the tests do not lean on the code under test. */
function zlibCrc32(data: Uint8Array): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** AWS's documented example keys (docs.aws.amazon.com, "Managing access keys"): not real credentials. */
export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * The fixture workbook as a careless file carries it: a very hidden sheet "Keys" with an AWS
 * secret key beside its label and an access key ID, a hidden sheet "Notes", document properties,
 * a comment, a live formula in the user's own column, written by exceljs.
 */
export async function dirtyWorkbook(): Promise<Uint8Array> {
  const ExcelJS = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jane Admin';
  wb.company = 'Acme Cloud Partners';
  const sheets = validSheets();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && typeof v !== 'object') ws.getCell(r + 1, c + 1).value = v;
      }),
    );
  }
  const accounts = wb.getWorksheet('Accounts')!;
  accounts.getCell('C3').note = 'ask Bob for the real one';
  accounts.getCell('F2').value = { formula: 'HYPERLINK("http://evil.example","open")', result: 'open' };
  const keys = wb.addWorksheet('Keys', { state: 'veryHidden' });
  keys.getCell('A1').value = 'aws_secret_access_key';
  keys.getCell('B1').value = EXAMPLE_SECRET;
  keys.getCell('B2').value = EXAMPLE_KEY_ID;
  wb.addWorksheet('Notes', { state: 'hidden' }).getCell('A1').value = 'internal';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** What `dirtyWorkbook()` carries besides the contract sheets, as the listing says it. */
export const DIRTY_LEFT_OUT: readonly string[] = [
  'very hidden sheet "Keys": left out',
  'hidden sheet "Notes": left out',
  'document properties: left out (creator "Jane Admin", lastModifiedBy "Unknown", Company "Acme Cloud Partners")',
  '1 comment: left out (Accounts!C3)',
  '1 formula: shipped as their values only',
  'Keys!B1 holds what looks like an AWS secret access key: left out',
  'Keys!B2 holds what looks like an AWS access key ID: left out',
];
