/**
 * The Billing Workflows sheet for the pane's workflow forms: reads the workflows (with the rows
 * they came from and the findings about those rows), writes one workflow's rows back in place,
 * renames (optionally updating the references in Subset Workflows and End Customers) and
 * deletes. Only the contract's cells of the workflow concerned are ever written: other
 * workflows' rows and the user's extra columns are left as they are. Names and other user text
 * are written as text (`=HYPERLINK(...)` stays text).
 */
import type { Finding } from '../core/findings';
import { nameKey } from '../core/ids';
import type { Cell, SheetInput } from '../core/port';
import { SheetJudge } from '../core/judge';
import {
  ACCOUNTS,
  BILLING_WORKFLOWS,
  END_CUSTOMERS,
  SUBSET_WORKFLOWS,
  headerKey,
  type SheetSpec,
} from '../core/sheets';
import { findSheet, readTable } from '../core/table';
import { validateWorkbook } from '../core/validate';
import { cellText } from '../core/values';
import { readWorkflowRows, workflowRows, type Workflow } from '../core/workflows';
import { writeText } from './build';
import { readWorkbook, toCell } from './read';

/** One step as the sheet holds it. */
export interface SheetStep {
  /** 1-based sheet row. */
  readonly row: number;
  /** The rule id when the catalog knows it, else null. */
  readonly rule: string | null;
  /** The Rule cell as written. */
  readonly ruleText: string;
  /** The Parameters cell as written. */
  readonly parametersText: string;
  /** The Parameters JSON when it parses as a JSON object (valid for the rule or not), else undefined. */
  readonly rawParameters?: Record<string, unknown>;
  /** The parsed parameters when they are valid for the rule. */
  readonly parameters?: unknown;
}

export interface SheetWorkflow {
  readonly name: string;
  readonly key: string;
  readonly steps: readonly SheetStep[];
  /** Subsets of Subset Workflows that use this workflow. */
  readonly usedBy: readonly string[];
}

export interface WorkflowsRead {
  /** The Billing Workflows sheet's tab name, or null when the workbook has none. */
  readonly sheet: string | null;
  readonly workflows: readonly SheetWorkflow[];
  /** Validation findings on the Billing Workflows sheet (rows the forms cannot understand among them). */
  readonly findings: readonly Finding[];
  /** AWS account IDs of the Accounts sheet, to offer in the forms. */
  readonly accounts: readonly string[];
  /** Their Account Name, by ID (the first row's), so that pickers show "name (ID)". */
  readonly accountNames?: Readonly<Record<string, string>>;
  /** Subset names of Subset Workflows. */
  readonly subsets: readonly string[];
}

const SMART_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

function rawObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const json: unknown = JSON.parse(text.replace(SMART_QUOTES, '"'));
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const textOf = (cell: Cell): string => cellText(cell) ?? '';

/** Reads the workflows and what validation says about their sheet (one read of the workbook). */
export async function listWorkflows(context: Excel.RequestContext): Promise<WorkflowsRead> {
  const { input } = await readWorkbook(context);
  const sheet = findSheet(input, BILLING_WORKFLOWS.name);
  const scratch: Finding[] = [];
  const table = (spec: SheetSpec) => readTable(input, spec, scratch, new Set());
  const subsetsTable = table(SUBSET_WORKFLOWS);
  const usage: { subset: string; workflow: string }[] = (subsetsTable?.rows ?? []).map((row) => ({
    subset: textOf(row.cell('subset')).trim(),
    workflow: textOf(row.cell('workflow')),
  }));
  const accountRows = (table(ACCOUNTS)?.rows ?? [])
    .map((row) => ({ id: textOf(row.cell('accountId')).trim(), name: textOf(row.cell('accountName')).trim() }))
    .filter((a) => /^\d{12}$/.test(a.id));
  const accounts = accountRows.map((a) => a.id);
  const accountNames: Record<string, string> = {};
  for (const a of accountRows) if (a.name !== '' && !(a.id in accountNames)) accountNames[a.id] = a.name;
  const base = {
    accounts: [...new Set(accounts)],
    accountNames,
    subsets: usage.map((u) => u.subset).filter((s) => s !== ''),
  };
  const wfTable = table(BILLING_WORKFLOWS);
  if (!sheet || !wfTable) return { sheet: null, workflows: [], findings: [], ...base };
  const findings = validateWorkbook(input).findings.filter((f) => headerKey(f.sheet) === headerKey(sheet.name));
  const drafts = readWorkflowRows(new SheetJudge(wfTable, scratch));
  const workflows = drafts.map((wf): SheetWorkflow => {
    const steps = wf.steps.map((s): SheetStep => {
      const parametersText = textOf(s.row.cell('parameters'));
      const rawParameters = rawObject(parametersText);
      return {
        row: s.row.index + 1,
        rule: s.rule?.id ?? null,
        ruleText: textOf(s.row.cell('rule')),
        parametersText,
        ...(rawParameters === undefined ? {} : { rawParameters }),
        ...(s.parameters === undefined ? {} : { parameters: s.parameters }),
      };
    });
    const usedBy = usage.filter((u) => nameKey(u.workflow) === wf.key && u.subset !== '').map((u) => u.subset);
    return { name: wf.name, key: wf.key, steps, usedBy };
  });
  return { sheet: sheet.name, workflows, findings, ...base };
}

