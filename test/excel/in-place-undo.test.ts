// Validate in place on the strict host (issue 9, items 2, 3 and 5): findings before marks, each
// sheet marked in its own batch with its own recovery, only the marks that changed written (the
// user's Ctrl+Z after a fix undoes the fix), formulas within Excel's 255 characters, no stacking.
import { validateInPlace, type InPlaceResult } from '../../src/excel/in-place';
import { INERT_FORMULA, MARK_FILL, MAX_FORMULA_LENGTH, markCell, pinFormula } from '../../src/excel/marks';
import { officeHost } from '../../src/excel/host';
import { freshExcel, loadValid } from './helpers';

type Host = ReturnType<typeof freshExcel>;
const ours = (host: Host, sheet: string) =>
  host.model.sheet(sheet)!.conditionalFormats.filter((cf) => cf.formula.includes('msp-enroll'));
const addinRecords = (host: Host, from: number) => host.undo.records.slice(from).filter((r) => r.by === 'addin');

/** A workbook with three broken IDs on Accounts and one placeholder e-mail, validated once. */
async function validated(): Promise<Host> {
  const host = freshExcel();
  loadValid(host);
  host.type('Accounts', 'C3', '1111-1111-1111');
  host.type('Accounts', 'C4', '22');
  host.type('End Customers', 'A2', 'email1');
  await Excel.run((context) => validateInPlace(context, { tidy: true }));
  expect(ours(host, 'Accounts')).toHaveLength(2);
  expect(ours(host, 'End Customers')).toHaveLength(1);
  return host;
}

describe('only the marks that changed (item 3)', () => {
  it("after the user types a fix, re-validation changes no mark: the user's first Ctrl+Z undoes the fix", async () => {
    const host = await validated();
    host.type('Accounts', 'C3', '111111111111');
    const before = host.undo.count;
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.result.findings.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(['Accounts!C4', 'End Customers!A2']);
    expect(r.markChanges).toBe(0);
    expect(addinRecords(host, before)).toEqual([]);
    // The top of the undo stack is the user's edit of C3.
    expect(host.undo.records.at(-1)).toMatchObject({ by: 'user', changes: ['value Accounts!C3'] });
    // And nothing shows at the fixed cell.
    expect(host.model.sheet('Accounts')!.conditionalFormatAt(2, 2)).toBeNull();
  });

  it('a run with nothing new writes nothing: no sync after finding the marks, no undo record', async () => {
    const host = await validated();
    const before = host.undo.count;
    host.resetStats();
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.markChanges).toBe(0);
    expect(host.undo.count).toBe(before);
    // Three to read, two to find the marks, none to write (Excel.run's own closing request aside).
    expect(r.syncs).toBe(5);
  });

  it('an edit that breaks one cell costs one mark change in one batch (one undo record)', async () => {
    const host = await validated();
    host.type('Accounts', 'C5', 'abc');
    const before = host.undo.count;
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.markChanges).toBe(1);
    expect(addinRecords(host, before)).toHaveLength(1);
    expect(ours(host, 'Accounts')).toHaveLength(3);
  });

  it('a cell that breaks again, differently, reuses its inert mark in place instead of stacking a second', async () => {
    const host = await validated();
    host.type('Accounts', 'C3', '111111111111');
    await Excel.run((context) => validateInPlace(context)); // the mark at C3 is inert now
    host.type('Accounts', 'C3', '9-9');
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.markChanges).toBe(1);
    const atC3 = ours(host, 'Accounts').filter((cf) => cf.rect.row === 2 && cf.rect.col === 2);
    expect(atC3).toHaveLength(1);
    expect(host.model.sheet('Accounts')!.conditionalFormatAt(2, 2)?.fill).toBe(MARK_FILL.error);
  });

  it('removes marks stacked on one cell by an older version, keeping one', async () => {
    const host = await validated();
    const s = host.model.sheet('Accounts')!;
    const extra = s.addConditionalFormat({ row: 3, col: 2, rows: 1, cols: 1 });
    extra.formula = ours(host, 'Accounts').find((cf) => cf.rect.row === 3)!.formula;
    extra.fill = MARK_FILL.error;
    await Excel.run((context) => validateInPlace(context));
    expect(ours(host, 'Accounts').filter((cf) => cf.rect.row === 3)).toHaveLength(1);
  });

  it('a mark that still shows but whose finding is gone is removed even by an automatic run', async () => {
    const host = await validated();
    // A mark of ours pinned to B2's current value, on a cell without a finding (as when a finding
    // goes away through an edit of another cell): it shows, so it is wrong, and must go.
    const s = host.model.sheet('End Customers')!;
    const forged = s.addConditionalFormat({ row: 1, col: 1, rows: 1, cols: 1 });
    forged.formula = pinFormula({ type: 'text', value: String(s.value(1, 1)) }, 'B2');
    forged.fill = MARK_FILL.warning;
    expect(s.conditionalFormatAt(1, 1)).not.toBeNull();
    await Excel.run((context) => validateInPlace(context));
    expect(s.conditionalFormatAt(1, 1)).toBeNull();
    expect(ours(host, 'End Customers')).toHaveLength(1);
  });
});

