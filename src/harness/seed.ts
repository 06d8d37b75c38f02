/**
 * The example enrollment, as rows a person would type.
 * Strings of 12 digits are AWS account or Spot org IDs: they go into text-formatted cells so they
 * keep their leading zeros, as the add-in's own Build sheets and Import do.
 */
import { exampleSheets } from '../core/example';
import type { MemoryExcel } from '../in-memory-excel';

export type SeedValue = string | number;
export type SeedSheets = Readonly<Record<string, readonly (readonly SeedValue[])[]>>;

/** The same example as `examples/enrollment.xlsx` (src/core/example.ts). */
export const EXAMPLE: SeedSheets = exampleSheets();

const isId = (v: SeedValue): boolean => typeof v === 'string' && /^\d{12}$/.test(v);

/**
 * Writes `sheets` into the workbook: each sheet is created when missing, its cells overwritten,
 * and an onChanged raised per sheet (as after a paste), so that a pane that follows edits sees it.
 */
export function loadSeed(host: MemoryExcel, sheets: SeedSheets = EXAMPLE): void {
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = host.model.sheet(name) ?? host.model.addSheet(name);
    let cols = 0;
    rows.forEach((row, r) => {
      cols = Math.max(cols, row.length);
      row.forEach((value, c) => {
        if (isId(value)) sheet.ensure(r, c).numberFormat = '@';
        sheet.enter(r, c, value);
      });
    });
    if (rows.length > 0) host.model.changed(sheet, { row: 0, col: 0, rows: rows.length, cols });
  }
}
