/**
 * The contract's "Decisions on what the rules above leave open (2026-12-01)" (docs/workbook.md),
 * one describe per decision, on the port (the readers' tests show each on real files).
 */
import type { Finding } from '../../src/core/findings';
import type { Cell, SheetInput, WorkbookInput } from '../../src/core/port';
import { validateWorkbook } from '../../src/core/validate';
import { setCell, sheet, validSheets, withSheet, workbook, type Raw } from './fixtures/workbooks';

const codes = (input: WorkbookInput): [string, string | null, string, string][] =>
  validateWorkbook(input).findings.map((f: Finding) => [f.sheet, f.cell, f.code, f.severity]);

const edit = (name: string, row: number, col: number, v: Raw): WorkbookInput =>
  withSheet(name, (rows) => setCell(rows, row, col, v));

/** The valid workbook with one sheet replaced. */
const replacing = (replacement: SheetInput): WorkbookInput => {
  const others = workbook(validSheets()).sheets.filter((s) => s.name !== replacement.name);
  return { sheets: [...others, replacement] };
};

describe('white space is every Unicode space and line break', () => {
  it.each([
    ['tab', '\t'],
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['no-break space', '\u00a0'],
    ['ideographic space', '\u3000'],
    ['next line', '\u0085'],
    ['em space', '\u2003'],
    ['line separator', '\u2028'],
    ['zero-width space', '\u200b'],
  ])('%s around a value is trimmed before any check', (_name, ws) => {
    expect(codes(edit('Accounts', 2, 2, `${ws}111111111111${ws}`))).toEqual([]);
    expect(codes(edit('Enrollment', 4, 1, `${ws}finance@acme-cloud.example${ws}`))).toEqual([]);
    expect(codes(edit('Subset Workflows', 1, 1, `${ws}Workflow 1${ws}`))).toEqual([]);
  });

  it.each([
    ['tab', '\t'],
    ['no-break space', '\u00a0'],
    ['ideographic space', '\u3000'],
    ['next line', '\u0085'],
    ['zero-width space', '\u200b'],
    ['dash', '-'],
    ['dot', '.'],
  ])('%s inside an ID is an error with the fix named', (_name, sep) => {
    const found = validateWorkbook(edit('Accounts', 2, 2, `1111${sep}1111${sep}1111`)).findings;
    expect(found.map((f) => [f.cell, f.code, f.severity])).toEqual([['C3', 'account-id-separators', 'error']]);
    expect(found[0]!.fix).toEqual({ value: '111111111111' });
  });

  it('a cell of white space only is blank', () => {
    expect(codes(edit('Accounts', 2, 3, '\u3000\t\u00a0'))).toEqual([['Accounts', 'D3', 'value-required', 'error']]);
  });
});

describe('severity', () => {
  const num = (value: number, format: string): Cell => ({ type: 'number', value, format });
  it.each<[string, Cell, string, string]>([
    ['an ID that lost leading zeros', num(1111111112, 'General'), 'account-id-leading-zeros-lost', 'error'],
    ['an ID stored as a plain number', num(111111111111, 'General'), 'account-id-scientific-notation', 'error'],
    ['an ID shown in scientific notation', num(111111111111, '0.00E+00'), 'account-id-scientific-notation', 'error'],
    [
      'an ID whose format pads it to 12 digits',
      num(1111111112, '000000000000'),
      'account-id-stored-as-number',
      'warning',
    ],
    ['an ID with separators', { type: 'text', value: '1111-1111-1112' }, 'account-id-separators', 'error'],
    ['an error value', { type: 'error', value: '#N/A' }, 'cell-error-value', 'error'],
    ['a formula without a saved result', { type: 'empty', formula: '=A1' }, 'formula-no-result', 'error'],
  ])('%s in a checked column', (_label, cell, code, severity) => {
    expect(codes(edit('Accounts', 3, 2, cell))).toEqual([['Accounts', 'C4', code, severity]]);
  });

  it('an error value in Details or a user column is a warning', () => {
    expect(codes(edit('Billing Workflows', 1, 3, { type: 'error', value: '#REF!' }))).toEqual([
      ['Billing Workflows', 'D2', 'cell-error-value-unchecked', 'warning'],
    ]);
  });

  it('steps not numbered 1..n, Parameters not JSON or not fitting the rule, are errors', () => {
    expect(codes(edit('Billing Workflows', 2, 1, 3))[0]?.slice(2)).toEqual(['step-sequence', 'error']);
    expect(codes(edit('Billing Workflows', 4, 4, '{percent: 3}'))).toEqual([
      ['Billing Workflows', 'E5', 'parameters-not-json', 'error'],
    ]);
    expect(codes(edit('Billing Workflows', 4, 4, '{"percent": -3}'))).toEqual([
      ['Billing Workflows', 'E5', 'parameters-invalid', 'error'],
    ]);
  });
});

