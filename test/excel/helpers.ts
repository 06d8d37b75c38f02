import { createMemoryExcel, install, type MemoryExcel } from '../../src/in-memory-excel';
import type { Raw } from '../core/fixtures/workbooks';
import { validSheets } from '../core/fixtures/workbooks';

/** A fresh in-memory Excel, installed as the `Excel` and `Office` globals. */
export function freshExcel(options: Parameters<typeof createMemoryExcel>[0] = {}): MemoryExcel {
  const host = createMemoryExcel(options);
  install(host);
  return host;
}

/**
 * Puts the valid fixture workbook into the host as a person would have it: IDs in text-formatted
 * cells (so they keep their zeros), everything else typed.
 */
export function loadValid(host: MemoryExcel, edit: (sheets: Record<string, Raw[][]>) => void = () => undefined): void {
  const sheets = Object.fromEntries(Object.entries(validSheets()).map(([k, rows]) => [k, rows.map((r) => [...r])]));
  edit(sheets);
  for (const [name, rows] of Object.entries(sheets)) {
    const s = host.model.addSheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        if (typeof v === 'string' && /^\d{12}$/.test(v)) s.ensure(r, c).numberFormat = '@';
        s.enter(r, c, typeof v === 'object' ? null : v);
      }),
    );
  }
}
