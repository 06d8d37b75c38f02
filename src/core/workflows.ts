/**
 * The Billing Workflows sheet: rows to workflows (with per-cell findings), the checks that look
 * at a workflow as a whole, and workflows back to rows. Rule-specific knowledge comes only from
 * the rule modules' fields (placement, excludes, check): nothing here names a rule.
 */
import { issue } from './findings';
import { nameKey } from './ids';
import type { SheetJudge } from './judge';
import type { Cell } from './port';
import { SUBSET_WORKFLOWS } from './sheets';
import { RULE_IDS, ruleById, type RuleModule, type Step } from './rules';
import type { DataRow } from './table';
import { nearest } from './text-distance';
import { cellText } from './values';

export interface StepDraft {
  readonly row: DataRow;
  /** The step number, or null when it is missing or not a whole number. */
  readonly step: number | null;
  readonly rule: RuleModule | null;
  /** The parsed, valid parameters; undefined when they are missing or invalid. */
  readonly parameters?: unknown;
}

export interface WorkflowDraft {
  readonly name: string;
  readonly key: string;
  /** In step order (rows with no valid step number last, in row order). */
  readonly steps: readonly StepDraft[];
}

export interface Workflow {
  readonly name: string;
  readonly steps: readonly Step[];
}

/** Reads every row of the sheet into workflows, reporting each cell that cannot be understood. */
export function readWorkflowRows(sheet: SheetJudge): WorkflowDraft[] {
  const byKey = new Map<string, { name: string; steps: StepDraft[] }>();
  for (const row of sheet.table.rows) {
    const name = sheet.name(row, 'workflow', true);
    const step = readStep(sheet, row);
    const rule = readRule(sheet, row);
    const parameters = rule ? readParameters(sheet, row, rule) : undefined;
    if (name === null) continue;
    const key = nameKey(name);
    let wf = byKey.get(key);
    if (!wf) byKey.set(key, (wf = { name, steps: [] }));
    wf.steps.push(parameters === undefined ? { row, step, rule } : { row, step, rule, parameters });
  }
  return [...byKey.entries()].map(([key, wf]) => ({
    name: wf.name,
    key,
    steps: [...wf.steps].sort((a, b) => (a.step ?? Infinity) - (b.step ?? Infinity) || a.row.index - b.row.index),
  }));
}

function readStep(sheet: SheetJudge, row: DataRow): number | null {
  const cell = sheet.take(row, 'step', true);
  if (cell === null) return null;
  const text = cellText(cell) ?? '';
  const n = cell.type === 'number' ? cell.value : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    sheet.report(issue('step-invalid', { value: text }), row.ref('step'));
    return null;
  }
  return n;
}

function readRule(sheet: SheetJudge, row: DataRow): RuleModule | null {
  const cell = sheet.take(row, 'rule', true);
  if (cell === null) return null;
  const text = cellText(cell) ?? '';
  // Ids are lower-case kebab: "Uplift" or "replace-RI-discount" is still plainly the rule meant.
  const rule = ruleById(text.toLowerCase());
  if (!rule)
    sheet.report(
      issue('rule-unknown', { value: text, nearest: nearest(text.toLowerCase(), RULE_IDS) }),
      row.ref('rule'),
    );
  return rule ?? null;
}

/** Smart quotes that spreadsheet autocorrect puts into typed JSON. */
const SMART_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

function readParameters(sheet: SheetJudge, row: DataRow, rule: RuleModule): unknown {
  const example = JSON.stringify(rule.example);
  const cell = sheet.take(row, 'parameters', false);
  const ref = row.ref('parameters');
  if (ref === null) return undefined;
  let json: unknown = {};
  if (cell !== null) {
    const text = cell.type === 'text' ? cell.value.replace(SMART_QUOTES, '"').trim() : (cellText(cell) ?? '');
    try {
      json = JSON.parse(text);
    } catch {
      sheet.report(issue('parameters-not-json', { rule: rule.id, example }), ref);
      return undefined;
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    sheet.report(
      issue('parameters-invalid', { rule: rule.id, problems: 'they must be a JSON object in braces', example }),
      ref,
    );
    return undefined;
  }
  const parsed = rule.schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
      .join('; ');
    sheet.report(issue('parameters-invalid', { rule: rule.id, problems, example }), ref);
    return undefined;
  }
  return parsed.data;
}

export interface WorkflowContext {
  /** `nameKey`s of the subsets of Subset Workflows; null when that sheet cannot be read. */
  readonly subsets: ReadonlySet<string> | null;
  /**
   * Subset names by `nameKey`, as Subset Workflows spells them: a step's parameters that name a
   * subset otherwise get a `name-spelling` warning. Absent: not checked (the pane's step editor).
   */
  readonly subsetSpellings?: ReadonlyMap<string, string>;
  /** `nameKey`s of the workflows Subset Workflows uses; null when that sheet cannot be read. */
  readonly used: ReadonlySet<string> | null;
  /** Account IDs of the Accounts sheet plus the management account; null without an Accounts sheet. */
  readonly accounts: Pick<ReadonlySet<string>, 'has'> | null;
  /**
   * How messages name a rule and a step's cell. The sheet's findings use rule ids and A1
   * references (what is in the cells); the pane's step editor names rules by title and steps by
   * number, since its user sees neither ids nor cells.
   */
  readonly names?: { readonly rule: (rule: RuleModule) => string; readonly cell: (ref: string) => string };
}

