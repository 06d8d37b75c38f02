import { applyFixes } from '../../src/excel/fixes';
import { IMPORT_ROWS_PER_SYNC, importAccounts } from '../../src/excel/import';
import { validateInPlace } from '../../src/excel/in-place';
import { officeHost, splitAddress } from '../../src/excel/host';
import { parseOrgExport } from '../../src/core/org-import';
import { freshExcel, loadValid } from './helpers';

describe('importAccounts', () => {
  const exportJson = JSON.stringify({
    Accounts: [
      { Id: '111111111111', Name: 'Contoso prod', Email: 'aws-prod@contoso.example', Status: 'ACTIVE' },
      { Id: '000555555555', Name: '=HYPERLINK("http://evil")', Email: 'new@example.com', Status: 'ACTIVE' },
      { Id: '000555555555', Name: 'Again', Email: 'again@example.com', Status: 'ACTIVE' },
    ],
  });

  it('appends new accounts as text after the existing rows, keeps those rows, reports the rest', async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    const before = [...s.cells.entries()].map(([k, c]) => [k, { ...c }]);
    const out = await Excel.run((context) => importAccounts(context, parseOrgExport(exportJson).accounts));
    expect(out.kind).toBe('imported');
    if (out.kind !== 'imported') return;
    expect(out.plan.add.map((a) => a.id)).toEqual(['000555555555']);
    expect(out.plan.alreadyListed.map((a) => a.id)).toEqual(['111111111111']);
    expect(out.plan.repeated.map((a) => a.id)).toEqual(['000555555555']);
    expect(out.firstRow).toBe(7);
    expect(s.value(7, 2)).toBe('000555555555'); // leading zeros kept
    expect(s.value(7, 0)).toBe('=HYPERLINK("http://evil")'); // a string, never a formula
    expect(s.cell(7, 0)?.formula).toBeUndefined();
    for (const [k, c] of before) expect(s.cells.get(k as number)).toEqual(c);
  });

  it('writes 2,500 accounts in bands of IMPORT_ROWS_PER_SYNC rows, telling the progress after each (issue 10, item 7)', async () => {
    const host = freshExcel();
    loadValid(host);
    const accounts = Array.from({ length: 2500 }, (_, i) => ({
      id: String(200_000_000_000 + i),
      name: `Account ${i}`,
      email: `a${i}@example.com`,
      status: 'ACTIVE',
    }));
    const told: [number, number][] = [];
    const wrote: number[] = [];
    const s = host.model.sheet('Accounts')!;
    const out = await Excel.run((context) =>
      importAccounts(context, accounts, (written, total) => {
        told.push([written, total]);
        // What the sheet holds when it is told: every account of the bands so far, no more.
        wrote.push([...s.cells.values()].filter((c) => /^2000000\d{5}$/.test(String(c.value))).length);
      }),
    );
    expect(IMPORT_ROWS_PER_SYNC).toBe(1000);
    expect(told).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    expect(wrote).toEqual([0, 1000, 2000, 2500]);
    expect(out.kind === 'imported' && out.firstRow).toBe(7);
    expect(s.value(7 + 2499, 2)).toBe('200000002499');
  });

  it('tells no progress when there is nothing to write but the zero, and none when the sheet is missing', async () => {
    const host = freshExcel();
    loadValid(host);
    const told: [number, number][] = [];
    await Excel.run((context) => importAccounts(context, [], (w, t) => told.push([w, t])));
    expect(told).toEqual([[0, 0]]);
    freshExcel();
    const none: number[] = [];
    expect(await Excel.run((context) => importAccounts(context, [], (w) => none.push(w)))).toEqual({
      kind: 'no-sheet',
    });
    expect(none).toEqual([]);
  });

  it('officeHost leaves suspended and closing accounts out unless asked, and reports the NextToken', async () => {
    const text = JSON.stringify({
      Accounts: [
        { Id: '000555555555', Name: 'New', Email: 'new@example.com', Status: 'ACTIVE' },
        { Id: '000666666666', Name: 'Old', Email: 'old@example.com', Status: 'SUSPENDED' },
        { Id: '000777777777', Name: 'Closing', Email: 'c@example.com', Status: 'PENDING_CLOSURE' },
      ],
      NextToken: 'next',
    });
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    const r = await officeHost().importAccounts(text);
    expect(r.leftOut?.map((a) => a.name)).toEqual(['Old', 'Closing']);
    expect(r.nextToken).toBe('next');
    expect([7, 8].map((row) => s.value(row, 2))).toEqual(['000555555555', null]);
    const again = await officeHost().importAccounts(text, { includeLeaving: true });
    expect(again.leftOut).toEqual([]);
    expect([8, 9].map((row) => s.value(row, 2))).toEqual(['000666666666', '000777777777']);
  });

  it('says when there is no Accounts sheet, and on a protected one changes nothing', async () => {
    const host = freshExcel();
    host.model.addSheet('Sheet1');
    expect(await Excel.run((context) => importAccounts(context, []))).toEqual({ kind: 'no-sheet' });
    const other = freshExcel();
    loadValid(other);
    other.model.sheet('Accounts')!.protected = true;
    expect(await Excel.run((context) => importAccounts(context, parseOrgExport(exportJson).accounts))).toEqual({
      kind: 'protected',
    });
  });

  it('counts an ID that lost its zeros as already listed', async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    s.ensure(3, 2).numberFormat = 'General';
    host.type('Accounts', 'C4', '1111111112');
    const out = await Excel.run((context) =>
      importAccounts(context, [{ id: '001111111112', name: 'x', email: '', status: '' }]),
    );
    expect(out.kind === 'imported' && out.plan.alreadyListed.length).toBe(1);
  });
});