// ---- one sheet, read for writing --------------------------------------------------------------

interface SheetGrid {
  readonly ws: Excel.Worksheet;
  readonly name: string;
  /** Column index by contract column key. */
  readonly columns: ReadonlyMap<string, number>;
  /** Data rows (the header is row 0), as port cells. */
  readonly rows: readonly (readonly (Cell | undefined)[])[];
  /** Zero-based index of the first row below everything used. */
  readonly end: number;
}

/** Reads a contract sheet's used cells in two syncs; null when the sheet is absent. */
async function readGrid(context: Excel.RequestContext, spec: SheetSpec): Promise<SheetGrid | null> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const ws = sheets.items.find((w) => headerKey(w.name) === headerKey(spec.name));
  if (!ws) return null;
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  if (used.isNullObject) return { ws, name: ws.name, columns: new Map(), rows: [], end: 0 };
  const end = used.rowIndex + used.rowCount;
  const width = used.columnIndex + used.columnCount;
  const range = ws.getRangeByIndexes(0, 0, end, width);
  range.load('values,valueTypes,numberFormat');
  await context.sync();
  const types = range.valueTypes;
  const formats = range.numberFormat;
  const rows = range.values.map((row, r) => row.map((v, c) => toCell(v, types[r]?.[c], formats[r]?.[c])));
  const input: SheetInput = { name: ws.name, rows };
  const t = readTable({ sheets: [input] }, spec, [], new Set());
  return { ws, name: ws.name, columns: t?.columns ?? new Map(), rows, end };
}

function requireColumns(grid: SheetGrid | null, spec: SheetSpec): asserts grid is SheetGrid {
  if (grid === null) throw new Error(`The workbook has no "${spec.name}" sheet. Use "Build sheets" first.`);
  const missing = spec.columns.filter((c) => !grid.columns.has(c.key)).map((c) => `"${c.header}"`);
  if (missing.length)
    throw new Error(`The "${grid.name}" sheet has no ${missing.join(', ')} column. Use "Build sheets" to add it.`);
}

const cellAt = (grid: SheetGrid, row: number, key: string): Cell | undefined =>
  grid.rows[row]?.[grid.columns.get(key) ?? -1];

/** Zero-based rows (below the header) whose `key` column names `name` (compared by nameKey). */
function rowsNaming(grid: SheetGrid, key: string, name: string): number[] {
  const wanted = nameKey(name);
  const found: number[] = [];
  for (let r = 1; r < grid.rows.length; r++) {
    const cell = cellAt(grid, r, key);
    if (cell !== undefined && nameKey(textOf(cell)) === wanted && textOf(cell).trim() !== '') found.push(r);
  }
  return found;
}

function writeName(grid: SheetGrid, row: number, key: string, value: string): void {
  writeText(grid.ws.getRangeByIndexes(row, grid.columns.get(key)!, 1, 1), [[value]]);
}

/** Names of the workflows in the sheet, by nameKey. */
function workflowNames(grid: SheetGrid): Map<string, string> {
  const names = new Map<string, string>();
  for (let r = 1; r < grid.rows.length; r++) {
    const cell = cellAt(grid, r, 'workflow');
    const name = cell === undefined ? '' : textOf(cell).trim();
    if (name !== '' && !names.has(nameKey(name))) names.set(nameKey(name), name);
  }
  return names;
}

