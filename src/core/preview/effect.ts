/**
 * What a billing rule's `apply` returns: the effect of one step of one workflow on line items.
 * The runner gives each step the rows of the subsets whose workflow holds it, in step order, and
 * the current charge of every row (exact units, see money.ts), which the step changes in place.
 */
import type { PreviewArgs, PreviewCode } from '../findings';
import type { Derived, Dictionaries, LineItemBatch } from './batch';
import type { ColumnId, TextColumn } from './columns';
import type { CreditPattern } from './credit-patterns';

/** How far the CUR carries the answer. */
export type Exactness = 'exact' | 'approximate' | 'not-computed';

export interface ApplyContext {
  /** The workflow this step belongs to (for notes). */
  readonly workflow: string;
  /** The columns the input has. `reads` columns are all present when `apply` is called. */
  readonly columns: ReadonlySet<ColumnId>;
  readonly dictionaries: Dictionaries;
  /** The subset (`nameKey`) an account belongs to in the workbook, or null when it is not enrolled. */
  readonly subsetOf: (accountId: string) => string | null;
  /** The program patterns for credits (editable; `DEFAULT_CREDIT_PATTERNS` unless the caller gives others). */
  readonly creditPatterns: readonly CreditPattern[];
  /** The input dialect, for rules whose data sits elsewhere in one dialect (CUR 2.0 discount map). */
  readonly dialect: string;
  /** A per-distinct-value decision over a text column, cached across batches. */
  derive(column: TextColumn, decide: (value: string) => number): Derived;
  /** Says something about this step with the result (an approximation, rows it could not decide). */
  note<C extends PreviewCode>(code: C, args: PreviewArgs<C>): void;
}

/** A charge a step adds rather than changes (a fee): on one account, or on a subset as a whole. */
export interface AddedCharge {
  readonly accountId: string | null;
  /** Set when `accountId` is null: the subset (`nameKey`) charged. */
  readonly subset: string | null;
  /** What the added line is called in the report ("Savings fee"). */
  readonly label: string;
  /** Exact units (money.ts). */
  readonly units: number;
}

export interface StepEffect {
  readonly exactness: Exactness;
  /**
   * A first pass over every row of the step's subsets before any `apply`, for effects that need
   * a whole-month figure first (a Savings Plan's up-front/recurring ratio). Its presence makes the
   * caller read the input twice.
   */
  prepass?(batch: LineItemBatch, rows: Uint32Array, count: number): void;
  /** Changes `charge[r]` for the rows `rows[0 .. count-1]` of the batch. */
  apply(batch: LineItemBatch, charge: Float64Array, rows: Uint32Array, count: number): void;
  /** After the last batch: lines the step adds (fees). Later steps do not change them. */
  finish?(): readonly AddedCharge[];
}

/** The effect of a step the preview does not compute: no change. */
export const NOT_COMPUTED: StepEffect = { exactness: 'not-computed', apply: () => undefined };

/** The effect of a step that changes nothing (no-billing-rules). */
export const IDENTITY: StepEffect = { exactness: 'exact', apply: () => undefined };
