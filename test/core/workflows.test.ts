import type { Cell } from '../../src/core/port';
import { validateWorkbook } from '../../src/core/validate';
import { workflowRows } from '../../src/core/workflows';
import { cell, validSheets, workbook, WF1_ROWS, WF2_ROWS, WF3_ROWS } from './fixtures/workbooks';

const asCells = (rows: readonly (readonly unknown[])[]): (Cell | undefined)[][] =>
  rows.map((r) => r.map((v) => cell(v as Parameters<typeof cell>[0])));

describe('Billing Workflows rows ↔ model', () => {
  const enrollment = validateWorkbook(workbook(validSheets())).enrollment!;

  it("reads the seed's workflows into typed steps", () => {
    const wf2 = enrollment.workflows.find((w) => w.name === 'Workflow 2')!;
    expect(wf2.steps).toEqual([
      { rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } },
      { rule: 'remove-volume-discounts', parameters: { mode: 'top-rate-free-usage' } },
      {
        rule: 'discount',
        parameters: {
          percent: 2,
          when: {
            services: ['AmazonEC2'],
            regions: ['us-east-*'],
            daysOfWeek: ['tue'],
            months: [6, 7, 8],
            years: 'odd',
          },
        },
      },
    ]);
  });

  it('writes the same rows back: Details from the sentence generator, Parameters as JSON', () => {
    const rows = enrollment.workflows.flatMap(workflowRows);
    expect(rows).toEqual(asCells([...WF1_ROWS, ...WF2_ROWS, ...WF3_ROWS]));
  });

  it('the Tuesday rule reads back as the seed words it', () => {
    const wf2 = enrollment.workflows.find((w) => w.name === 'Workflow 2')!;
    const details = workflowRows(wf2).map((r) => (r[3] as { value: string }).value);
    expect(details[2]).toBe(
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    );
  });

  it('reads steps given out of row order in step order', () => {
    const s = validSheets();
    const [header, ...rest] = s['Billing Workflows']!;
    const shuffled = workbook({ ...s, 'Billing Workflows': [header!, ...[...rest].reverse()] });
    expect(
      validateWorkbook(shuffled)
        .enrollment!.workflows.find((w) => w.name === 'Workflow 1')!
        .steps.map((st) => st.rule),
    ).toEqual(['replace-ri-discount', 'replace-sp-discount', 'remove-credits', 'uplift']);
  });
});