describe('findings before marks, one batch per sheet (item 2)', () => {
  it('hands out the findings before any mark is written', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'email1');
    let early: InPlaceResult | undefined;
    let marksThen = -1;
    const r = await Excel.run((context) =>
      validateInPlace(context, {
        onFindings: (partial) => {
          early = partial;
          marksThen = ours(host, 'End Customers').length;
        },
      }),
    );
    expect(early?.marking).toBe(true);
    expect(early?.result.findings.map((f) => f.code)).toEqual(['email-placeholder']);
    expect(marksThen).toBe(0);
    expect(r.marked).toBe(1);
  });

  it('a sheet whose marks fail is reported in one line; the findings stay and other sheets are marked', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Accounts', 'C3', '1111-1111-1111');
    host.type('End Customers', 'A2', 'email1');
    const r = await Excel.run((context) =>
      validateInPlace(context, {
        // The sheet becomes protected between the read and the marks (another user, a script).
        onFindings: () => {
          host.model.sheet('End Customers')!.protected = true;
        },
      }),
    );
    expect(r.result.findings.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(['Accounts!C3', 'End Customers!A2']);
    expect(r.markProblems).toEqual([{ sheet: 'End Customers', message: expect.any(String) }]);
    expect(r.markProblems![0]!.message).not.toContain('\n');
    expect(ours(host, 'Accounts')).toHaveLength(1);
    expect(ours(host, 'End Customers')).toHaveLength(0);
    expect(r.marked).toBe(1);
  });

  it("office-js #5222: where deleting our mark fails (the user's own format on the cell), it is made inert instead", async () => {
    const host = freshExcel({ issue5222: true });
    loadValid(host);
    const s = host.model.sheet('Accounts')!;
    const own = s.addConditionalFormat({ row: 1, col: 2, rows: 5, cols: 1 });
    own.formula = '=FALSE';
    own.fill = '#123456';
    host.type('Accounts', 'C3', '1111-1111-1111');
    await Excel.run((context) => validateInPlace(context));
    host.type('Accounts', 'C3', '111111111111');
    const r = await Excel.run((context) => validateInPlace(context, { tidy: true }));
    expect(r.markProblems).toEqual([]);
    expect(s.conditionalFormats).toContain(own);
    const left = ours(host, 'Accounts');
    expect(left.map((cf) => cf.formula)).toEqual([INERT_FORMULA]);
    expect(s.conditionalFormatAt(2, 2)?.fill ?? null).not.toBe(MARK_FILL.error);
  });
});

describe("marks within Excel's limits (item 5)", () => {
  const cases = [
    'a'.repeat(250),
    '"'.repeat(200),
    `${'é'.repeat(120)}${'😀'.repeat(70)}`,
    `notes: "${'x'.repeat(300)}"`,
  ];

  it.each(cases.map((c) => [c.length, c]))('a %i-character text is pinned in at most 255 characters', (_n, text) => {
    const formula = pinFormula({ type: 'text', value: text }, 'AB50001');
    expect(formula.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(markCell(formula)).toBe('AB50001');
  });

  it('a long-text mark shows on its value and disappears when the length or the pinned prefix changes', async () => {
    const host = freshExcel();
    loadValid(host);
    const long = `Contoso "Ltd" ${'ü'.repeat(260)}`;
    host.type('End Customers', 'A2', long);
    const r = await Excel.run((context) => validateInPlace(context));
    expect(r.markProblems).toEqual([]);
    const s = host.model.sheet('End Customers')!;
    expect(ours(host, 'End Customers').every((cf) => cf.formula.length <= MAX_FORMULA_LENGTH)).toBe(true);
    expect(s.conditionalFormatAt(1, 0)?.fill).toBe(MARK_FILL.error);
    host.type('End Customers', 'A2', `${long}x`); // one more character
    expect(s.conditionalFormatAt(1, 0)).toBeNull();
    host.type('End Customers', 'A2', long);
    expect(s.conditionalFormatAt(1, 0)?.fill).toBe(MARK_FILL.error);
    host.type('End Customers', 'A2', `X${long.slice(1)}`); // same length, first character changed
    expect(s.conditionalFormatAt(1, 0)).toBeNull();
    // A change past the prefix keeps the mark until the next run re-judges the cell (docs/excel.md).
  });
});

describe('while the user types (item 1)', () => {
  it('an automatic run waits for the user to leave the cell (delayForCellEdit), then gives the findings', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('End Customers', 'A2', 'email1');
    host.beginCellEdit();
    let done = false;
    const run = officeHost()
      .validate(() => false, { automatic: true })
      .then((r) => {
        done = true;
        return r;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    host.endCellEdit();
    const r = await run;
    expect(r.result.findings.map((f) => f.code)).toEqual(['email-placeholder']);
  });

  it('without delayForCellEdit the strict host refuses the batch, as Excel does', async () => {
    const host = freshExcel();
    loadValid(host);
    host.beginCellEdit();
    await expect(Excel.run((context) => validateInPlace(context))).rejects.toMatchObject({
      code: 'InvalidOperationInCellEditMode',
    });
    host.endCellEdit();
  });
});