describe('applyFixes', () => {
  it('writes the certain fix as text, only while the cell still holds the judged value', async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    s.ensure(3, 2).numberFormat = 'General';
    host.type('Accounts', 'C4', '1111111112');
    host.type('Accounts', 'C5', '2222-2222-2222');
    const r = await Excel.run((context) => validateInPlace(context));
    const fixable = r.result.findings.filter((f) => f.fix);
    expect(fixable.map((f) => f.cell)).toEqual(['C4', 'C5']);
    host.type('Accounts', 'C5', '2222 2222 2222'); // the user changed it meanwhile
    const outcomes = await Excel.run((context) =>
      applyFixes(
        context,
        fixable.map((f) => ({ sheet: f.sheet, cell: f.cell!, judged: r.cellOf(f), fix: f.fix! })),
      ),
    );
    expect(outcomes).toEqual(['applied', 'changed']);
    expect(s.value(3, 2)).toBe('001111111112');
    expect(s.numberFormat(3, 2)).toBe('@');
    expect(s.value(4, 2)).toBe('2222 2222 2222');
  });
});

describe('applyFixes: unmerge and fill down', () => {
  /** The valid workbook with Accounts D2:D3 (Subset 1 twice) merged, as Excel merges it. */
  async function mergedHost() {
    const host = freshExcel();
    loadValid(host);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').getRange('D2:D3').merge();
      await context.sync();
    });
    const r = await Excel.run((context) => validateInPlace(context, { mergedAreas: true }));
    const f = r.result.findings.find((x) => x.code === 'merged-cells')!;
    return { host, r, f, request: { sheet: f.sheet, cell: f.cell!, judged: r.cellOf(f), fix: f.fix! } };
  }

  it('is offered at the merge, and unmerges it and fills the value down: valid again', async () => {
    const { host, f, request } = await mergedHost();
    expect(f.fix).toEqual({ unmergeFillDown: 'D2:D3' });
    const s = host.model.sheet('Accounts')!;
    expect(s.value(2, 3)).toBeNull(); // Excel kept the top-left value only
    expect(await Excel.run((context) => applyFixes(context, [request]))).toEqual(['applied']);
    expect(s.merges).toEqual([]);
    expect(s.value(2, 3)).toBe('Subset 1');
    const again = await Excel.run((context) => validateInPlace(context, { mergedAreas: true }));
    expect(again.result.findings).toEqual([]);
  });

  it('does nothing where the merge changed, its value changed, or the sheet is protected', async () => {
    const changedValue = await mergedHost();
    changedValue.host.type('Accounts', 'D2', 'Subset 2');
    expect(await Excel.run((context) => applyFixes(context, [changedValue.request]))).toEqual(['changed']);
    expect(changedValue.host.model.sheet('Accounts')!.merges).toHaveLength(1);

    const unmerged = await mergedHost();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').getRange('D2:D3').unmerge();
      await context.sync();
    });
    unmerged.host.type('Accounts', 'D3', 'Subset 5'); // typed after unmerging by hand: kept
    expect(await Excel.run((context) => applyFixes(context, [unmerged.request]))).toEqual(['changed']);
    expect(unmerged.host.model.sheet('Accounts')!.value(2, 3)).toBe('Subset 5');

    const locked = await mergedHost();
    locked.host.model.sheet('Accounts')!.protected = true;
    expect(await Excel.run((context) => applyFixes(context, [locked.request]))).toEqual(['protected']);
    expect(locked.host.model.sheet('Accounts')!.merges).toHaveLength(1);
  });

  it('keeps an ID text when it fills it down', async () => {
    const host = freshExcel();
    loadValid(host);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').getRange('C2:C3').merge();
      await context.sync();
    });
    const r = await Excel.run((context) => validateInPlace(context, { mergedAreas: true }));
    const f = r.result.findings.find((x) => x.code === 'merged-cells')!;
    await Excel.run((context) =>
      applyFixes(context, [{ sheet: f.sheet, cell: f.cell!, judged: r.cellOf(f), fix: f.fix! }]),
    );
    const s = host.model.sheet('Accounts')!;
    expect(s.value(2, 2)).toBe('012345678901');
    expect(s.numberFormat(2, 2)).toBe('@');
  });
});

