/**
 * What the package's workbook.xlsx holds, one rule for every host (issue 16): the contract's
 * sheets, values only, rebuilt by `workbookToXlsx`, plus the sheets the user names; never hidden
 * state, document properties, comments, external links, formulas, macros or embedded objects.
 * Before packaging, every host lists what is left out (from the file's own bytes where it has
 * them), and text that looks like a credential in what would ship blocks packaging, the cell
 * named.
 */
import type { Cell, WorkbookInput } from '../port';
import { SHEETS, headerKey } from '../sheets';
import type { WorkbookContents } from './contents';
import { CREDENTIAL_WORDS, credentialsInCells, type CredentialHit } from './credentials';

export interface LeftOut {
  /** Sheets that are not shipped, with their state (`visible`, `hidden`, `veryHidden`). */
  readonly sheets: readonly { readonly name: string; readonly state: string }[];
  readonly properties: WorkbookContents['properties'];
  readonly comments: WorkbookContents['comments'];
  readonly externalLinks: readonly string[];
  /** Formulas anywhere in the file: shipped sheets carry their results only. */
  readonly formulas: number;
  readonly otherParts: readonly string[];
  /** Credentials in what is left out: not shipped, but worth knowing about. */
  readonly credentials: readonly CredentialHit[];
}

export interface Shipment {
  /** What workbook.xlsx is rebuilt from: the shipped sheets of the port, formulas dropped. */
  readonly port: WorkbookInput;
  /** The shipped sheets' names, in workbook order. */
  readonly sheets: readonly string[];
  readonly leftOut: LeftOut;
  /** Credentials in what would ship: any of them blocks packaging. */
  readonly credentials: readonly CredentialHit[];
  /** Names asked for that are no sheet of the workbook. */
  readonly unknown: readonly string[];
}

const isContract = (name: string): boolean => SHEETS.some((s) => headerKey(s.name) === headerKey(name));

/**
 * Plans workbook.xlsx: `port` is the workbook as the host reads it, `contents` what its file
 * carries (null where the host has no file, as Excel on the web), `include` the further sheets
 * the user confirmed (matched like the contract's sheet names).
 */
export function planShipment(
  port: WorkbookInput,
  contents: WorkbookContents | null,
  include: readonly string[] = [],
): Shipment {
  const wanted = new Set(include.map(headerKey));
  const known = new Set([
    ...port.sheets.map((s) => headerKey(s.name)),
    ...(contents?.sheets ?? []).map((s) => headerKey(s.name)),
  ]);
  const unknown = include.filter((n) => !known.has(headerKey(n)));
  const ships = (name: string): boolean => isContract(name) || wanted.has(headerKey(name));

  const shipped = port.sheets.filter((s) => ships(s.name));
  const valuesOnly: WorkbookInput = {
    sheets: shipped.map((s) => ({
      ...s,
      rows: s.rows.map((row) => row?.map((cell) => (cell?.formula === undefined ? cell : withoutFormula(cell)))),
    })),
  };
  const stateOf = new Map<string, string>(
    contents === null
      ? port.sheets.map((s) => [headerKey(s.name), s.visibility ?? 'visible'])
      : contents.sheets.map((s) => [headerKey(s.name), s.state]),
  );
  // An empty visible sheet (Excel's default "Sheet1") carries nothing: not worth a word.
  const cellsOf = new Map((contents?.cells ?? port).sheets.map((s) => [headerKey(s.name), s]));
  const worthListing = (s: { readonly name: string; readonly state: string }): boolean => {
    if (s.state !== 'visible') return true;
    const sheet = cellsOf.get(headerKey(s.name));
    return sheet !== undefined && sheet.rows.some((row) => row?.some((c) => c !== undefined && c.type !== 'empty'));
  };
  const leftOutSheets = [
    ...(contents?.sheets ?? port.sheets.map((s) => ({ name: s.name, state: s.visibility ?? 'visible' }))).filter(
      (s) => !ships(s.name) && worthListing(s),
    ),
  ];
  // A contract sheet that is hidden in the file ships, visible: the listing says so.
  const unhidden = shipped
    .map((s) => ({ name: s.name, state: stateOf.get(headerKey(s.name)) ?? 'visible' }))
    .filter((s) => s.state !== 'visible');

  const inFile = contents === null ? [] : credentialsInCells(contents.cells);
  const credentials = credentialsInCells(valuesOnly);
  const shippedPlaces = new Set(credentials.map((c) => c.place));
  return {
    port: valuesOnly,
    sheets: shipped.map((s) => s.name),
    leftOut: {
      sheets: [...leftOutSheets, ...unhidden.map((s) => ({ name: s.name, state: `${s.state}, shipped visible` }))],
      properties: contents?.properties ?? [],
      comments: contents?.comments ?? [],
      externalLinks: contents?.externalLinks ?? [],
      formulas: contents?.formulas.length ?? 0,
      otherParts: contents?.otherParts ?? [],
      credentials: inFile.filter((c) => !shippedPlaces.has(c.place) && (c.sheet === null || !ships(c.sheet))),
    },
    credentials,
    unknown,
  };
}

/** The cell's value without its formula (a formula's result is what ships). */
function withoutFormula(cell: Cell): Cell {
  const copy: { formula?: string } & Cell = { ...cell };
  delete copy.formula;
  return copy;
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  visible: 'sheet',
  hidden: 'hidden sheet',
  veryHidden: 'very hidden sheet',
};

/** The listing, one line each, in English (the CLI prints it; the pane shows it as a list). */
export function describeLeftOut(left: LeftOut): string[] {
  const lines: string[] = [];
  for (const s of left.sheets) {
    const [state, note] = s.state.split(', ');
    lines.push(
      note === undefined
        ? `${STATE_WORDS[state ?? ''] ?? 'sheet'} "${s.name}": left out`
        : `${STATE_WORDS[state ?? ''] ?? 'sheet'} "${s.name}": a contract sheet, so it is shipped, and visible`,
    );
  }
  if (left.properties.length > 0)
    lines.push(
      `document properties: left out (${left.properties.map((p) => `${p.name} "${clip(p.value)}"`).join(', ')})`,
    );
  if (left.comments.length > 0)
    lines.push(
      `${left.comments.length === 1 ? '1 comment' : `${left.comments.length} comments`}: left out (${left.comments
        .slice(0, 5)
        .map((c) => (c.sheet === null ? c.cell : `${c.sheet}!${c.cell}`))
        .join(', ')}${left.comments.length > 5 ? ', …' : ''})`,
    );
  for (const link of left.externalLinks) lines.push(`external link ${clip(link)}: left out`);
  if (left.formulas > 0)
    lines.push(`${left.formulas === 1 ? '1 formula' : `${left.formulas} formulas`}: shipped as their values only`);
  if (left.otherParts.length > 0)
    lines.push(`other parts (macros, embedded objects…): left out (${left.otherParts.join(', ')})`);
  for (const c of left.credentials)
    lines.push(`${c.place} holds what looks like ${CREDENTIAL_WORDS[c.kind]}: left out`);
  return lines;
}

/** The blocking message for a credential in what would ship. */
export function describeCredential(hit: CredentialHit): string {
  return `${hit.place} holds what looks like ${CREDENTIAL_WORDS[hit.kind]}. Nothing was packaged: remove it from the workbook (and revoke the credential, since it was in a file), then package again.`;
}

const clip = (s: string): string => (s.length <= 60 ? s : `${s.slice(0, 59)}…`);
