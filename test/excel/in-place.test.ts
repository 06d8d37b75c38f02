import { validateInPlace } from '../../src/excel/in-place';
import { MARK_FILL } from '../../src/excel/marks';
import { freshExcel, loadValid } from './helpers';

const marksOn = (host: ReturnType<typeof freshExcel>, sheet: string) =>
  host.model.sheet(sheet)!.conditionalFormats.map((cf) => cf.rect);

describe('validateInPlace', () => {
  it('marks the cells with findings, and the mark disappears the moment the value changes', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'email1');
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.result.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['End Customers!A2']);
    const s = host.model.sheet('End Customers')!;
    expect(s.conditionalFormatAt(1, 0)?.fill).toBe(MARK_FILL.error);
    expect(s.conditionalFormatAt(1, 1)).toBeNull();
    host.type('End Customers', 'A2', 'admin@contoso.example');
    expect(s.conditionalFormatAt(1, 0)).toBeNull(); // before any re-validation
    await Excel.run((context) => validateInPlace(context));
    // An automatic run leaves the inert mark (no undo record for a fix); one the user asks for tidies.
    expect(marksOn(host, 'End Customers')).toHaveLength(1);
    await Excel.run((context) => validateInPlace(context, { tidy: true }));
    expect(marksOn(host, 'End Customers')).toEqual([]);
  });

  it("never touches the user's own formatting or conditional formats", async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    s.ensure(2, 2).fill = '#00FF00';
    s.ensure(2, 2).bold = true;
    const own = s.addConditionalFormat({ row: 1, col: 0, rows: 10, cols: 4 });
    own.formula = '=$A2="Payer"';
    own.fill = '#123456';
    host.type('Accounts', 'C3', '1111-1111-1111');
    await Excel.run((context) => validateInPlace(context));
    expect(s.conditionalFormats.length).toBe(2);
    host.type('Accounts', 'C3', '111111111111');
    await Excel.run((context) => validateInPlace(context, { tidy: true }));
    expect(s.conditionalFormats).toEqual([own]);
    expect(s.cell(2, 2)).toMatchObject({ fill: '#00FF00', bold: true });
  });

  it('uses a constant number of syncs as rows grow from 100 to 10,000, each payload under 5 MB', async () => {
    const figures: number[] = [];
    for (const rows of [100, 1_000, 10_000]) {
      const host = freshExcel();
      loadValid(host);
      const s = host.model.sheet('Accounts')!;
      for (let r = 0; r < rows; r++) {
        // every tenth ID is broken, so there are marks to write too
        s.cells.set((r + 7) * 16384 + 2, { value: r % 10 === 0 ? 'x' : String(100000000000 + r), numberFormat: '@' });
        s.cells.set((r + 7) * 16384 + 3, { value: 'Subset 1', numberFormat: 'General' });
      }
      host.resetStats();
      const res = await Excel.run((context) => validateInPlace(context));
      figures.push(host.stats.syncs);
      expect(res.marked).toBe(Math.min(1000, Math.ceil(rows / 10)));
      expect(Math.max(...host.stats.records.map((x) => Math.max(x.requestBytes, x.responseBytes)))).toBeLessThan(
        5 * 1024 * 1024,
      );
    }
    expect(new Set(figures).size).toBe(1);
  });

  it('does not mark when the workbook changed while validating (stale results)', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'email1');
    const r = await Excel.run((context) => validateInPlace(context, { isStale: () => true }));
    expect(r.stale).toBe(true);
    expect(marksOn(host, 'End Customers')).toEqual([]);
  });

  it('lists but does not mark findings on a protected sheet, and changes nothing there', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'email1');
    host.model.sheet('End Customers')!.protected = true;
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.result.findings.map((f) => f.code)).toEqual(['email-placeholder']);
    expect(marksOn(host, 'End Customers')).toEqual([]);
    expect(r.sheets.find((x) => x.name === 'End Customers')!.protected).toBe(true);
  });
});

describe('a flood of findings (hostile files, issue 15)', () => {
  it('marks at most a thousand findings of a kind per sheet, and the pane gets one saying how many were left out', async () => {
    const host = freshExcel();
    loadValid(host, (sheets) => {
      for (let i = 0; i < 2500; i++) sheets['Accounts']!.push([`Extra ${i}`, '', 'not an id', 'Subset 1']);
    });
    const r = await Excel.run((context) => validateInPlace(context));
    const codes = r.result.findings.filter((f) => f.sheet === 'Accounts').map((f) => f.code);
    const kinds = new Map<string, number>();
    for (const c of codes) kinds.set(c, (kinds.get(c) ?? 0) + 1);
    for (const [code, n] of kinds) if (code !== 'findings-omitted') expect(n).toBeLessThanOrEqual(1000);
    const omitted = r.result.findings.find((f) => f.code === 'findings-omitted');
    expect(omitted?.sheet).toBe('Accounts');
    expect(omitted?.message).toMatch(/^And 1,500 more findings of the same kind/);
    expect(r.marked).toBeLessThanOrEqual(1000);
  });
});