describe('officeHost', () => {
  it('selects a finding cell, activating its sheet, and reports selections', async () => {
    const host = freshExcel();
    loadValid(host);
    const seen: string[] = [];
    const office = officeHost();
    const off = await office.onSelect((sheet, cell) => seen.push(`${sheet}!${cell}`));
    await office.select({ sheet: 'Subset Workflows', cell: 'B3' });
    await new Promise((r) => setTimeout(r, 10));
    expect(host.model.active?.name).toBe('Subset Workflows');
    expect(seen).toEqual(['Subset Workflows!B3']);
    await off();
  });

  it('calls the edit listener after a user edit on an enrollment sheet', async () => {
    const host = freshExcel();
    loadValid(host);
    let edits = 0;
    const off = await officeHost().onEdit(() => edits++);
    host.type('Accounts', 'A2', 'Renamed');
    // Office.js delivers events asynchronously (through the client's promise chain).
    await new Promise((r) => setTimeout(r, 10));
    expect(edits).toBe(1);
    await off();
    host.type('Accounts', 'A2', 'Again');
    await new Promise((r) => setTimeout(r, 10));
    expect(edits).toBe(1);
  });

  it('imports from export text end to end and explains unreadable files', async () => {
    const host = freshExcel();
    loadValid(host);
    const ok = await officeHost().importAccounts('Id,Name,Email\n12345678901,Old,old@example.com\n');
    expect(ok.result.kind).toBe('imported');
    expect(ok.problems).toEqual([
      { kind: 'padded-id', line: 2, value: '12345678901', id: '012345678901', name: 'Old' },
    ]);
    const bad = await officeHost().importAccounts('hello');
    expect(bad.result.kind).toBe('unreadable');
  });

  it('splits addresses, quoted sheet names included', () => {
    expect(splitAddress("'Subset Workflows'!B3:C4")).toEqual(['Subset Workflows', 'B3']);
    expect(splitAddress("'O''Brien'!$A$1")).toEqual(["O'Brien", 'A1']);
    expect(splitAddress('Accounts!C7')).toEqual(['Accounts', 'C7']);
  });
});
