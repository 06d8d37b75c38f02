/**
 * "Build sheets": lays out whatever the contract needs and the workbook lacks: missing sheets
 * (as Excel tables), missing headers (appended after the last used column), missing Enrollment
 * fields (appended after the last used row), dropdowns and frozen headers. It never moves,
 * overwrites or deletes a user's cell, and leaves protected sheets alone.
 */
import { columnLetter } from '../core/a1';
import { RULE_IDS } from '../core/rules';
import {
  ENROLLMENT,
  ENROLLMENT_FIELDS,
  SHEETS,
  SUBSET_WORKFLOWS,
  BILLING_WORKFLOWS,
  headerKey,
  type SheetSpec,
} from '../core/sheets';

export interface BuildReport {
  readonly created: string[];
  readonly headersAdded: { readonly sheet: string; readonly headers: string[] }[];
  readonly fieldsAdded: string[];
  readonly dropdowns: { readonly sheet: string; readonly column: string }[];
  readonly frozen: string[];
  /** Protected sheets that needed something: nothing was changed on them. */
  readonly protectedSheets: string[];
  readonly syncs: number;
}

/** Rows that dropdowns and text formats cover below the header (Excel's last row). */
const LAST_ROW = 1_048_576;
/** Rows below a new sheet's header that are formatted as text where the column holds IDs. */
export const TEXT_ROWS = 5000;
/** Excel measures column width in points; a character of the default font is about 7 points wide. */
const POINTS_PER_CHAR = 7;

interface DropdownSpec {
  readonly sheet: SheetSpec;
  readonly column: string;
  /** The list: a sheet and column to take values from, or fixed values. */
  readonly source: { readonly sheet: SheetSpec; readonly column: string } | { readonly values: readonly string[] };
}

/** The contract's dropdowns: subset and workflow names from where they are defined, and rule ids. */
const DROPDOWNS: readonly DropdownSpec[] = [
  { sheet: SHEETS[1]!, column: 'subset', source: { sheet: SUBSET_WORKFLOWS, column: 'subset' } },
  { sheet: SUBSET_WORKFLOWS, column: 'workflow', source: { sheet: BILLING_WORKFLOWS, column: 'workflow' } },
  { sheet: BILLING_WORKFLOWS, column: 'rule', source: { values: RULE_IDS } },
  { sheet: SHEETS[4]!, column: 'subset', source: { sheet: SUBSET_WORKFLOWS, column: 'subset' } },
  { sheet: SHEETS[4]!, column: 'workflow', source: { sheet: BILLING_WORKFLOWS, column: 'workflow' } },
];

/** A sheet name inside a formula: always quoted, quotes doubled. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Excel's limit on a list typed inline in a data validation (it is stored as a formula). */
export const INLINE_LIST_LIMIT = 255;
/** Where a list too long to type inline goes: a hidden sheet of ours, column A. */
export const LIST_SHEET = 'MSP Enrollment Lists';

/** The inline list source, or null when it would pass Excel's 255 characters. */
export function inlineList(values: readonly string[]): string | null {
  const text = values.join(',');
  return text.length <= INLINE_LIST_LIMIT ? text : null;
}

/**
 * A table name not taken by another table or a defined name (they share one namespace in
 * Excel): the sheet's name without spaces, else the same with 2, 3, ... after it.
 */
