import fc from 'fast-check';
import { buildSheets } from '../../src/excel/build';
import { validateWorkbook } from '../../src/core/validate';
import { readWorkbook } from '../../src/excel/read';
import { SHEETS } from '../../src/core/sheets';
import type { MemoryExcel } from '../../src/in-memory-excel';
import { freshExcel, loadValid } from './helpers';

/** Every cell of every sheet: value, formula, format, bold, fill. */
function snapshot(host: MemoryExcel): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of host.model.sheets) {
    for (const [k, c] of s.cells)
      out.set(`${s.name}!${k}`, JSON.stringify([c.value, c.formula, c.numberFormat, c.bold, c.fill]));
  }
  return out;
}

describe('buildSheets', () => {
  it('builds every sheet of the contract on an empty workbook, as tables with frozen headers and dropdowns', async () => {
    const host = freshExcel();
    host.model.addSheet('Sheet1');
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.created).toEqual(SHEETS.map((s) => s.name));
    for (const spec of SHEETS) {
      const s = host.model.sheet(spec.name)!;
      expect(spec.columns.map((_, c) => s.value(0, c))).toEqual(spec.columns.map((c) => c.header));
      expect(s.frozenRows).toBe(1);
      expect(s.cell(0, 0)?.bold).toBe(true);
    }
    expect(host.model.tables.map((t) => t.name)).toEqual([
      'Accounts',
      'SubsetWorkflows',
      'BillingWorkflows',
      'EndCustomers',
    ]);
    expect(host.model.sheet('Accounts')!.numberFormat(1, 2)).toBe('@');
    expect(report.dropdowns.map((d) => `${d.sheet}/${d.column}`)).toEqual([
      'Accounts/Subset Name',
      'Subset Workflows/Billing Workflow Name',
      'Billing Workflows/Rule',
      'End Customers/Subset Name',
      'End Customers/Billing Workflow Name',
    ]);
    const dv = host.model.sheet('Accounts')!.validations[0]!;
    expect(dv.rule.list?.source).toBe("='Subset Workflows'!$A$2:$A$1048576");
    // what it built validates to "fill me in", not to shape errors
    const read = await Excel.run((context) => readWorkbook(context));
    const codes = new Set(validateWorkbook(read.input).findings.map((f) => f.code));
    expect([...codes].sort()).toEqual(['sheet-no-rows', 'value-required']);
  });

  it('is idempotent: twice is once', async () => {
    const host = freshExcel();
    await Excel.run((context) => buildSheets(context));
    const first = snapshot(host);
    const again = await Excel.run((context) => buildSheets(context));
    expect(again).toMatchObject({ created: [], headersAdded: [], fieldsAdded: [], dropdowns: [], frozen: [] });
    expect(snapshot(host)).toEqual(first);
  });

  it('adds only what is missing, after the last used column and row, never over data', async () => {
    const host = freshExcel();
    loadValid(host, (s) => {
      s['Accounts'] = s['Accounts']!.map((r) => [r[0]!, r[2]!, r[3]!, 'my note']); // no e-mail column
      s['Accounts']![0]![3] = 'Notes';
      s['Enrollment'] = s['Enrollment']!.filter((r) => r[0] !== 'Contact Email');
    });
    const before = snapshot(host);
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.created).toEqual([]);
    expect(report.headersAdded).toEqual([{ sheet: 'Accounts', headers: ['AWS Account Email'] }]);
    expect(report.fieldsAdded).toEqual(['Contact Email']);
    const accounts = host.model.sheet('Accounts')!;
    expect(accounts.value(0, 4)).toBe('AWS Account Email');
    expect(host.model.sheet('Enrollment')!.value(5, 0)).toBe('Contact Email'); // row 6, after the last used row
    for (const [k, v] of before) expect(snapshot(host).get(k)).toBe(v);
  });

  it('leaves protected sheets alone and says so', async () => {
    const host = freshExcel();
    loadValid(host, (s) => {
      s['Subset Workflows'] = s['Subset Workflows']!.map((r) => [r[0]!]);
    });
    host.model.sheet('Subset Workflows')!.protected = true;
    const before = snapshot(host);
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.protectedSheets).toEqual(['Subset Workflows']);
    expect(snapshot(host)).toEqual(before);
  });

  it("keeps the user's own data validation in a column", async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    s.validations.push({
      rect: { row: 1, col: 3, rows: 100, cols: 1 },
      rule: { list: { inCellDropDown: true, source: 'A,B' } },
      ignoreBlanks: true,
    });
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.dropdowns.some((d) => d.sheet === 'Accounts')).toBe(false);
    expect(s.validations).toHaveLength(1);
    expect(s.validations[0]!.rule.list?.source).toBe('A,B');
  });

  it('never changes a value or format a user had, on random existing workbooks (property)', async () => {
    const sheetName = fc.constantFrom(...SHEETS.map((s) => s.name), 'Notes', 'accounts');
    const cellValue = fc.oneof(
      fc.constantFrom(...SHEETS.flatMap((s) => s.columns.map((c) => c.header)), 'MSP Name', '012345678901', '=1+1'),
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.boolean(),
    );
    const workbookArb = fc.uniqueArray(
      fc.record({
        name: sheetName,
        cells: fc.array(
          fc.tuple(fc.nat(8), fc.nat(6), cellValue, fc.constantFrom('General', '@', '0.00'), fc.boolean()),
          { maxLength: 25 },
        ),
      }),
      { maxLength: 4, selector: (s) => s.name.toLowerCase() },
    );
    await fc.assert(
      fc.asyncProperty(workbookArb, async (sheets) => {
        const host = freshExcel();
        for (const sh of sheets) {
          const s = host.model.addSheet(sh.name);
          for (const [r, c, v, fmt, bold] of sh.cells) {
            const cell = s.ensure(r, c);
            cell.numberFormat = fmt;
            cell.bold = bold;
            if (bold) cell.fill = '#FFEEAA';
            s.enter(r, c, v);
          }
        }
        // Cells holding a value keep value and every format; an empty cell may receive a header
        // (bold, Text format) but keeps its fill.
        const before = snapshot(host);
        await Excel.run((context) => buildSheets(context));
        const after = snapshot(host);
        for (const [k, v] of before) {
          const [value, , , , fill] = JSON.parse(v) as unknown[];
          if (value !== null) expect(after.get(k)).toBe(v);
          else expect((JSON.parse(after.get(k) ?? v) as unknown[])[4]).toEqual(fill);
        }
        const twice = snapshot(host);
        await Excel.run((context) => buildSheets(context));
        expect(snapshot(host)).toEqual(twice);
      }),
      { numRuns: 60 },
    );
    // 60 workbooks, each through Microsoft's client and the executor twice: minutes on a busy machine.
  }, 180_000);
});

describe('buildSheets on an Enrollment sheet without its headers', () => {
  it('adds the Field column and all the fields in it, once (found by the property test)', async () => {
    const host = freshExcel();
    const s = host.model.addSheet('Enrollment');
    s.enter(0, 0, 'MSP Name');
    s.enter(1, 0, 'MSP Name');
    await Excel.run((context) => buildSheets(context));
    // after the last used row (row 2 holds the user's cell), never over it
    const fieldsIn = (col: number) => [1, 2, 3, 4, 5, 6].map((r) => s.value(r, col));
    expect(s.value(0, 1)).toBe('Field');
    expect(fieldsIn(1)).toEqual([
      null,
      'MSP Name',
      'MSP Spot Org ID',
      'Management Account ID',
      'Contact Email',
      'Account Rep Email',
    ]);
    expect([s.value(0, 0), s.value(1, 0)]).toEqual(['MSP Name', 'MSP Name']); // the user's cells stay
    const again = await Excel.run((context) => buildSheets(context));
    expect(again.fieldsAdded).toEqual([]);
  });
});
