/**
 * One rule for every host (issue 16, item 2): what workbook.xlsx ships (the contract's sheets,
 * values only, plus the sheets named), what is listed as left out, and what blocks; and the
 * packager refuses a workbook.xlsx that carries more, or a credential anywhere.
 */
import { buildPackage, PackageError, workbookToXlsx } from '../../../src/core/package';
import { inspectXlsx } from '../../../src/core/package/contents';
import { describeLeftOut, planShipment } from '../../../src/core/package/shipment';
import type { WorkbookInput } from '../../../src/core/port';
import { setCell, validSheets, workbook } from '../fixtures/workbooks';
import { DIRTY_LEFT_OUT, EXAMPLE_KEY_ID, EXAMPLE_SECRET, OPTIONS, dirtyWorkbook, enrollmentOf } from './helpers';

/** The fixture workbook as exceljs read it back would give it, plus what the dirty file adds. */
function portWithExtras(): WorkbookInput {
  const base = workbook(validSheets());
  return {
    sheets: [
      ...base.sheets.map((s) =>
        s.name === 'Accounts'
          ? {
              ...s,
              rows: [
                ...s.rows.slice(0, 1),
                [{ type: 'text' as const, value: 'Payer', formula: '=A9' }, ...(s.rows[1] ?? []).slice(1)],
                ...s.rows.slice(2),
              ],
            }
          : s,
      ),
      {
        name: 'Keys',
        rows: [
          [
            { type: 'text', value: 'aws_secret_access_key' },
            { type: 'text', value: EXAMPLE_SECRET },
          ],
        ],
      },
      { name: 'Notes', rows: [[{ type: 'text', value: 'internal' }]] },
    ],
  };
}

describe('planShipment', () => {
  it('ships the contract sheets, values only; lists the rest from the file, credentials in it included', async () => {
    const contents = inspectXlsx(await dirtyWorkbook());
    const plan = planShipment(portWithExtras(), contents);
    expect(plan.sheets).toEqual(['Enrollment', 'Accounts', 'Subset Workflows', 'Billing Workflows', 'End Customers']);
    expect(plan.credentials).toEqual([]);
    expect(plan.port.sheets[1]!.rows[1]![0]).toEqual({ type: 'text', value: 'Payer' });
    expect(describeLeftOut(plan.leftOut)).toEqual(DIRTY_LEFT_OUT);
  });

  it('ships a named sheet too (matched as sheet names are), and its credential then blocks', () => {
    const plan = planShipment(portWithExtras(), null, ['  keys ']);
    expect(plan.sheets).toContain('Keys');
    expect(plan.credentials.map((c) => [c.place, c.kind])).toEqual([['Keys!B1', 'aws-secret-access-key']]);
    expect(plan.leftOut.credentials).toEqual([]);
    expect(planShipment(portWithExtras(), null, ['Secrets']).unknown).toEqual(['Secrets']);
  });

  it('without the file, lists the other sheets with the visibility the host read', () => {
    const port = portWithExtras();
    const hidden: WorkbookInput = {
      sheets: port.sheets.map((s) => (s.name === 'Notes' ? { ...s, visibility: 'veryHidden' as const } : s)),
    };
    expect(describeLeftOut(planShipment(hidden, null).leftOut)).toEqual([
      'sheet "Keys": left out',
      'very hidden sheet "Notes": left out',
    ]);
  });

  it('does not list an empty visible sheet (Excel’s "Sheet1"), but does an empty hidden one', () => {
    const port = workbook(validSheets());
    const withEmpty: WorkbookInput = {
      sheets: [
        ...port.sheets,
        { name: 'Sheet1', rows: [[undefined, { type: 'empty' }]] },
        { name: 'Sheet2', rows: [], visibility: 'hidden' },
      ],
    };
    expect(describeLeftOut(planShipment(withEmpty, null).leftOut)).toEqual(['hidden sheet "Sheet2": left out']);
  });

  it('a hidden contract sheet ships, visible, and the listing says so', () => {
    const port = workbook(validSheets());
    const hidden = {
      sheets: port.sheets.map((s) => (s.name === 'Accounts' ? { ...s, visibility: 'hidden' as const } : s)),
    };
    expect(describeLeftOut(planShipment(hidden, null).leftOut)).toEqual([
      'hidden sheet "Accounts": a contract sheet, so it is shipped, and visible',
    ]);
    expect(
      inspectXlsx(workbookToXlsx(planShipment(hidden, null).port)).sheets.every((s) => s.state === 'visible'),
    ).toBe(true);
  });
});

describe('buildPackage holds workbook.xlsx to the rule', () => {
  it('refuses a workbook file that carries hidden sheets, properties, comments, formulas or credentials', async () => {
    const error = await buildPackage(enrollmentOf(), await dirtyWorkbook(), OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems.map((p) => p.kind)).toEqual([
      'workbook-not-clean',
      'workbook-not-clean',
      'workbook-not-clean',
      'workbook-not-clean',
      'workbook-not-clean',
      'credential-found',
      'credential-found',
    ]);
  });

  it('refuses bytes that are not an .xlsx, and an enrollment holding a credential, by its path', async () => {
    await expect(buildPackage(enrollmentOf(), new TextEncoder().encode('PK not a zip'), OPTIONS)).rejects.toThrow(
      /it is not an \.xlsx package/,
    );
    const s = validSheets();
    s['Subset Workflows'] = setCell(
      s['Subset Workflows']!.map((r) => [...r]),
      5,
      0,
      `Subset ${EXAMPLE_KEY_ID}`,
    );
    s['Accounts'] = s['Accounts']!.map((r) => r.map((v) => (v === 'Subset 5' ? `Subset ${EXAMPLE_KEY_ID}` : v)));
    const input = workbook(s);
    const error = await buildPackage(enrollmentOf(input), workbookToXlsx(workbook(validSheets())), OPTIONS).catch(
      (e: unknown) => e,
    );
    expect((error as PackageError).problems[0]).toEqual({
      kind: 'credential-found',
      file: 'enrollment.json',
      message: expect.stringMatching(/^accounts\[5\]\.subset holds what looks like an AWS access key ID\./),
    });
  });

  it('takes the rebuilt workbook of the shipped sheets', async () => {
    const plan = planShipment(portWithExtras(), null);
    const built = await buildPackage(enrollmentOf(), workbookToXlsx(plan.port), OPTIONS);
    expect(built.manifest.files[0]!.name).toBe('workbook.xlsx');
  });
});
