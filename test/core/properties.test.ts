import fc from 'fast-check';
import { parseA1 } from '../../src/core/a1';
import { CATALOG } from '../../src/core/findings';
import type { Cell, SheetInput, WorkbookInput } from '../../src/core/port';
import { RULE_IDS } from '../../src/core/rules';
import { SHEETS } from '../../src/core/sheets';
import { validateWorkbook } from '../../src/core/validate';
import { validSheets, workbook } from './fixtures/workbooks';

/** Values that reach deep into the validator: headers, field labels, rule ids, IDs, JSON. */
const meaningful = fc.constantFrom(
  ...SHEETS.flatMap((s) => s.columns.map((c) => c.header)),
  'MSP Name',
  'MSP Spot Org ID',
  'Management Account ID',
  'Contact Email',
  ...RULE_IDS,
  'Subset 1',
  'Workflow 1',
  '012345678901',
  '606000000011',
  'a@b.co',
  '{}',
  '{"percent":3}',
  '{"purchasedBy":"any"}',
  '1',
  '',
  ' ',
);

const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant<Cell>({ type: 'empty' }),
  meaningful.map((value): Cell => ({ type: 'text', value })),
  fc.string().map((value): Cell => ({ type: 'text', value })),
  fc.double().map((value): Cell => ({ type: 'number', value })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 999_999_999_999 }),
      fc.constantFrom('General', '0', '@', '000000000000', '0.00E+00', ''),
    )
    .map(([value, format]): Cell => ({ type: 'number', value, format })),
  fc.boolean().map((value): Cell => ({ type: 'boolean', value })),
  fc.date({ noInvalidDate: false }).map((value): Cell => ({ type: 'date', value })),
  fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#DIV/0!').map((value): Cell => ({ type: 'error', value })),
  fc.string().map((value): Cell => ({ type: 'text', value, formula: '=A1' })),
);

const nameArb = fc.oneof(
  fc.constantFrom(...SHEETS.map((s) => s.name), 'accounts', 'Billing Workflow', 'Sheet1'),
  fc.string(),
);

const mergeArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 }), fc.nat(4), fc.nat(3))
  .map(([r, c, h, w]) => `${String.fromCharCode(65 + c)}${r + 1}:${String.fromCharCode(65 + c + w)}${r + 1 + h}`);

const sheetArb: fc.Arbitrary<SheetInput> = fc.record({
  name: nameArb,
  rows: fc.array(fc.oneof(fc.constant(undefined), fc.array(cellArb, { maxLength: 8 })), { maxLength: 14 }),
  merges: fc.array(fc.oneof(mergeArb, fc.string()), { maxLength: 3 }),
});

const workbookArb: fc.Arbitrary<WorkbookInput> = fc.array(sheetArb, { maxLength: 6 }).map((sheets) => ({ sheets }));

/** The valid workbook with random cells overwritten: close enough to valid to reach every check. */
const mutatedValid: fc.Arbitrary<WorkbookInput> = fc
  .array(fc.tuple(fc.nat(4), fc.nat(10), fc.nat(5), cellArb), { maxLength: 6 })
  .map((edits) => {
    const base = workbook(validSheets());
    const sheets = base.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...(r ?? [])]) }));
    for (const [si, r, c, v] of edits) {
      const s = sheets[si % sheets.length]!;
      while (s.rows.length <= r) s.rows.push([]);
      s.rows[r]![c] = v;
    }
    return { sheets };
  });

function checkFindingsPointAtCells(input: WorkbookInput): void {
  const { findings } = validateWorkbook(input);
  for (const f of findings) {
    expect(CATALOG[f.code].severity).toBe(f.severity);
    expect(f.message.length).toBeGreaterThan(10);
    expect(f.message).not.toMatch(/undefined|NaN|\[object Object\]/);
    if (f.cell === null) continue;
    const sheet = input.sheets.find((s) => s.name === f.sheet);
    expect(sheet).toBeDefined();
    const ref = parseA1(f.cell);
    expect(ref).not.toBeNull();
    const width = Math.max(0, ...sheet!.rows.map((r) => r?.length ?? 0));
    expect(ref!.row).toBeLessThan(sheet!.rows.length);
    expect(ref!.col).toBeLessThan(width);
  }
}

describe('validator properties', () => {
  it('never throws on arbitrary workbooks, and every finding points at a cell that exists', () => {
    fc.assert(fc.property(workbookArb, checkFindingsPointAtCells), { numRuns: 400 });
  });

  it('never throws on near-valid workbooks with random cells, and every finding points at a cell that exists', () => {
    fc.assert(fc.property(mutatedValid, checkFindingsPointAtCells), { numRuns: 400 });
  });

  it('is deterministic: the same input gives the same findings', () => {
    fc.assert(
      fc.property(mutatedValid, (input) => {
        expect(validateWorkbook(input)).toEqual(validateWorkbook(input));
      }),
      { numRuns: 100 },
    );
  });

  it('gives an enrollment exactly when there are no errors', () => {
    fc.assert(
      fc.property(mutatedValid, (input) => {
        const r = validateWorkbook(input);
        expect(r.enrollment === null).toBe(r.findings.some((f) => f.severity === 'error'));
      }),
      { numRuns: 200 },
    );
  });
});