const SHEET_NAMES = { rule: (rule: RuleModule): string => rule.id, cell: (ref: string): string => ref };

/** The checks on whole workflows: numbering, rules that must be alone, exclusive or last, and each rule's own checks. */
export function checkWorkflows(sheet: SheetJudge, workflows: readonly WorkflowDraft[], ctx: WorkflowContext): void {
  const names = ctx.names ?? SHEET_NAMES;
  for (const wf of workflows) {
    checkNumbering(sheet, wf);
    const steps = wf.steps.filter((s): s is StepDraft & { rule: RuleModule } => s.rule !== null);
    for (const [i, s] of steps.entries()) {
      if (s.rule.placement === 'alone' && wf.steps.length > 1) {
        sheet.report(issue('rule-must-be-alone', { workflow: wf.name, rule: names.rule(s.rule) }), s.row.ref('rule'));
      }
      for (const earlier of steps.slice(0, i)) {
        if (s.rule.excludes?.includes(earlier.rule.id) || earlier.rule.excludes?.includes(s.rule.id)) {
          sheet.report(
            issue('rules-exclusive', {
              rule: names.rule(s.rule),
              other: names.rule(earlier.rule),
              otherCell: names.cell(earlier.row.ref('rule') ?? ''),
            }),
            s.row.ref('rule'),
          );
        }
      }
      if (s.rule.placement === 'last') {
        const next = steps.slice(i + 1).find((later) => later.rule.placement !== 'last');
        if (next)
          sheet.report(
            issue('percent-rule-not-last', { rule: names.rule(s.rule), next: names.rule(next.rule) }),
            s.row.ref('rule'),
          );
      }
      if (s.parameters !== undefined && s.rule.check && ctx.subsets) {
        for (const found of s.rule.check(s.parameters, { subsets: ctx.subsets, accounts: ctx.accounts })) {
          sheet.report(found, s.row.ref('parameters'));
        }
      }
      if (s.parameters !== undefined && ctx.subsetSpellings) checkSubsetSpelling(sheet, s, ctx.subsetSpellings);
    }
    if (ctx.used && !ctx.used.has(wf.key)) {
      sheet.report(issue('workflow-unused', { workflow: wf.name }), wf.steps[0]?.row.ref('workflow') ?? null);
    }
  }
}

/**
 * Subset names in a step's parameters that match a subset only once case and spaces are ignored:
 * one warning per name at the Parameters cell. Each fix is the same text (every name of the step
 * respelled, written as the pane writes parameters), so applying several of them agrees.
 */
function checkSubsetSpelling(
  sheet: SheetJudge,
  s: StepDraft & { rule: RuleModule },
  spellings: ReadonlyMap<string, string>,
): void {
  const names = s.rule.subsetNames;
  if (!names) return;
  const spell = (name: string): string => spellings.get(nameKey(name)) ?? name;
  const wrong = names.of(s.parameters).filter((given) => spell(given) !== given);
  if (wrong.length === 0) return;
  const fix = { value: JSON.stringify(names.respell(s.parameters, spell)) };
  for (const given of wrong) {
    const canonical = spell(given);
    sheet.report(
      issue(
        'name-spelling',
        { kind: 'subset', given, canonical, sheet: SUBSET_WORKFLOWS.name, inParameters: true },
        fix,
      ),
      s.row.ref('parameters'),
    );
  }
}

/** A workflow whose steps name subsets as `spell` gives them (the Subset Workflows spelling). */
export function respellSubsets(wf: WorkflowDraft, spell: (name: string) => string): WorkflowDraft {
  return {
    ...wf,
    steps: wf.steps.map((s) =>
      s.rule?.subsetNames && s.parameters !== undefined
        ? { ...s, parameters: s.rule.subsetNames.respell(s.parameters, spell) }
        : s,
    ),
  };
}

/** Steps are numbered 1..n: one finding per workflow, at the first step out of place. */
function checkNumbering(sheet: SheetJudge, wf: WorkflowDraft): void {
  const numbered = wf.steps.filter((s) => s.step !== null);
  if (numbered.length !== wf.steps.length) return; // the bad numbers are reported at their cells
  const wrong = numbered.findIndex((s, i) => s.step !== i + 1);
  if (wrong < 0) return;
  const found = numbered.map((s) => String(s.step)).join(', ');
  const expected = numbered.map((_, i) => String(i + 1)).join(', ');
  sheet.report(issue('step-sequence', { workflow: wf.name, found, expected }), numbered[wrong]!.row.ref('step'));
}

/** A workflow's complete, valid steps (the model), or null while any step is incomplete. */
export function toWorkflow(wf: WorkflowDraft): Workflow | null {
  const steps: Step[] = [];
  for (const s of wf.steps) {
    if (s.rule === null || s.parameters === undefined) return null;
    steps.push({ rule: s.rule.id, parameters: s.parameters } as Step);
  }
  return { name: wf.name, steps };
}

/** The sheet rows of a workflow, in the contract's column order: Workflow Name, Step, Rule, Details, Parameters. */
export function workflowRows(wf: Workflow): Cell[][] {
  return wf.steps.map((step, i) => {
    const rule = ruleById(step.rule)!;
    return [
      { type: 'text', value: wf.name },
      { type: 'number', value: i + 1 },
      { type: 'text', value: step.rule },
      { type: 'text', value: rule.describe(step.parameters) },
      { type: 'text', value: JSON.stringify(step.parameters) },
    ];
  });
}