export interface SaveReport {
  /** 1-based rows written. */
  readonly written: readonly number[];
  /** 1-based rows appended below the sheet's data (a subset of `written`). */
  readonly appended: readonly number[];
  /** 1-based rows whose contract cells were cleared (the workflow got shorter). */
  readonly cleared: readonly number[];
}

/**
 * Writes `workflow`'s rows: the rows of the workflow now named `original` (null for a new
 * workflow) are rewritten in order, rows it no longer needs have their contract cells cleared,
 * and rows it needs beyond those are appended below the sheet's data.
 */
export async function saveWorkflow(
  context: Excel.RequestContext,
  original: string | null,
  workflow: Workflow,
): Promise<SaveReport> {
  if (workflow.name.trim() === '') throw new Error('A workflow needs a name.');
  if (workflow.steps.length === 0) throw new Error('A workflow needs at least one step.');
  const grid = await readGrid(context, BILLING_WORKFLOWS);
  requireColumns(grid, BILLING_WORKFLOWS);
  const names = workflowNames(grid);
  const clash = names.get(nameKey(workflow.name));
  if (clash !== undefined && (original === null || nameKey(original) !== nameKey(workflow.name)))
    throw new Error(`A workflow named "${clash}" already exists. Choose another name.`);
  const existing = original === null ? [] : rowsNaming(grid, 'workflow', original);
  const rows = workflowRows(workflow);
  const keys = BILLING_WORKFLOWS.columns.map((c) => c.key);
  const written: number[] = [];
  const appended: number[] = [];
  let next = Math.max(grid.end, 1);
  rows.forEach((cells, i) => {
    let r = existing[i];
    if (r === undefined) {
      r = next++;
      appended.push(r + 1);
    }
    written.push(r + 1);
    cells.forEach((cell, c) => {
      const range = grid.ws.getRangeByIndexes(r, grid.columns.get(keys[c]!)!, 1, 1);
      if (cell.type === 'number') {
        range.numberFormat = [['General']];
        range.values = [[cell.value]];
      } else writeText(range, [[cell.type === 'text' ? cell.value : '']]);
    });
  });
  const cleared = existing.slice(rows.length);
  removeRows(grid, cleared);
  await context.sync();
  return { written, appended, cleared: cleared.map((r) => r + 1) };
}

/**
 * Removes a workflow's rows that it no longer needs. A row holding nothing but the contract's
 * cells is deleted whole (the rows below move up, so no blank row is left in the middle of the
 * data); a row with the user's own notes in other columns keeps them, and only its contract
 * cells are cleared. Bottom-up, so the row numbers still to delete stay right.
 */
function removeRows(grid: SheetGrid, rows: readonly number[]): void {
  const contract = new Set(grid.columns.values());
  for (const r of [...rows].sort((a, b) => b - a)) {
    const hasNotes = (grid.rows[r] ?? []).some(
      (cell, c) => !contract.has(c) && cell !== undefined && !(cell.type === 'text' && cell.value.trim() === ''),
    );
    if (!hasNotes) {
      grid.ws.getRangeByIndexes(r, 0, 1, 1).getEntireRow().delete(Excel.DeleteShiftDirection.up);
      continue;
    }
    for (const c of contract) grid.ws.getRangeByIndexes(r, c, 1, 1).values = [['']];
  }
}

export interface ReferenceReport {
  /** Per sheet, the 1-based rows whose Billing Workflow Name was updated. */
  readonly updated: readonly { readonly sheet: string; readonly rows: readonly number[] }[];
}

/** Points the Billing Workflow Name cells of Subset Workflows and End Customers naming `from` at `to`. */
async function updateReferences(context: Excel.RequestContext, from: string, to: string): Promise<ReferenceReport> {
  const updated: { sheet: string; rows: number[] }[] = [];
  for (const spec of [SUBSET_WORKFLOWS, END_CUSTOMERS]) {
    const grid = await readGrid(context, spec);
    if (grid === null || !grid.columns.has('workflow')) continue;
    const rows = rowsNaming(grid, 'workflow', from);
    for (const r of rows) writeName(grid, r, 'workflow', to);
    if (rows.length) updated.push({ sheet: grid.name, rows: rows.map((r) => r + 1) });
  }
  await context.sync();
  return { updated };
}

