import { validateWorkbook } from '../../src/core/validate';
import { readWorkbook } from '../../src/excel/read';
import { addSubsets, deleteWorkflow, listWorkflows, renameWorkflow, saveWorkflow } from '../../src/excel/workflows';
import type { Step } from '../../src/core/rules';
import { freshExcel, loadValid } from './helpers';

const TUESDAY: Step = {
  rule: 'discount',
  parameters: {
    percent: 2,
    when: { services: ['AmazonEC2'], regions: ['us-east-*'], daysOfWeek: ['tue'], months: [6, 7, 8], years: 'odd' },
  },
} as Step;

const column = (host: ReturnType<typeof freshExcel>, sheet: string, col: number): string[] => {
  const s = host.model.sheet(sheet)!;
  const rect = s.usedRect(true)!;
  return Array.from({ length: rect.row + rect.rows }, (_, r) => s.text(r, col));
};

describe('Billing Workflows sheet for the forms', () => {
  it('lists the workflows with their steps, the subsets that use them, and the accounts to offer', async () => {
    const host = freshExcel();
    loadValid(host);
    const read = await Excel.run((context) => listWorkflows(context));
    expect(read.sheet).toBe('Billing Workflows');
    expect(read.workflows.map((w) => [w.name, w.steps.length, w.usedBy])).toEqual([
      ['Workflow 1', 4, ['Subset 1', 'Subset 2']],
      ['Workflow 2', 3, ['Subset 3', 'Subset 4']],
      ['Workflow 3', 1, ['Subset 5']],
    ]);
    expect(read.workflows[1]!.steps[2]).toMatchObject({ row: 8, rule: 'discount', parameters: TUESDAY.parameters });
    expect(read.accounts).toContain('001111111112');
    expect(read.findings).toEqual([]);
  });

  it('reports rows the forms cannot understand as findings and keeps them in the list', async () => {
    const host = freshExcel();
    loadValid(host);
    host.type('Billing Workflows', 'C3', 'upliftt');
    host.type('Billing Workflows', 'E4', '{"programs": oops');
    const read = await Excel.run((context) => listWorkflows(context));
    const wf1 = read.workflows[0]!;
    expect(wf1.steps.length).toBe(4);
    expect(wf1.steps[1]).toMatchObject({ row: 3, rule: null, ruleText: 'upliftt' });
    expect(wf1.steps[2]).toMatchObject({ row: 4, rule: 'remove-credits', parametersText: '{"programs": oops' });
    expect(wf1.steps[2]!.parameters).toBeUndefined();
    expect(read.findings.map((f) => [f.cell, f.code])).toEqual([
      ['C3', 'rule-unknown'],
      ['E4', 'parameters-not-json'],
    ]);
  });

  it("rewrites one workflow in place, clearing what it no longer needs, and leaves other rows and the user's columns alone", async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Billing Workflows')!;
    s.enter(0, 5, 'Notes');
    s.enter(1, 5, 'keep me');
    s.enter(5, 5, 'wf2 note');
    const before = column(host, 'Billing Workflows', 0);
    const report = await Excel.run((context) =>
      saveWorkflow(context, 'Workflow 1', { name: 'Workflow 1', steps: [TUESDAY] }),
    );
    expect(report).toEqual({ written: [2], appended: [], cleared: [3, 4, 5] });
    expect(s.text(1, 2)).toBe('discount');
    expect(s.text(1, 3)).toBe(
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    );
    expect(s.value(1, 1)).toBe(1);
    // rows 3 to 5 held only the workflow's cells: deleted whole, so no blank rows are left and
    // the rows below (Workflow 2's, with the user's note) moved up with their notes
    expect(s.text(2, 0)).toBe('Workflow 2');
    expect(s.text(1, 5)).toBe('keep me');
    expect(s.text(2, 5)).toBe('wf2 note');
    expect(column(host, 'Billing Workflows', 0).slice(2)).toEqual(before.slice(5));
  });

  it("keeps a row that has the user's own note, clearing only its contract cells", async () => {
    const host = freshExcel();
    loadValid(host);
    const s = host.model.sheet('Billing Workflows')!;
    s.enter(0, 5, 'Notes');
    s.enter(3, 5, 'why step 3');
    await Excel.run((context) => saveWorkflow(context, 'Workflow 1', { name: 'Workflow 1', steps: [TUESDAY] }));
    // rows 3 and 5 went; row 4 stays (now row 3) with its note and its contract cells cleared
    expect([s.text(2, 0), s.text(2, 2), s.text(2, 5)]).toEqual(['', '', 'why step 3']);
    expect(s.text(3, 0)).toBe('Workflow 2');
  });

  it('appends the rows of a new workflow and writes a formula-like name as text', async () => {
    const host = freshExcel();
    loadValid(host);
    const name = '=HYPERLINK("http://example.com","x")';
    const report = await Excel.run((context) =>
      saveWorkflow(context, null, { name, steps: [{ rule: 'no-billing-rules', parameters: {} } as Step] }),
    );
    expect(report.appended).toEqual([10]);
    const cell = host.model.sheet('Billing Workflows')!.cell(9, 0)!;
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(name);
    await expect(
      Excel.run((context) => saveWorkflow(context, null, { name: 'workflow 1', steps: [TUESDAY] })),
    ).rejects.toThrow('already exists');
  });

  it('renames with the references in Subset Workflows and End Customers only when asked', async () => {
    const host = freshExcel();
    loadValid(host);
    await Excel.run((context) => renameWorkflow(context, 'Workflow 2', 'Tuesday deals', false));
    expect(column(host, 'Subset Workflows', 1)).toContain('Workflow 2');
    const r = await Excel.run((context) => renameWorkflow(context, 'Tuesday deals', '=Tuesday', true));
    expect(r.rows).toEqual([6, 7, 8]);
    expect(r.updated).toEqual([]); // the references still named "Workflow 2"
    await Excel.run((context) => renameWorkflow(context, '=Tuesday', 'Workflow 2', false));
    const r2 = await Excel.run((context) => renameWorkflow(context, 'Workflow 2', 'Tuesday deals', true));
    expect(r2.updated).toEqual([
      { sheet: 'Subset Workflows', rows: [4, 5] },
      { sheet: 'End Customers', rows: [3] },
    ]);
    const { input } = await Excel.run((context) => readWorkbook(context));
    expect(validateWorkbook(input).findings).toEqual([]);
  });

  it('refuses to delete a workflow in use unless its subsets are re-assigned', async () => {
    const host = freshExcel();
    loadValid(host);
    const refused = await Excel.run((context) => deleteWorkflow(context, 'Workflow 3'));
    expect(refused).toEqual({ kind: 'in-use', subsets: ['Subset 5'] });
    expect(column(host, 'Billing Workflows', 0)).toContain('Workflow 3');
    const done = await Excel.run((context) => deleteWorkflow(context, 'Workflow 3', 'Workflow 1'));
    expect(done).toMatchObject({ kind: 'deleted', cleared: [9] });
    expect(column(host, 'Billing Workflows', 0)).not.toContain('Workflow 3');
    expect(column(host, 'Subset Workflows', 1)[5]).toBe('Workflow 1');
  });
});

