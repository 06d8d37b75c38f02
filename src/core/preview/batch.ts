/**
 * Line items in batches, column by column: text columns as codes into one dictionary per column
 * (shared by every batch and file of a run, so that rules decide once per distinct value and
 * aggregates key on integers), money as exact units, numbers and instants as float64.
 */
import type { ColumnId, MoneyColumn, NumberColumn, TextColumn, TimeColumn } from './columns';

/** A batch of line items. A column the input lacks is absent (undefined), never filled with zeros. */
export interface LineItemBatch {
  readonly length: number;
  readonly text: Partial<Record<TextColumn, Int32Array>>;
  readonly money: Partial<Record<MoneyColumn, Float64Array>>;
  readonly number: Partial<Record<NumberColumn, Float64Array>>;
  readonly time: Partial<Record<TimeColumn, Float64Array>>;
}

/** Normalises a text value before it enters the dictionary (account IDs regain lost zeros). */
type Normaliser = (value: string) => string;

const DIGITS = /^\d{1,11}$/;
/** Account IDs that a spreadsheet or an anonymiser stored as numbers lost their leading zeros. */
const accountId: Normaliser = (v) => (DIGITS.test(v) ? v.padStart(12, '0') : v);

const NORMALISERS: Partial<Record<TextColumn, Normaliser>> = {
  payerAccountId: accountId,
  usageAccountId: accountId,
};

/**
 * The dictionaries of one run: per text column, the distinct values in order of first sight.
 * Code 0 is always the blank value "".
 */
export class Dictionaries {
  private readonly byRaw = new Map<TextColumn, Map<string, number>>();
  private readonly lists = new Map<TextColumn, string[]>();
  private readonly byValue = new Map<TextColumn, Map<string, number>>();

  private tables(column: TextColumn): { raw: Map<string, number>; list: string[]; value: Map<string, number> } {
    let raw = this.byRaw.get(column);
    let list = this.lists.get(column);
    let value = this.byValue.get(column);
    if (raw === undefined || list === undefined || value === undefined) {
      raw = new Map([['', 0]]);
      list = [''];
      value = new Map([['', 0]]);
      this.byRaw.set(column, raw);
      this.lists.set(column, list);
      this.byValue.set(column, value);
    }
    return { raw, list, value };
  }

  /** A lookup for hot loops: raw text to code, adding new values. */
  coder(column: TextColumn): (raw: string) => number {
    const { raw, list, value } = this.tables(column);
    const normalise = NORMALISERS[column];
    return (text) => {
      const known = raw.get(text);
      if (known !== undefined) return known;
      const v = normalise === undefined ? text.trim() : normalise(text.trim());
      let code = value.get(v);
      if (code === undefined) {
        code = list.length;
        list.push(v);
        value.set(v, code);
      }
      raw.set(text, code);
      return code;
    };
  }

  code(column: TextColumn, text: string): number {
    return this.coder(column)(text);
  }

  /** The values of a column; index = code. Grows as batches arrive. */
  values(column: TextColumn): readonly string[] {
    return this.tables(column).list;
  }

  /** The code of a value already seen (after normalisation), or -1. */
  find(column: TextColumn, value: string): number {
    return this.tables(column).value.get(value) ?? -1;
  }
}

/**
 * A per-code table derived from a column's dictionary (a rule's decision per distinct value),
 * extended as the dictionary grows. `table()` once per batch, then index it in the loop.
 */
export class Derived {
  private cache = new Int32Array(0);
  private filled = 0;

  constructor(
    private readonly dictionaries: Dictionaries,
    private readonly column: TextColumn,
    private readonly decide: (value: string) => number,
  ) {}

  table(): Int32Array {
    const values = this.dictionaries.values(this.column);
    if (values.length > this.filled) {
      if (values.length > this.cache.length) {
        const grown = new Int32Array(Math.max(values.length, this.cache.length * 2, 16));
        grown.set(this.cache.subarray(0, this.filled));
        this.cache = grown;
      }
      for (let code = this.filled; code < values.length; code++) this.cache[code] = this.decide(values[code]!);
      this.filled = values.length;
    }
    return this.cache;
  }
}

/** Which columns a batch carries. */
export function batchColumns(batch: LineItemBatch): Set<ColumnId> {
  return new Set([
    ...(Object.keys(batch.text) as ColumnId[]),
    ...(Object.keys(batch.money) as ColumnId[]),
    ...(Object.keys(batch.number) as ColumnId[]),
    ...(Object.keys(batch.time) as ColumnId[]),
  ]);
}
