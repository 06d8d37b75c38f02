/**
 * Every Excel.run of src/excel runs through Microsoft's Office.js client here: the call sites are
 * found in the source (TypeScript's parser), every member of officeHost() is driven on the
 * in-memory host, and each call site must have been reached. A new Excel.run that this test
 * does not reach fails it; so does a new function taking a RequestContext that host.ts does not
 * use (it would have no Excel.run above it).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { officeHost } from '../../src/excel/host';
import type { Step } from '../../src/core/rules';
import { freshExcel, loadValid } from './helpers';
import type { PreviewResult } from '../../src/core/preview/runner';

const SRC = path.join(__dirname, '../../src/excel');
const files = fs.readdirSync(SRC).filter((f) => f.endsWith('.ts'));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(SRC, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** `host.ts:123` for every `Excel.run(` of src/excel. */
function runSites(): string[] {
  const sites: string[] = [];
  for (const file of files) {
    const source = parse(file);
    walk(source, (n) => {
      if (ts.isCallExpression(n) && n.expression.getText(source) === 'Excel.run') {
        sites.push(`${file}:${source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1}`);
      }
    });
  }
  return sites.sort();
}

/** Exported functions of src/excel with a parameter typed Excel.RequestContext. */
function contextFunctions(): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const file of files) {
    const source = parse(file);
    for (const st of source.statements) {
      if (!ts.isFunctionDeclaration(st) || !st.name) continue;
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const takesContext = st.parameters.some((p) => p.type?.getText(source) === 'Excel.RequestContext');
      if (exported && takesContext) out.push({ file, name: st.name.text });
    }
  }
  return out;
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe("coverage of the Office.js client's paths", () => {
  it('finds the call sites it checks', () => {
    expect(runSites().length).toBeGreaterThanOrEqual(15);
    expect(contextFunctions().map((f) => f.name)).toEqual(expect.arrayContaining(['readWorkbook', 'validateInPlace']));
  });

  it('every function taking a RequestContext is used by host.ts or by another such function', () => {
    const fns = contextFunctions();
    const sources = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(SRC, f), 'utf8')]));
    const unused = fns.filter(({ file, name }) => {
      const used = new RegExp(`\\b${name}\\(`);
      return !Object.entries(sources).some(([other, text]) => {
        const uses = text.split(used).length - 1;
        // its own file counts only beyond the definition itself
        return other === file ? uses > 1 : uses > 0 && (other === 'host.ts' || fns.some((g) => g.file === other));
      });
    });
    expect(unused).toEqual([]);
  });

  it("reaches every Excel.run of src/excel through Microsoft's client", async () => {
    const host = freshExcel({ apiVersion: '1.14' });
    loadValid(host);
    const reached = new Set<string>();
    const run = host.Excel.run as (...args: unknown[]) => Promise<unknown>;
    const excel = host.Excel as { run: unknown };
    excel.run = (...args: unknown[]) => {
      const frame = /src[\\/]excel[\\/](\w+\.ts):(\d+):\d+/.exec(new Error().stack ?? '');
      if (frame) reached.add(`${frame[1]}:${frame[2]}`);
      return run(...args);
    };
    const office = officeHost();

    await office.buildSheets();
    await office.importAccounts('Id,Name,Email\n444455556666,New,new@example.com\n');
    host.type('Accounts', 'C3', '1111 1111 1112');
    const validated = await office.validate(() => false);
    // The automatic re-validation after an edit (delayForCellEdit) is its own Excel.run.
    await office.validate(() => false, { automatic: true });
    const fixable = validated.result.findings.filter((f) => f.fix);
    expect(fixable.length).toBeGreaterThan(0);
    await office.applyFixes(
      fixable.map((f) => ({
        sheet: f.sheet,
        cell: f.cell!,
        judged: { type: 'text', value: '1111 1111 1112' },
        fix: f.fix!,
      })),
    );
    await office.clearMarks();
    await office.select({ sheet: 'Accounts', cell: 'C3' });
    const offEdit = await office.onEdit(() => undefined);
    await offEdit();
    const offSelect = await office.onSelect(() => undefined);
    host.model.select(host.model.sheet('Accounts')!, { row: 3, col: 1, rows: 1, cols: 1 });
    await tick();
    await offSelect();
    const workflows = await office.listWorkflows();
    expect(workflows.workflows.length).toBeGreaterThan(0);
    const step = { rule: 'no-billing-rules', parameters: {} } as Step;
    await office.saveWorkflow(null, { name: 'Coverage', steps: [step] });
    await office.renameWorkflow('Coverage', 'Coverage 2', true);
    await office.deleteWorkflow('Coverage 2');
    await office.addSubsets(['Coverage subset']);
    expect(await office.readForPreview!()).toBeDefined();
    const empty: PreviewResult = {
      dialect: 'cur-csv',
      month: '2025-06',
      payer: '012345678901',
      rows: { read: 0, previewed: 0, otherMonth: 0, otherProvider: 0 },
      workflows: [],
      subsets: [],
      notEnrolled: { before: 0n, accounts: [] },
      accountsNotInCur: [],
      total: { before: 0n, final: 0n },
      notes: [],
    };
    await office.writePreviewSheet!(empty, false);
    const submit = await office.readForSubmit();
    expect(submit.findings).toBeDefined();
    await office.appendSubmissionLog({
      time: new Date('2025-03-14T09:30:00Z'),
      packageSha256: 'a'.repeat(64),
      fileName: 'coverage.zip',
      accounts: 3,
      subsets: 2,
      workflows: 1,
      endCustomers: null,
      destination: 'saved',
    });

    expect(runSites().filter((site) => !reached.has(site))).toEqual([]);
    expect(host.stats.syncs).toBeGreaterThan(20); // all of it went through the executor
  });
});