export function freeTableName(base: string, taken: ReadonlySet<string>): string {
  const name = base.replace(/\s+/g, '');
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}${n}`.toLowerCase())) return `${name}${n}`;
}

export interface BuildOptions {
  /** The rule ids of the Billing Workflows dropdown (the catalog's by default; tests pass longer lists). */
  readonly ruleIds?: readonly string[];
}

interface Existing {
  readonly ws: Excel.Worksheet;
  readonly spec: SheetSpec;
  readonly used: Excel.Range;
  /** The used range by values only: the rows the add-in's own formatted, empty rows do not extend. */
  readonly usedValues: Excel.Range;
  headerRow?: Excel.Range;
  fieldColumn?: Excel.Range;
}

export async function buildSheets(context: Excel.RequestContext, options: BuildOptions = {}): Promise<BuildReport> {
  const ruleIds = options.ruleIds ?? RULE_IDS;
  let syncs = 0;
  const report: BuildReport = {
    created: [],
    headersAdded: [],
    fieldsAdded: [],
    dropdowns: [],
    frozen: [],
    protectedSheets: [],
    syncs: 0,
  };

  // 1. What exists: sheets, their protection, used ranges (values and formats) and frozen panes.
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const tables = context.workbook.tables;
  tables.load('items/name');
  const names = context.workbook.names;
  names.load('items/name');
  await context.sync();
  syncs++;
  const existing: Existing[] = [];
  const missing: SheetSpec[] = [];
  for (const spec of SHEETS) {
    const ws = worksheets.items.find((w) => headerKey(w.name) === headerKey(spec.name));
    if (!ws) {
      missing.push(spec);
      continue;
    }
    ws.protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(false);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    // Rows from values only (issue 9, item 6): the text format of the rows a build laid out makes
    // them "used", and a second build would otherwise put a missing field at row 5,002.
    const usedValues = ws.getUsedRangeOrNullObject(true);
    usedValues.load('rowIndex,rowCount');
    existing.push({ ws, spec, used, usedValues });
  }

  // 2. Their header rows (and the Enrollment field names), now that their extent is known.
  await context.sync();
  syncs++;
  for (const e of existing) {
    const width = e.used.isNullObject ? 0 : e.used.columnIndex + e.used.columnCount;
    const height = e.usedValues.isNullObject ? 0 : e.usedValues.rowIndex + e.usedValues.rowCount;
    if (width > 0) {
      e.headerRow = e.ws.getRangeByIndexes(0, 0, 1, width);
      e.headerRow.load('values');
      if (e.spec === ENROLLMENT && height > 1) {
        e.fieldColumn = e.ws.getRangeByIndexes(1, 0, height - 1, width);
        e.fieldColumn.load('values');
      }
    }
  }
  const frozen = existing.map((e) => {
    const loc = e.ws.freezePanes.getLocationOrNullObject();
    loc.load('address');
    return loc;
  });
  await context.sync();
  syncs++;

  // 3. Plan and queue the writes.
  const columnOf = new Map<SheetSpec, Map<string, number>>();
  // Tables and defined names share one namespace: a new table's name must be free in both.
  const tableNames = new Set([...tables.items, ...names.items].map((t) => t.name.toLowerCase()));
  for (const spec of missing) {
    const ws = worksheets.add(spec.name);
    layOutNewSheet(ws, spec, tableNames);
    columnOf.set(spec, new Map(spec.columns.map((c, i) => [c.key, i])));
    report.created.push(spec.name);
  }
  existing.forEach((e, i) => {
    const header = (e.headerRow?.values[0] ?? []).map((v) => headerKey(String(v ?? '')));
    const cols = new Map<string, number>();
    e.spec.columns.forEach((c) => {
      const at = header.indexOf(headerKey(c.header));
      if (at >= 0) cols.set(c.key, at);
    });
    const absent = e.spec.columns.filter((c) => !cols.has(c.key));
    const fields = e.spec === ENROLLMENT ? missingFields(e, cols.get('field')) : [];
    const loc = frozen[i]!;
    const needsFreeze = loc.isNullObject;
    if (e.ws.protection.protected) {
      if (absent.length || fields.length || needsFreeze) report.protectedSheets.push(e.ws.name);
      return;
    }
    columnOf.set(e.spec, cols);
    if (absent.length) {
      // After the last used column, so nothing of the user's moves or is overwritten.
      let next = e.used.isNullObject ? 0 : e.used.columnIndex + e.used.columnCount;
      if (header.every((h) => h === '')) next = 0;
      for (const c of absent) {
        const cell = e.ws.getRangeByIndexes(0, next, 1, 1);
        writeText(cell, [[c.header]]);
        cell.format.font.bold = true;
        cell.format.columnWidth = c.width * POINTS_PER_CHAR;
        cols.set(c.key, next);
        next++;
      }
      report.headersAdded.push({ sheet: e.ws.name, headers: absent.map((c) => c.header) });
    }
    if (fields.length) {
      const fieldCol = cols.get('field')!;
      const firstFree = e.usedValues.isNullObject ? 1 : Math.max(1, e.usedValues.rowIndex + e.usedValues.rowCount);
      writeText(
        e.ws.getRangeByIndexes(firstFree, fieldCol, fields.length, 1),
        fields.map((f) => [f]),
      );
      report.fieldsAdded.push(...fields);
    }
    if (needsFreeze) {
      e.ws.freezePanes.freezeRows(1);
      report.frozen.push(e.ws.name);
    }
  });

  // 4. Dropdowns where the user has no data validation of their own.
  const sheetName = (spec: SheetSpec): string => existing.find((e) => e.spec === spec)?.ws.name ?? spec.name;
  const targets = DROPDOWNS.flatMap((d) => {
    const col = columnOf.get(d.sheet)?.get(d.column);
    if (col === undefined) return [];
    const ws = worksheets.getItem(sheetName(d.sheet));
    const range = ws.getRangeByIndexes(1, col, LAST_ROW - 1, 1);
    range.dataValidation.load('type');
    return [{ d, range }];
  });
  await context.sync();
  syncs++;
  let listSheet: Excel.Worksheet | null = null;
  for (const { d, range } of targets) {
    if (range.dataValidation.type !== 'None') continue;
    const values = 'values' in d.source ? (d.source.values === RULE_IDS ? ruleIds : d.source.values) : null;
    let source: string | null;
    if (values === null) {
      const from = d.source as { readonly sheet: SheetSpec; readonly column: string };
      source = sourceFormula(sheetName(from.sheet), columnOf.get(from.sheet)?.get(from.column));
    } else {
      // Typed inline while it fits Excel's 255 characters; past that, a range on a hidden sheet of ours.
      source = inlineList(values);
      if (source === null) {
        listSheet ??= listSheetOf(worksheets);
        writeText(
          listSheet.getRangeByIndexes(0, 0, values.length, 1),
          values.map((v) => [v]),
        );
        source = `=${quoteSheet(LIST_SHEET)}!$A$1:$A$${values.length}`;
      }
    }
    if (source === null) continue;
    range.dataValidation.rule = { list: { inCellDropDown: true, source } };
    range.dataValidation.ignoreBlanks = true;
    // A warning, not a stop: names can be typed before the sheet that defines them is filled in.
    range.dataValidation.errorAlert = {
      showAlert: true,
      style: 'Warning',
      title: 'Not in the list',
      message: 'This name is not defined yet. Validate to see what it must match.',
    };
    report.dropdowns.push({
      sheet: sheetName(d.sheet),
      column: d.sheet.columns.find((c) => c.key === d.column)!.header,
    });
  }
  await context.sync();
  syncs++;
  return { ...report, syncs };
}

/** Our hidden sheet for long lists: made when missing (the worksheets' items are loaded). */
function listSheetOf(worksheets: Excel.WorksheetCollection): Excel.Worksheet {
  const found = worksheets.items.find((w) => headerKey(w.name) === headerKey(LIST_SHEET));
  const ws = found ?? worksheets.add(LIST_SHEET);
  ws.visibility = Excel.SheetVisibility.hidden;
  return ws;
}

function sourceFormula(sheet: string, col: number | undefined): string | null {
  if (col === undefined) return null;
  const letter = columnLetter(col);
  return `=${quoteSheet(sheet)}!$${letter}$2:$${letter}$${LAST_ROW}`;
}

/** The Enrollment fields not yet in the Field column; all of them when there is no Field column yet. */
function missingFields(e: Existing, fieldCol: number | undefined): string[] {
  const have = new Set(
    fieldCol === undefined
      ? []
      : (e.fieldColumn?.values ?? []).map((row) => headerKey(String(row[fieldCol] ?? '')).replace(/ /g, '')),
  );
  return ENROLLMENT_FIELDS.map((f) => f.label).filter((label) => !have.has(headerKey(label).replace(/ /g, '')));
}

/** Text written as text: the cells are formatted `@` first, so `=...` or `0123` stays what it is. */
export function writeText(range: Excel.Range, values: string[][]): void {
  range.numberFormat = values.map((row) => row.map(() => '@'));
  range.values = values;
}

function layOutNewSheet(ws: Excel.Worksheet, spec: SheetSpec, tableNames: Set<string>): void {
  const last = columnLetter(spec.columns.length - 1);
  spec.columns.forEach((c, i) => {
    ws.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = c.width * POINTS_PER_CHAR;
    // Office.js takes number formats cell by cell, so a band of rows rather than the whole column.
    if (c.text) ws.getRangeByIndexes(1, i, TEXT_ROWS, 1).numberFormat = Array.from({ length: TEXT_ROWS }, () => ['@']);
  });
  writeText(ws.getRange(`A1:${last}1`), [spec.columns.map((c) => c.header)]);
  ws.getRange(`A1:${last}1`).format.font.bold = true;
  if (spec === ENROLLMENT) {
    writeText(
      ws.getRange(`A2:A${ENROLLMENT_FIELDS.length + 1}`),
      ENROLLMENT_FIELDS.map((f) => [f.label]),
    );
  } else {
    const table = ws.tables.add(`A1:${last}1`, true);
    const name = freeTableName(spec.name, tableNames);
    table.name = name;
    tableNames.add(name.toLowerCase());
  }
  ws.freezePanes.freezeRows(1);
}
