import { readWorkbook, planBands, BYTES_PER_CELL } from '../../src/excel/read';
import { validateWorkbook } from '../../src/core/validate';
import { freshExcel, loadValid } from './helpers';

describe('readWorkbook over the in-memory host', () => {
  it('reads the enrollment sheets into the port, and the core finds nothing wrong', async () => {
    const host = freshExcel();
    loadValid(host);
    const read = await Excel.run((context) => readWorkbook(context));
    expect(validateWorkbook(read.input).findings).toEqual([]);
    expect(read.sheets.map((s) => s.name)).toEqual([
      'Enrollment',
      'Accounts',
      'Subset Workflows',
      'Billing Workflows',
      'End Customers',
    ]);
  });

  it('keeps number formats and value types: a General number that lost its zeros is judged as such', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Accounts', 'C4', '001111111112'); // C4 is text-formatted: stays text
    const s = host.model.sheet('Accounts')!;
    s.ensure(4, 2).numberFormat = 'General';
    host.type('Accounts', 'C5', '022222222222'); // General: Excel makes it 22222222222
    const read = await Excel.run((context) => readWorkbook(context));
    const found = validateWorkbook(read.input).findings.map((f) => [f.cell, f.code]);
    expect(found).toEqual([['C5', 'account-id-leading-zeros-lost']]);
  });

  it('reads error values and formula results', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Accounts', 'D3', '=NA()');
    host.type('Accounts', 'D4', '="Subset "&"2"');
    const read = await Excel.run((context) => readWorkbook(context));
    const found = validateWorkbook(read.input).findings.map((f) => [f.cell, f.code]);
    // Each formula is also said (issue 16): a warning, the cell judged by its value.
    expect(found).toEqual([
      ['D3', 'formula-in-cell'],
      ['D3', 'cell-error-value'],
      ['D4', 'formula-in-cell'],
    ]);
    expect(read.input.sheets[1]!.rows[3]![3]).toEqual({ type: 'text', value: 'Subset 2', formula: '="Subset "&"2"' });
  });

  it('reads formulas, so one reaching outside the workbook is an error at its cell', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Subset Workflows', 'A2', '=HYPERLINK("http://evil.example/x","Subset 1")');
    const read = await Excel.run((context) => readWorkbook(context));
    const found = validateWorkbook(read.input).findings.filter((f) => f.code === 'formula-reaches-out');
    expect(found.map((f) => [f.sheet, f.cell, f.severity])).toEqual([['Subset Workflows', 'A2', 'error']]);
    // A cell without a formula carries none.
    expect(read.input.sheets[2]!.rows[2]![0]).toEqual({ type: 'text', value: 'Subset 2' });
  });

  it('judges a table’s data body only: its totals row (Total, a count) is not data', async () => {
    const host = freshExcel();
    loadValid(host);
    // Accounts A1:D7 as a table, then its totals row shown and filled as Excel fills it.
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Accounts').tables.add('Accounts!A1:D7', true);
      table.showTotals = true;
      await context.sync();
    });
    const s = host.model.sheet('Accounts')!;
    s.enter(7, 2, 6);
    s.enter(7, 3, 6);
    const read = await Excel.run((context) => readWorkbook(context));
    const accounts = read.input.sheets.find((x) => x.name === 'Accounts')!;
    expect(accounts.tables).toEqual([{ ref: 'A1:D8', headerRows: 1, totalsRows: 1 }]);
    expect(read.syncs).toBe(3);
    expect(validateWorkbook(read.input).findings).toEqual([]);
    // Hidden again: the table ends at its data body, and Excel cleared the totals row.
    await Excel.run(async (context) => {
      const tables = context.workbook.worksheets.getItem('Accounts').tables;
      tables.load('items');
      await context.sync();
      tables.items[0]!.showTotals = false;
      await context.sync();
    });
    const again = await Excel.run((context) => readWorkbook(context));
    const after = again.input.sheets.find((x) => x.name === 'Accounts')!;
    expect(after.tables).toEqual([{ ref: 'A1:D7', headerRows: 1, totalsRows: 0 }]);
    expect(after.rows[7]).toBeUndefined();
  });

  it('without a table, the same totals row is judged as data', async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    s.enter(7, 0, 'Total');
    s.enter(7, 2, 6);
    s.enter(7, 3, 6);
    const read = await Excel.run((context) => readWorkbook(context));
    expect(validateWorkbook(read.input).findings.map((f) => [f.cell, f.code])).toEqual([
      ['C8', 'account-id-leading-zeros-lost'],
      ['D8', 'subset-unknown'],
    ]);
  });

  it('uses a constant number of syncs whatever the row count', async () => {
    const counts: number[] = [];
    for (const rows of [100, 1_000, 10_000]) {
      const host = freshExcel();
      loadValid(host);
      const s = host.model.sheet('Accounts')!;
      for (let r = 0; r < rows; r++) {
        s.cells.set((r + 7) * 16384 + 2, { value: String(100000000000 + r), numberFormat: '@' });
        s.cells.set((r + 7) * 16384 + 3, { value: 'Subset 1', numberFormat: 'General' });
      }
      host.resetStats();
      const read = await Excel.run((context) => readWorkbook(context));
      counts.push(read.syncs);
      expect(Math.max(...host.stats.records.map((x) => Math.max(x.requestBytes, x.responseBytes)))).toBeLessThan(
        5 * 1024 * 1024,
      );
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(4); // names, geometry, heads, cells
  });

  it('splits a read that would exceed the payload limit into several syncs, each under it', async () => {
    const limit = 200_000;
    const host = freshExcel({ payloadLimit: limit });
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    for (let r = 0; r < 3_000; r++) {
      s.cells.set((r + 7) * 16384 + 2, { value: String(100000000000 + r), numberFormat: '@' });
      s.cells.set((r + 7) * 16384 + 3, { value: 'Subset 1', numberFormat: 'General' });
    }
    const read = await Excel.run((context) => readWorkbook(context, { maxPayloadBytes: limit * 0.8 }));
    expect(read.syncs).toBeGreaterThan(3);
    expect(Math.max(...host.stats.records.map((x) => x.responseBytes))).toBeLessThan(limit);
    expect(read.input.sheets.find((x) => x.name === 'Accounts')!.rows.length).toBe(3_007);
  });

  it('when Excel refuses a band as too large, halves it and reads again (issue 9, item 4)', async () => {
    const host = freshExcel({ payloadLimit: 50_000 });
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    for (let r = 0; r < 3_000; r++)
      s.cells.set((r + 7) * 16384 + 2, { value: String(100000000000 + r), numberFormat: '@' });
    const read = await Excel.run((context) => readWorkbook(context, { maxPayloadBytes: 10_000_000 }));
    // The strict host refused the first, too large, band: the read went on with smaller ones.
    expect(host.stats.records.some((x) => x.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    const ids = read.input.sheets.find((x) => x.name === 'Accounts')!.rows.map((row) => row?.[2]);
    expect(ids.length).toBe(3_007);
    expect(ids[3_006]).toEqual({ type: 'text', value: '100000002999' });
  });

  it("reads only the contract's columns below the head: a long notes column is not read", async () => {
    const bytesRead = async (notes: boolean) => {
      const host = freshExcel();
      loadValid(host);
      const s = host.model.sheet('Accounts')!;
      for (let r = 1; r < 2_000; r++) s.ensure(r, 3).value = 'Subset 1';
      if (notes) {
        s.enter(0, 4, 'Notes');
        for (let r = 1; r < 2_000; r++) s.ensure(r, 4).value = `note ${'ü'.repeat(200)}`;
      }
      host.resetStats();
      const read = await Excel.run((context) => readWorkbook(context));
      return { host, rows: read.input.sheets.find((x) => x.name === 'Accounts')!.rows };
    };
    const without = await bytesRead(false);
    const { host, rows } = await bytesRead(true);
    expect(rows[3]![4]).toMatchObject({ type: 'text' }); // in the head: read
    expect(rows[1_500]![4]).toBeUndefined(); // below it: not read
    const total = (h: typeof host) => h.stats.records.reduce((n, x) => n + x.responseBytes, 0);
    // Only the head's ten notes cost anything (twice: as values and as formulas, issue 16): 2,000
    // of them would be over 800 KB.
    expect(total(host) - total(without.host)).toBeLessThan(10 * 2 * 500);
  });

  it('plans bands under the budget', () => {
    const groups = planBands([{ rows: 50_000, columns: 4 }], 4_000_000);
    for (const g of groups)
      expect(g.reduce((n, b) => n + b.rowCount * b.columns * BYTES_PER_CELL, 0)).toBeLessThanOrEqual(4_000_000);
    expect(groups.flat().reduce((n, b) => n + b.rowCount, 0)).toBe(50_000);
  });
});
