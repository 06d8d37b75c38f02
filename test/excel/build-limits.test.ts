// "Build sheets" on the strict host (issue 9, item 6): row extents from values only, table names
// free of tables and defined names (the build never stops half-way), and the inline dropdown
// list within Excel's 255 characters (a hidden list range past that).
import { ENROLLMENT_FIELDS, SHEETS } from '../../src/core/sheets';
import { LIST_SHEET, buildSheets, freeTableName, inlineList } from '../../src/excel/build';
import { freshExcel } from './helpers';

describe('Build sheets within Excel’s limits', () => {
  it('a second build puts a missing Enrollment field right below the fields, not below the formatted rows', async () => {
    const host = freshExcel();
    await Excel.run((context) => buildSheets(context));
    const s = host.model.sheet('Enrollment')!;
    const last = ENROLLMENT_FIELDS.length; // row index of the last field (row 1 is the header)
    const removed = String(s.value(last, 0));
    host.type('Enrollment', `A${last + 1}`, ''); // the user clears the last field's label
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.fieldsAdded).toEqual([removed]);
    // Right below the last field with a value, not at row 5,002.
    expect(s.value(last, 0)).toBe(removed);
    for (let r = last + 1; r < 5_100; r++) expect(s.value(r, 0)).toBeNull();
  });

  it('gives a table a free name where a defined name or another table has it, and builds everything', async () => {
    const host = freshExcel();
    host.model.addName('Accounts', '=Sheet1!$A$1');
    host.model.addSheet('Sheet1');
    const report = await Excel.run((context) => buildSheets(context));
    expect(report.created).toEqual(SHEETS.map((x) => x.name));
    expect(host.model.tables.map((t) => t.name)).toEqual([
      'Accounts2',
      'SubsetWorkflows',
      'BillingWorkflows',
      'EndCustomers',
    ]);
    expect(report.dropdowns).toHaveLength(5);
  });

  it('picks free table names', () => {
    expect(freeTableName('End Customers', new Set())).toBe('EndCustomers');
    expect(freeTableName('Accounts', new Set(['accounts', 'accounts2']))).toBe('Accounts3');
  });

  it('types the rule list inline while it fits 255 characters, else puts it on a hidden sheet', async () => {
    expect(inlineList(['a', 'b'])).toBe('a,b');
    expect(inlineList(Array.from({ length: 30 }, (_, i) => `rule-number-${i}`))).toBeNull();

    const host = freshExcel();
    const ruleIds = Array.from({ length: 40 }, (_, i) => `a-long-billing-rule-id-${i}`);
    const report = await Excel.run((context) => buildSheets(context, { ruleIds }));
    expect(report.dropdowns.map((d) => `${d.sheet}/${d.column}`)).toContain('Billing Workflows/Rule');
    const lists = host.model.sheet(LIST_SHEET)!;
    expect(lists.visibility).toBe('Hidden');
    expect(lists.value(39, 0)).toBe('a-long-billing-rule-id-39');
    const dv = host.model.sheet('Billing Workflows')!.validations.find((v) => v.rule.list?.source.includes(LIST_SHEET));
    expect(dv?.rule.list?.source).toBe(`='${LIST_SHEET}'!$A$1:$A$40`);
  });
});
