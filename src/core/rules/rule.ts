import type { z } from 'zod';
import type { Issue } from '../findings';
import type { ColumnId } from '../preview/columns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import type { SqlContext, SqlStep } from '../preview/sql/context';

/** How the catalog is grouped for people (the pane's rule picker, the docs). */
export type RuleGroup = 'commitments' | 'credits-and-taxes' | 'cost-sharing' | 'pricing' | 'fees' | 'other';

/** What a rule's cross-sheet checks may look at. */
export interface RuleContext {
  /** `nameKey`s of the subsets listed in Subset Workflows. */
  readonly subsets: ReadonlySet<string>;
  /** IDs of the Accounts sheet plus the management account; null when there is no Accounts sheet. */
  readonly accounts: Pick<ReadonlySet<string>, 'has'> | null;
}

/**
 * One billing rule of the catalog. Shared code (validation, sentences, forms, packaging) only
 * ever goes through these fields: it never switches on a rule id.
 */
export interface RuleModule<Id extends string = string, S extends z.ZodType = z.ZodType> {
  readonly id: Id;
  readonly group: RuleGroup;
  /** A short name for people: "Replace RI discount". */
  readonly title: string;
  /** What the rule does, in one plain-English sentence (the catalog's meaning). */
  readonly summary: string;
  /** The parameters, as the `Parameters` column holds them (JSON). Strict: unknown keys are refused. */
  readonly schema: S;
  /** A valid set of parameters: shown in messages and used as a form's starting point. */
  readonly example: z.input<S>;
  /** The plain-English sentence for a step with these parameters (the `Details` column). */
  describe(params: z.output<S>): string;
  /** Cross-sheet checks of valid parameters (subsets and accounts that must exist). */
  check?(params: z.output<S>, ctx: RuleContext): Issue[];
  /**
   * For a rule whose parameters name subsets: which names, and the parameters with each name
   * respelled. Validation warns at names spelled otherwise than in Subset Workflows, and the
   * package carries that sheet's spelling (issue 10, item 4).
   */
  readonly subsetNames?: {
    of(params: z.output<S>): readonly string[];
    respell(params: z.output<S>, spell: (name: string) => string): z.output<S>;
  };
  /** `alone`: must be the workflow's only step; `last`: Spot applies it after every other kind. */
  readonly placement?: 'alone' | 'last';
  /** Rule ids that cannot share a workflow with this one. */
  readonly excludes?: readonly string[];
  /**
   * The line-item columns `apply` reads with these parameters (none when absent). A step whose
   * columns the CUR lacks is not computed, and the preview says which columns and rules.
   */
  reads?(params: z.output<S>): readonly ColumnId[];
  /**
   * Columns the effect also uses where the input has them (a CUR 2.0 discount map, for a note);
   * without them the step is still computed, and no column is reported missing.
   */
  readsIfPresent?(params: z.output<S>): readonly ColumnId[];
  /** The step's effect on line items, for the workflow preview (docs/preview.md). */
  apply(params: z.output<S>, ctx: ApplyContext): StepEffect;
  /**
   * The same effect as SQL (issue 14, docs/preview.md): one expression for the row's new charge.
   * Absent: the SQL engines cannot compute the rule, and the JavaScript engine is used.
   */
  sql?(params: z.output<S>, ctx: SqlContext): SqlStep;
}

/** Identity, typed: keeps each module's literal id and schema in its type. */
export function defineRule<const Id extends string, S extends z.ZodType>(rule: RuleModule<Id, S>): RuleModule<Id, S> {
  return rule;
}