/** Renames a workflow in Billing Workflows; with `updateReferences`, in the other two sheets too. */
export async function renameWorkflow(
  context: Excel.RequestContext,
  from: string,
  to: string,
  references: boolean,
): Promise<ReferenceReport & { readonly rows: readonly number[] }> {
  if (to.trim() === '') throw new Error('A workflow needs a name.');
  const grid = await readGrid(context, BILLING_WORKFLOWS);
  requireColumns(grid, BILLING_WORKFLOWS);
  const clash = workflowNames(grid).get(nameKey(to));
  if (clash !== undefined && nameKey(from) !== nameKey(to))
    throw new Error(`A workflow named "${clash}" already exists. Choose another name.`);
  const rows = rowsNaming(grid, 'workflow', from);
  if (rows.length === 0) throw new Error(`There is no workflow named "${from}" in the "${grid.name}" sheet.`);
  for (const r of rows) writeName(grid, r, 'workflow', to);
  await context.sync();
  const report = references ? await updateReferences(context, from, to) : { updated: [] };
  return { ...report, rows: rows.map((r) => r + 1) };
}

export type DeleteOutcome =
  | { readonly kind: 'deleted'; readonly cleared: readonly number[]; readonly reassigned: ReferenceReport | null }
  | { readonly kind: 'in-use'; readonly subsets: readonly string[] };

/**
 * Deletes a workflow: its rows' contract cells are cleared (the user's extra columns and other
 * rows stay). Refused while Subset Workflows uses it, unless `reassignTo` names the workflow
 * that its subsets (and their End Customers rows) move to.
 */
export async function deleteWorkflow(
  context: Excel.RequestContext,
  name: string,
  reassignTo?: string,
): Promise<DeleteOutcome> {
  const subsets = await readGrid(context, SUBSET_WORKFLOWS);
  const users =
    subsets && subsets.columns.has('workflow')
      ? rowsNaming(subsets, 'workflow', name).map((r) => textOf(cellAt(subsets, r, 'subset') ?? { type: 'empty' }))
      : [];
  let reassigned: ReferenceReport | null = null;
  if (users.length > 0) {
    if (reassignTo === undefined || reassignTo.trim() === '' || nameKey(reassignTo) === nameKey(name))
      return { kind: 'in-use', subsets: users };
    reassigned = await updateReferences(context, name, reassignTo);
  }
  const grid = await readGrid(context, BILLING_WORKFLOWS);
  requireColumns(grid, BILLING_WORKFLOWS);
  const rows = rowsNaming(grid, 'workflow', name);
  removeRows(grid, rows);
  await context.sync();
  return { kind: 'deleted', cleared: rows.map((r) => r + 1), reassigned };
}

// ---- subsets ------------------------------------------------------------------------------------

export interface AddSubsetsReport {
  /** The Subset Workflows sheet's tab name. */
  readonly sheet: string;
  /** 1-based rows written, one per subset added. */
  readonly rows: readonly number[];
  /** Names already in the sheet (by nameKey), not added again. */
  readonly skipped: readonly string[];
}

/**
 * Appends one Subset Workflows row per name, below everything used, with the Billing Workflow Name
 * left empty for the user to choose (the sheet's dropdown). Writes nothing else; names already
 * there (the sheet may have changed since validation) are skipped.
 */
export async function addSubsets(context: Excel.RequestContext, names: readonly string[]): Promise<AddSubsetsReport> {
  const grid = await readGrid(context, SUBSET_WORKFLOWS);
  requireColumns(grid, SUBSET_WORKFLOWS);
  const have = new Set<string>();
  for (let r = 1; r < grid.rows.length; r++) {
    const cell = cellAt(grid, r, 'subset');
    if (cell !== undefined) have.add(nameKey(textOf(cell)));
  }
  const rows: number[] = [];
  const skipped: string[] = [];
  let row = Math.max(grid.end, 1);
  for (const name of names) {
    const key = nameKey(name);
    if (key === '' || have.has(key)) {
      skipped.push(name);
      continue;
    }
    have.add(key);
    writeName(grid, row, 'subset', name.trim());
    rows.push(row + 1);
    row++;
  }
  if (rows.length > 0) await context.sync();
  return { sheet: grid.name, rows, skipped };
}
