// Payload budgets that hold on Excel on the web (issue 9, item 4), on the strict host, which
// refuses any request or response over 5 MB as Excel on the web does: 50,000 accounts with a
// 250-character notes column (non-ASCII, quotes) validate in place and import.
import { importAccounts } from '../../src/excel/import';
import { validateInPlace } from '../../src/excel/in-place';
import { WEB_PAYLOAD_LIMIT } from '../../src/in-memory-excel';
import { freshExcel, loadValid } from './helpers';

const ROWS = 50_000;
const NOTE = `Überweisung "monatlich" – ${'é'.repeat(100)}${'x'.repeat(250)}`.slice(0, 250);

function bigWorkbook() {
  const host = freshExcel();
  loadValid(host);
  const s = host.model.sheet('Accounts')!;
  s.enter(0, 5, 'Notes');
  for (let r = 0; r < ROWS; r++) {
    const row = r + 7;
    s.ensure(row, 0).value = `Account ${r}`;
    s.ensure(row, 1).value = `aws-${r}@contoso.example`;
    s.cells.set(row * 16384 + 2, { value: String(100000000000 + r), numberFormat: '@' });
    s.ensure(row, 3).value = 'Subset 1';
    s.ensure(row, 5).value = NOTE;
  }
  return host;
}

const largest = (host: ReturnType<typeof freshExcel>) =>
  Math.max(...host.stats.records.map((x) => Math.max(x.requestBytes, x.responseBytes)));

describe('50,000 accounts with a 250-character notes column, on the web limits', () => {
  it('validates in place: no refused payload, every request and response under 5 MB', async () => {
    const host = bigWorkbook();
    host.resetStats();
    const r = await Excel.run((context) => validateInPlace(context));
    expect(host.stats.records.filter((x) => x.error !== undefined)).toEqual([]);
    expect(largest(host)).toBeLessThan(WEB_PAYLOAD_LIMIT);
    expect(r.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('imports: reads only what it needs, every payload under 5 MB', async () => {
    const host = bigWorkbook();
    host.resetStats();
    const out = await Excel.run((context) =>
      importAccounts(context, [{ id: '999999999999', name: 'New', email: 'new@contoso.example', status: 'ACTIVE' }]),
    );
    expect(out.kind).toBe('imported');
    expect(host.stats.records.filter((x) => x.error !== undefined)).toEqual([]);
    expect(largest(host)).toBeLessThan(WEB_PAYLOAD_LIMIT);
  });
});