describe('Excel tables: only the data body is judged', () => {
  const accounts = (): Raw[][] => validSheets()['Accounts']!.map((r) => [...r]);

  it('a totals row ("Total", a SUBTOTAL count) is not data', () => {
    const rows = accounts();
    const total: Raw[] = [
      'Total',
      null,
      { type: 'number', value: 6, format: 'General', formula: '=SUBTOTAL(103,[AWS Account ID])' },
      'x',
    ];
    const s = { ...sheet('Accounts', [...rows, total]), tables: [{ ref: 'A1:D8', headerRows: 1, totalsRows: 1 }] };
    expect(codes(replacing(s))).toEqual([]);
    // The same rows without the table are judged, totals row and all.
    expect(codes(replacing(sheet('Accounts', [...rows, total]))).map((f) => f[2])).toEqual([
      'formula-in-cell', // the SUBTOTAL, judged as data outside a table (issue 16)
      'account-id-leading-zeros-lost',
      'subset-unknown',
    ]);
  });

  it('cells outside the table are not judged; the table is', () => {
    const rows = accounts().map((r) => [...r, null, 'outside']);
    rows[0]![5] = 'Not mine';
    rows.push([null, null, null, null, null, 'not a row']);
    rows.push(['x', 'bad email', 'bad id', 'Subset 9']); // below the table
    const s = { ...sheet('Accounts', rows), tables: [{ ref: 'A1:D7', headerRows: 1, totalsRows: 0 }] };
    expect(codes(replacing(s))).toEqual([]);
    // A bad cell inside the table still is a finding, at its real cell.
    const bad = accounts();
    bad[3]![2] = 'nope';
    const t = { ...sheet('Accounts', bad), tables: [{ ref: 'A1:D7', headerRows: 1, totalsRows: 0 }] };
    expect(codes(replacing(t))).toEqual([['Accounts', 'C4', 'account-id-invalid', 'error']]);
  });

  it('the table holding the contract headers is the one judged, wherever it starts', () => {
    // A helper table in F1:G3, the contract table in A1:D8 with a totals row.
    const rows: Raw[][] = accounts().map((r) => [...r, null, null, null]);
    rows[0]![5] = 'Lookup';
    rows[0]![6] = 'Value';
    rows.push(['Total', null, 6, 6]);
    const s = {
      ...sheet('Accounts', rows),
      tables: [
        { ref: 'F1:G3', headerRows: 1, totalsRows: 0 },
        { ref: 'A1:D8', headerRows: 1, totalsRows: 1 },
      ],
    };
    expect(codes(replacing(s))).toEqual([]);
  });

  it('a table with its headers below row 1 is still an error, judged at its real cells', () => {
    const rows: Raw[][] = [['Our accounts'], [], ...accounts()];
    const s = { ...sheet('Accounts', rows), tables: [{ ref: 'A3:D9', headerRows: 1, totalsRows: 0 }] };
    expect(codes(replacing(s))).toEqual([['Accounts', 'A3', 'header-not-in-row-1', 'error']]);
  });

  it('a table without a header row has its headers just above it', () => {
    const s = { ...sheet('Accounts', accounts()), tables: [{ ref: 'A2:D7', headerRows: 0, totalsRows: 0 }] };
    expect(codes(replacing(s))).toEqual([]);
  });
});

