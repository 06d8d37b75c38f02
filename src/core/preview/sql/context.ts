/**
 * The rule interface's SQL half: what a rule module's `sql` member is given and returns. A step
 * is one expression for the new charge of a row, in terms of the previous charge and the model's
 * columns, mirroring its `apply` exactly (same rounding, same tests per row).
 */
import type { PreviewArgs, PreviewCode } from '../../findings';
import type { ColumnId, Dialect } from '../columns';
import type { CreditPattern } from '../credit-patterns';
import type { Exactness } from '../effect';
import type { SqlDialect } from './dialect';

export interface SqlContext {
  readonly workflow: string;
  readonly dialect: SqlDialect;
  readonly creditPatterns: readonly CreditPattern[];
  /** The charge before this step (BIGINT units of 10^-10). */
  readonly charge: string;
  /** A model column of the row (text as VARCHAR, '' when blank; money as BIGINT units; number DOUBLE; time TIMESTAMP). */
  col(column: ColumnId): string;
  /** Window functions partition by this first: the rows of this step's workflow (one pass holds every workflow). */
  readonly workflowRows: string;
  /** The workbook's accounts of a subset (`nameKey`); for tests on who bought a commitment. */
  accountsOf(subsetKey: string): readonly string[];
  /** The input's dialect, and whether it has a model column (notes about the input). */
  readonly input: Dialect;
  has(column: ColumnId): boolean;
  /** A note that does not depend on the data (the data-dependent ones: SqlStep's `tallies`). */
  note<C extends PreviewCode>(code: C, args: PreviewArgs<C>): void;
}

/** One tally over the step's rows (before the step: `ctx.charge` is the charge they come with). */
export interface SqlTally {
  /** Which rows count. */
  readonly rows: string;
  /** Summed over those rows (BIGINT units); none: the count alone. */
  readonly units?: string;
}

/** A tally's value, read from the query's result. */
export interface TallyValue {
  readonly rows: number;
  readonly units: bigint;
}

export interface SqlStep {
  readonly exactness: Exactness;
  /** The row's charge after the step (BIGINT units). */
  readonly charge: string;
  /**
   * Lines the step adds (fees), called `label` in the report: one per account (`per: 'account'`)
   * or per subset (account '') that has rows in the step, its `units` (BIGINT) from `total`, the
   * sum of `sum` over those rows (0 without `sum`); none where `keep(total)` is false. Aggregates,
   * summed in the one pass over the rows (a second read of the steps' rows would make DuckDB keep
   * them all in memory).
   */
  readonly added?: {
    readonly label: string;
    readonly per: 'account' | 'subset';
    readonly sum?: string;
    units(total: string): string;
    keep?(total: string): string;
  };
  /**
   * The notes that depend on the data (the JavaScript engine's `finish`): sums the query adds per
   * step, then the notes from their values (`note` as the context's).
   */
  readonly tallies?: {
    readonly of: readonly SqlTally[];
    notes(values: readonly TallyValue[], note: SqlContext['note']): void;
  };
}
