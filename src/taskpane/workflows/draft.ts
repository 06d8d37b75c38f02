/**
 * A workflow being edited in the pane: its name and steps, each step a rule and its form's
 * field values. Parameters are judged by the rule's own schema; conflicts between steps come from
 * the core's own workflow checks, run on the rows the draft would write.
 */
import { parseA1 } from '../../core/a1';
import type { Finding } from '../../core/findings';
import { nameKey } from '../../core/ids';
import { SheetJudge } from '../../core/judge';
import { ruleById, type RuleId, type Step } from '../../core/rules';
import { BILLING_WORKFLOWS } from '../../core/sheets';
import { readTable } from '../../core/table';
import { checkWorkflows, readWorkflowRows, type Workflow } from '../../core/workflows';
import type { SheetStep, SheetWorkflow } from '../../excel/workflows';
import { errorsFrom, type FormErrors, type FormState } from './forms/fields';
import { FORMS } from './forms';

export interface DraftStep {
  readonly id: number;
  /** null for a sheet row whose rule or parameters the forms cannot read (kept until the user removes it). */
  readonly rule: RuleId | null;
  readonly state: FormState;
  /** What the user must still fill in (templates' placeholders). */
  readonly note?: string;
  /** The sheet row it came from, when it could not be read. */
  readonly unreadable?: SheetStep;
}

export interface Draft {
  /** The workflow's name in the sheet; null for a new workflow. */
  readonly original: string | null;
  readonly name: string;
  readonly steps: readonly DraftStep[];
}

let nextId = 1;
export const newStepId = (): number => nextId++;

/** A new step of `rule`: its form empty (required fields to fill in, conditions off), never the catalog's example. */
export const newStep = (rule: RuleId): DraftStep => stepOf(rule, {});

/** The catalog's example of a rule, as a sentence: a hint beside the form, never its values. */
export function exampleSentence(rule: RuleId): string {
  const module = ruleById(rule)!;
  const parsed = module.schema.safeParse(module.example);
  return parsed.success ? module.describe(parsed.data) : '';
}

export function stepOf(rule: RuleId, params: Readonly<Record<string, unknown>>, note?: string): DraftStep {
  const base = { id: newStepId(), rule, state: FORMS[rule].fromParams(params) };
  return note === undefined ? base : { ...base, note };
}

/** The draft of a workflow read from the sheet. */
export function draftOf(wf: SheetWorkflow): Draft {
  return {
    original: wf.name,
    name: wf.name,
    steps: wf.steps.map((s) => {
      const rule = s.rule === null ? undefined : ruleById(s.rule);
      if (rule === undefined || s.rawParameters === undefined)
        return { id: newStepId(), rule: null, state: {}, unreadable: s };
      return stepOf(rule.id as RuleId, s.rawParameters);
    }),
  };
}

export interface StepCheck {
  readonly errors: FormErrors;
  /** The schema's output when valid. */
  readonly step?: Step;
  readonly sentence?: string;
  /** The parameters as the form builds them (valid or not). */
  readonly params: unknown;
}

export function checkStep(step: DraftStep): StepCheck {
  if (step.rule === null) return { errors: new Map([['', 'This row cannot be read']]), params: undefined };
  const form = FORMS[step.rule];
  const rule = ruleById(step.rule)!;
  const params = form.toParams(step.state);
  const parsed = rule.schema.safeParse(params);
  if (!parsed.success) return { errors: errorsFrom(parsed.error.issues, form.keys, params), params };
  return {
    errors: new Map(),
    step: { rule: step.rule, parameters: parsed.data } as Step,
    sentence: rule.describe(parsed.data),
    params,
  };
}

/** The workflow to write, or null while a step is invalid or unreadable, or the name is blank. */
export function toWorkflow(draft: Draft): Workflow | null {
  if (draft.name.trim() === '' || draft.steps.length === 0) return null;
  const steps: Step[] = [];
  for (const s of draft.steps) {
    const c = checkStep(s);
    if (c.step === undefined) return null;
    steps.push(c.step);
  }
  return { name: draft.name.trim(), steps };
}

const WORKFLOW_CODES = new Set([
  'rule-must-be-alone',
  'rules-exclusive',
  'percent-rule-not-last',
  'rule-subset-unknown',
  'rule-account-unknown',
]);

