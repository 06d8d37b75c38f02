/**
 * The workbook `init` writes, and the example: laid out as the contract says, usable at once.
 * Checked in the file itself (exceljs reading it back, and the sheet XML for the dropdowns).
 */
import { readFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { RULE_IDS, StepSchema, describeStep } from '../../src/core/rules';
import { ENROLLMENT_FIELDS, SHEETS } from '../../src/core/sheets';
import { readWorkbookFile } from '../../src/cli/xlsx-read';
import { DROPDOWN_ROWS, MAX_LIST_LITERAL, ruleListFormula } from '../../src/cli/xlsx-write';
import { EXAMPLE, cli, loadWithExcelJs, sheet, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let path: string;
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  path = tmp.path('init.xlsx');
  expect((await cli('init', path)).code).toBe(0);
  wb = await loadWithExcelJs(path);
});

/** Data validations as written: sqref → formula1, from the sheet's XML. */
function dropdowns(file: string, sheetName: string): Map<string, string> {
  const parts = unzipSync(readFileSync(file));
  const text = (name: string): string => {
    const part = parts[name];
    if (part === undefined) throw new Error(`no ${name}`);
    return strFromU8(part);
  };
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="(\\w+)"`).exec(text('xl/workbook.xml'))?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(text('xl/_rels/workbook.xml.rels'))?.[1];
  const xml = text(`xl/${target}`);
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g)) {
    out.set(m[1]!, m[2]!.replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
  }
  return out;
}

describe('init', () => {
  it('has every sheet of the contract, in order, with its headers in row 1, bold', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(SHEETS.map((s) => s.name));
    for (const spec of SHEETS) {
      const ws = sheet(wb, spec.name);
      spec.columns.forEach((column, i) => {
        expect(ws.getRow(1).getCell(i + 1).value).toBe(column.header);
        expect(ws.getRow(1).getCell(i + 1).font?.bold).toBe(true);
      });
      expect(ws.getRow(1).getCell(spec.columns.length + 1).value).toBeNull();
    }
  });

  it('freezes the header row and sizes the columns', () => {
    for (const spec of SHEETS) {
      const ws = sheet(wb, spec.name);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      spec.columns.forEach((column, i) => expect(ws.getColumn(i + 1).width).toBe(column.width));
    }
  });

  it('formats the ID columns as text, and only those', () => {
    for (const spec of SHEETS) {
      const ws = sheet(wb, spec.name);
      spec.columns.forEach((column, i) => {
        expect([spec.name, column.header, ws.getColumn(i + 1).numFmt ?? 'General']).toEqual([
          spec.name,
          column.header,
          column.text === true ? '@' : 'General',
        ]);
      });
    }
  });

  it('lists the five enrollment fields in column A, their values empty and formatted as text', () => {
    const ws = sheet(wb, 'Enrollment');
    expect(ENROLLMENT_FIELDS.map((_, i) => ws.getCell(`A${i + 2}`).value)).toEqual([
      'MSP Name',
      'MSP Spot Org ID',
      'Management Account ID',
      'Contact Email',
      'Account Rep Email',
    ]);
    for (let row = 2; row <= 6; row++) {
      expect(ws.getCell(`B${row}`).value).toBeNull();
      expect(ws.getCell(`B${row}`).numFmt).toBe('@');
    }
    expect(ws.getCell('A7').value).toBeNull();
  });

  it('has dropdowns: workflow names, subset names and rule ids, from where they are defined', () => {
    const last = DROPDOWN_ROWS + 1;
    const workflowList = "OFFSET('Billing Workflows'!$A$2,0,0,MAX(1,COUNTA('Billing Workflows'!$A:$A)-1),1)";
    const subsetList = "OFFSET('Subset Workflows'!$A$2,0,0,MAX(1,COUNTA('Subset Workflows'!$A:$A)-1),1)";
    expect(dropdowns(path, 'Enrollment')).toEqual(new Map());
    expect(dropdowns(path, 'Accounts')).toEqual(new Map([[`D2:D${last}`, subsetList]]));
    expect(dropdowns(path, 'Subset Workflows')).toEqual(new Map([[`B2:B${last}`, workflowList]]));
    expect(dropdowns(path, 'Billing Workflows')).toEqual(new Map([[`C2:C${last}`, `"${RULE_IDS.join(',')}"`]]));
    expect(dropdowns(path, 'End Customers')).toEqual(
      new Map([
        [`C2:C${last}`, subsetList],
        [`D2:D${last}`, workflowList],
      ]),
    );
  });

  it('the rule list fits Excel’s limit for a literal list, and a longer one is refused', () => {
    expect(RULE_IDS.join(',').length).toBeLessThanOrEqual(MAX_LIST_LITERAL);
    expect(ruleListFormula(['a', 'b'])).toBe('"a,b"');
    expect(() => ruleListFormula(Array.from({ length: 30 }, (_, i) => `rule-number-${i}`))).toThrow(/255/);
  });
});

describe('the example', () => {
  it('is current: `npm run example` would write the same content', async () => {
    const { exampleContent } = await import('../../src/cli/example');
    const { buildWorkbook, writeWorkbookFile } = await import('../../src/cli/xlsx-write');
    const fresh = tmp.path('fresh-example.xlsx');
    await writeWorkbookFile(buildWorkbook(exampleContent()), fresh);
    expect((await readWorkbookFile(fresh)).workbook).toEqual((await readWorkbookFile(EXAMPLE)).workbook);
  });

  it('stores account and org IDs as 12-digit text, some with leading zeros', async () => {
    const { workbook } = await readWorkbookFile(EXAMPLE);
    const ids = workbook.sheets
      .filter((s) => s.name === 'Accounts' || s.name === 'End Customers')
      .flatMap((s) => s.rows.slice(1).map((row) => row?.[s.name === 'Accounts' ? 2 : 1]));
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of ids) expect(id).toEqual({ type: 'text', value: expect.stringMatching(/^\d{12}$/) });
    expect(ids.filter((id) => id?.type === 'text' && id.value.startsWith('0')).length).toBeGreaterThanOrEqual(3);
  });

  it('writes each step’s Details as the catalog describes its Parameters', async () => {
    const { workbook } = await readWorkbookFile(EXAMPLE);
    const steps = workbook.sheets.find((s) => s.name === 'Billing Workflows')?.rows.slice(1) ?? [];
    expect(steps.map((row) => (row?.[0]?.type === 'text' ? row[0].value : null))).toEqual([
      'Workflow 1',
      'Workflow 1',
      'Workflow 1',
      'Workflow 1',
      'Workflow 2',
      'Workflow 2',
      'Workflow 2',
      'Workflow 3',
    ]);
    for (const row of steps) {
      const [, , rule, details, parameters] = row ?? [];
      if (rule?.type !== 'text' || details?.type !== 'text' || parameters?.type !== 'text') throw new Error('not text');
      const step = StepSchema.parse({ rule: rule.value, parameters: JSON.parse(parameters.value) });
      expect(details.value).toBe(describeStep(step));
    }
  });
});
