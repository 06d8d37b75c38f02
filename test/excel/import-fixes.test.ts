import { applyFixes } from '../../src/excel/fixes';
import { importAccounts } from '../../src/excel/import';
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
    expect(ok.problems).toEqual([{ kind: 'padded-id', line: 2, value: '12345678901', id: '012345678901' }]);
    const bad = await officeHost().importAccounts('hello');
    expect(bad.result.kind).toBe('unreadable');
  });

  it('splits addresses, quoted sheet names included', () => {
    expect(splitAddress("'Subset Workflows'!B3:C4")).toEqual(['Subset Workflows', 'B3']);
    expect(splitAddress("'O''Brien'!$A$1")).toEqual(["O'Brien", 'A1']);
    expect(splitAddress('Accounts!C7')).toEqual(['Accounts', 'C7']);
  });
});