/** Conflicts between steps (and unknown subsets or accounts), by step index: the core's checks on the draft's rows. */
export function conflicts(
  draft: Draft,
  context: { readonly subsets: readonly string[]; readonly accounts: readonly string[] | null },
): Map<number, Finding[]> {
  const header = BILLING_WORKFLOWS.columns.map((c) => ({ type: 'text' as const, value: c.header }));
  const rows = draft.steps.map((s, i) => {
    const params = checkStep(s).params;
    return [
      { type: 'text' as const, value: draft.name.trim() || 'Workflow' },
      { type: 'number' as const, value: i + 1 },
      { type: 'text' as const, value: s.rule ?? s.unreadable?.ruleText ?? '' },
      { type: 'text' as const, value: '' },
      { type: 'text' as const, value: JSON.stringify(params ?? {}) },
    ];
  });
  const out: Finding[] = [];
  const table = readTable(
    { sheets: [{ name: BILLING_WORKFLOWS.name, rows: [header, ...rows] }] },
    BILLING_WORKFLOWS,
    out,
    new Set(),
  );
  const found: Finding[] = [];
  if (table) {
    const judge = new SheetJudge(table, found);
    checkWorkflows(judge, readWorkflowRows(judge), {
      subsets: new Set(context.subsets.map(nameKey)),
      used: null,
      accounts: context.accounts === null || context.accounts.length === 0 ? null : new Set(context.accounts),
      // Rules by title and steps by number: the editor's user sees neither rule ids nor cells.
      names: { rule: (r) => r.title, cell: (ref) => `step ${parseA1(ref)?.row ?? 1}` },
    });
  }
  const byStep = new Map<number, Finding[]>();
  for (const f of found) {
    if (!WORKFLOW_CODES.has(f.code) || f.cell === null) continue;
    const ref = parseA1(f.cell);
    if (ref === null) continue;
    const i = ref.row - 1;
    byStep.set(i, [...(byStep.get(i) ?? []), f]);
  }
  return byStep;
}

// ---- templates -----------------------------------------------------------------------------------

export interface Template {
  readonly id: string;
  readonly title: string;
  /** The seed's own wording, line by line. */
  readonly seed: readonly string[];
  readonly make: () => Draft;
}

const ACCOUNT_NOTE =
  'Enter the ID of the account that purchases them (the enrollment guide leaves it for you to fill in).';

export const TEMPLATES: readonly Template[] = [
  {
    id: 'seed-1',
    title: 'Example Billing Workflow 1 (from the enrollment guide)',
    seed: [
      'Replace RI discount with public on-demand price when RIs are purchased by an account you name',
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by an account you name',
      'Remove EDP Discount so it is not shared with customer',
      'Uplift the price of all services by 3%',
    ],
    make: () => ({
      original: null,
      name: 'Example Billing Workflow Name 1',
      steps: [
        stepOf('replace-ri-discount', { purchasedBy: [] }, ACCOUNT_NOTE),
        stepOf('replace-sp-discount', { purchasedBy: [] }, ACCOUNT_NOTE),
        stepOf('remove-credits', { programs: ['edp'], refunds: false }),
        stepOf('uplift', { percent: 3 }),
      ],
    }),
  },
  {
    id: 'seed-2',
    title: 'Example Billing Workflow 2 (from the enrollment guide)',
    seed: [
      'Replace RI discount with public on-demand price when RIs are purchased by any account',
      'Replace free tier usage with the first billable rate',
      'Discount a service by 2% when the usage occurs on Tuesdays in any US-East data center in the summer months of an odd-numbered year',
    ],
    make: () => ({
      original: null,
      name: 'Example Billing Workflow Name 2',
      steps: [
        stepOf('replace-ri-discount', { purchasedBy: 'any' }),
        stepOf('remove-volume-discounts', { mode: 'top-rate-free-usage' }),
        stepOf(
          'discount',
          {
            percent: 2,
            when: {
              services: ['AmazonEC2'],
              regions: ['us-east-*'],
              daysOfWeek: ['tue'],
              months: [6, 7, 8],
              years: 'odd',
            },
          },
          'AmazonEC2 is filled in as an example of a service: change it to the service meant.',
        ),
      ],
    }),
  },
  {
    id: 'none',
    title: 'No billing rules',
    seed: ['Process the billing data as it is, with no billing rules'],
    make: () => ({ original: null, name: 'No billing rules', steps: [stepOf('no-billing-rules', {})] }),
  },
];