describe('merged cells', () => {
  const billing = (): Raw[][] => validSheets()['Billing Workflows']!.map((r) => [...r]);

  it('in a checked column: a warning at the merge, and the top-left value fills every row it covers', () => {
    const rows = billing();
    // A2:A5 merged: the four steps of Workflow 1 under one name.
    for (const r of [2, 3, 4]) rows[r]![0] = null;
    const found = validateWorkbook(replacing(sheet('Billing Workflows', rows, ['A2:A5']))).findings;
    expect(found.map((f) => [f.cell, f.code, f.severity])).toEqual([['A2', 'merged-cells', 'warning']]);
    expect(found[0]!.message).toContain('Unmerge them and fill down');
  });

  it('offers "unmerge and fill down" as a one-click fix where it is certain', () => {
    const fixOf = (rows: Raw[][], merge: string) =>
      validateWorkbook(replacing(sheet('Billing Workflows', rows, [merge]))).findings.find(
        (f) => f.code === 'merged-cells',
      )?.fix;
    const rows = billing();
    for (const r of [2, 3, 4]) rows[r]![0] = null;
    expect(fixOf(rows, 'A2:A5')).toEqual({ unmergeFillDown: 'A2:A5' });
    // A formula in the top-left cell would have to be moved, not copied: no one-click fix.
    const formula = billing();
    for (const r of [2, 3, 4]) formula[r]![0] = null;
    formula[1]![0] = { type: 'text', value: 'Workflow 1', formula: '=Z1' };
    expect(fixOf(formula, 'A2:A5')).toBeUndefined();
    // Nor over the header row.
    expect(fixOf(billing(), 'A1:A2')).toBeUndefined();
  });

  it('the filled value is judged in every row it covers', () => {
    const rows = validSheets()['Accounts']!.map((r) => [...r]);
    rows[1]![3] = 'Subset 9'; // unknown subset, merged over D2:D3
    rows[2]![3] = null;
    const found = codes(replacing(sheet('Accounts', rows, ['D2:D3'])));
    expect(found).toEqual([
      ['Accounts', 'D2', 'merged-cells', 'warning'],
      ['Accounts', 'D2', 'subset-unknown', 'error'],
      ['Accounts', 'D3', 'subset-unknown', 'error'],
      ['Subset Workflows', 'A2', 'subset-without-accounts', 'warning'],
    ]);
  });

  it('across columns, only the merge’s first column is filled: the other cells are empty', () => {
    const rows = validSheets()['Accounts']!.map((r) => [...r]);
    rows[2]![3] = null; // C3:D3 merged: the ID spans the Subset Name cell
    expect(codes(replacing(sheet('Accounts', rows, ['C3:D3'])))).toEqual([
      ['Accounts', 'C3', 'merged-cells', 'warning'],
      ['Accounts', 'D3', 'value-required', 'error'],
    ]);
  });

  it('in Details or in a user column: no finding at all', () => {
    const rows = billing().map((r) => [...r, null]);
    rows[0]![5] = 'Reviewer';
    rows[1]![5] = 'J. Doe';
    rows[2]![3] = null;
    expect(codes(replacing(sheet('Billing Workflows', rows, ['D2:D3', 'F2:F6'])))).toEqual([]);
  });

  it('a merge over Details and a checked column is a warning', () => {
    const rows = billing();
    rows[8]![4] = null; // D9:E9: Details over the Parameters of no-billing-rules (empty: {})
    expect(codes(replacing(sheet('Billing Workflows', rows, ['D9:E9'])))).toEqual([
      ['Billing Workflows', 'D9', 'merged-cells', 'warning'],
    ]);
  });
});

describe('percent rules: "another kind" is a rule other than uplift and discount', () => {
  const workflow = (rules: [string, string][]): WorkbookInput =>
    withSheet('Billing Workflows', (rows) => [
      ...rows.filter((r) => r[0] !== 'Workflow 3'),
      ...rules.map(([rule, params], i): Raw[] => ['Workflow 3', i + 1, rule, '', params]),
    ]);

  it('an uplift followed by a discount is fine, and a discount by an uplift', () => {
    expect(
      codes(
        workflow([
          ['uplift', '{"percent":3}'],
          ['discount', '{"percent":1}'],
        ]),
      ),
    ).toEqual([]);
    expect(
      codes(
        workflow([
          ['discount', '{"percent":1}'],
          ['uplift', '{"percent":3}'],
        ]),
      ),
    ).toEqual([]);
  });

  it('a percent rule before any other kind, savings-fee included, is a warning', () => {
    expect(
      codes(
        workflow([
          ['uplift', '{"percent":3}'],
          ['remove-taxes', '{}'],
        ]),
      ),
    ).toEqual([['Billing Workflows', 'C9', 'percent-rule-not-last', 'warning']]);
    expect(
      codes(
        workflow([
          ['discount', '{"percent":1}'],
          ['savings-fee', '{"mode":"percent-of-savings","percent":10}'],
        ]),
      ),
    ).toEqual([['Billing Workflows', 'C9', 'percent-rule-not-last', 'warning']]);
  });
});
