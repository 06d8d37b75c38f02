/**
 * Writes an enrollment workbook laid out as the contract says (`src/core/sheets.ts`): every
 * sheet and header, ID columns formatted as text, a bold frozen header row, sensible widths, and
 * dropdowns where a value must come from a list. `init` writes it empty; the example script
 * fills it in.
 */
import { lstat, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { columnLetter } from '../core/a1';
import { RULE_IDS } from '../core/rules';
import { BILLING_WORKFLOWS, ENROLLMENT_FIELDS, SHEETS, SUBSET_WORKFLOWS, type SheetSpec } from '../core/sheets';

import type { CellInput, RowInput, WorkbookContent } from '../core/example';

export type { CellInput, RowInput, WorkbookContent };

/**
 * Rows a dropdown covers: 10,000 below the header. Not the whole column: exceljs (and tools
 * built on it) expands a validation range into one entry per cell when it opens the file, and a
 * million rows per dropdown takes it seconds and gigabytes.
 */
export const DROPDOWN_ROWS = 10000;
/** Excel refuses a literal list longer than this in a data validation. */
export const MAX_LIST_LITERAL = 255;

/** The Rule dropdown's literal list: the catalog's ids, comma-separated, quoted. */
export function ruleListFormula(ids: readonly string[] = RULE_IDS): string {
  const formula = `"${ids.join(',')}"`;
  if (formula.length - 2 > MAX_LIST_LITERAL) {
    throw new Error(`The rule ids make a dropdown list of ${formula.length - 2} characters; Excel allows 255.`);
  }
  return formula;
}

/** A dropdown source that grows with the source column: its filled cells below the header. */
export function columnListFormula(sheet: SheetSpec, header: string): string {
  const col = columnLetter(columnIndex(sheet, header));
  const ref = `'${sheet.name.replace(/'/g, "''")}'!`;
  return `OFFSET(${ref}$${col}$2,0,0,MAX(1,COUNTA(${ref}$${col}:$${col})-1),1)`;
}

function columnIndex(sheet: SheetSpec, header: string): number {
  const index = sheet.columns.findIndex((c) => c.header === header);
  if (index < 0) throw new Error(`The "${sheet.name}" sheet has no "${header}" column.`);
  return index;
}

interface Dropdown {
  readonly formula: string;
  /** `stop` refuses other values; `warning` lets a person go on (a name may be defined later). */
  readonly errorStyle: 'stop' | 'warning';
  readonly error: string;
}

/** The dropdown of a column, if it has one. */
export function dropdownFor(sheet: SheetSpec, header: string): Dropdown | null {
  if (header === 'Billing Workflow Name') {
    return {
      formula: columnListFormula(BILLING_WORKFLOWS, 'Workflow Name'),
      errorStyle: 'warning',
      error: `Pick a workflow defined in the "${BILLING_WORKFLOWS.name}" sheet, or define this one there.`,
    };
  }
  if (header === 'Subset Name' && sheet.key !== SUBSET_WORKFLOWS.key) {
    return {
      formula: columnListFormula(SUBSET_WORKFLOWS, 'Subset Name'),
      errorStyle: 'warning',
      error: `Pick a subset listed in the "${SUBSET_WORKFLOWS.name}" sheet, or add this one there.`,
    };
  }
  if (header === 'Rule' && sheet.key === BILLING_WORKFLOWS.key) {
    return { formula: ruleListFormula(), errorStyle: 'stop', error: 'Pick a rule id from the list.' };
  }
  return null;
}

/** exceljs keeps a sheet's data validations in an untyped `dataValidations` member. */
interface DataValidationsLike {
  add(address: string, validation: ExcelJS.DataValidation): unknown;
}

function dataValidationsOf(worksheet: ExcelJS.Worksheet): DataValidationsLike {
  if ('dataValidations' in worksheet) {
    const dv: unknown = worksheet.dataValidations;
    if (typeof dv === 'object' && dv !== null && 'add' in dv && typeof dv.add === 'function') {
      const add: (address: string, validation: ExcelJS.DataValidation) => unknown = dv.add.bind(dv);
      return { add };
    }
  }
  throw new Error('exceljs has no worksheet.dataValidations.add: cannot write dropdowns.');
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  worksheet.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.text === true ? { style: { numFmt: '@' } } : {}),
  }));
  const header = worksheet.getRow(1);
  header.font = { bold: true };

  const validations = dataValidationsOf(worksheet);
  spec.columns.forEach((column, index) => {
    const dropdown = dropdownFor(spec, column.header);
    if (dropdown === null) return;
    const letter = columnLetter(index);
    validations.add(`${letter}2:${letter}${DROPDOWN_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [dropdown.formula],
      showErrorMessage: true,
      errorStyle: dropdown.errorStyle,
      errorTitle: column.header,
      error: dropdown.error,
    });
  });
  return worksheet;
}

function addRow(worksheet: ExcelJS.Worksheet, spec: SheetSpec, values: RowInput): void {
  // An empty string would be written as a text cell holding ""; leave such cells empty.
  const row = worksheet.addRow(values.map((v) => (v === '' ? null : v)));
  spec.columns.forEach((column, index) => {
    // Column styles reach new cells already; say it per cell too, for readers that look there.
    if (column.text === true) row.getCell(index + 1).numFmt = '@';
  });
}

/** The workbook, in memory: every contract sheet, with `content` below the headers. */
export function buildWorkbook(content: WorkbookContent = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'msp-enroll';
  for (const spec of SHEETS) {
    const worksheet = addSheet(workbook, spec);
    if (spec.key === 'enrollment') {
      for (const field of ENROLLMENT_FIELDS)
        addRow(worksheet, spec, [field.label, content.enrollment?.[field.key] ?? '']);
    } else {
      for (const row of content.rows?.[spec.key] ?? []) addRow(worksheet, spec, row);
    }
  }
  return workbook;
}

/** The file exists already and `overwrite` was not given. */
export class FileExistsError extends Error {
  override readonly name = 'FileExistsError';
}

/**
 * Writes the workbook to `path` through a temporary file in the same folder, so that a failed
 * write never leaves half a workbook, nor destroys the file it was to replace.
 */
export async function writeWorkbookFile(
  workbook: ExcelJS.Workbook,
  path: string,
  options: { readonly overwrite?: boolean } = {},
): Promise<void> {
  if (options.overwrite !== true && (await exists(path))) {
    throw new FileExistsError(`${path} already exists`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