describe('adding subsets to Subset Workflows (the bulk fix)', () => {
  it('appends one row per new subset below the last, workflow left empty, skipping names already there', async () => {
    const excel = freshExcel();
    loadValid(excel, (sheets) => {
      sheets['Subset Workflows']!.push([null, 'my note']);
    });
    const s = excel.model.sheet('Subset Workflows')!;
    const before = [...s.cells.entries()].map(([k, c]) => [k, { ...c }]);
    const r = await Excel.run((context) => addSubsets(context, ['Globex', ' subset 2 ', 'Hooli', 'globex']));
    expect(r).toEqual({ sheet: 'Subset Workflows', rows: [8, 9], skipped: [' subset 2 ', 'globex'] });
    expect([7, 8].map((row) => [s.value(row, 0), s.value(row, 1)])).toEqual([
      ['Globex', null],
      ['Hooli', null],
    ]);
    for (const [k, c] of before) expect(s.cells.get(k as number)).toEqual(c);
    // The workbook now lists them: Accounts naming them is no longer an error.
    const read = await Excel.run((context) => readWorkbook(context));
    const codes = validateWorkbook(read.input).findings.filter((f) => f.sheet === 'Subset Workflows');
    expect(codes.map((f) => f.code)).toContain('value-required');
  });
});
