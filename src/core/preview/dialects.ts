/**
 * From an input's own columns to the line-item model: which dialect a header is, which source
 * column (or map key, or combination) feeds each model column, and the conversion of raw column
 * values (strings from CSV; strings, numbers, Dates and maps from Parquet) into a batch.
 */
import { previewNote, type PreviewArgs, type PreviewCode, type PreviewNote } from '../findings';
import type { Dictionaries, LineItemBatch } from './batch';
import { kindOf, sourceNames, type ColumnId, type Dialect, type TextColumn } from './columns';
import { fromNumber, parseUnits, UNITS_PER_CURRENCY } from './money';
import { isEncodedColumn, type EncodedColumn } from './parquet-pages';

/** An input problem that stops the run: the readers throw it, the command line prints its note. */
export class PreviewInputError extends Error {
  readonly note: PreviewNote;
  constructor(note: PreviewNote) {
    super(note.message);
    this.note = note;
  }
}

export function inputError<C extends PreviewCode>(code: C, args: PreviewArgs<C>): PreviewInputError {
  return new PreviewInputError(previewNote(code, args));
}

/** The dialect of a header, or null when it is no CUR at all. */
export function detectDialect(header: readonly string[]): Dialect | null {
  const names = new Set(header.map((h) => h.trim()));
  if (names.has('lineItem/UnblendedCost')) return 'cur-csv';
  if (names.has('line_item_unblended_cost')) {
    // CUR 2.0 has map columns and account names that the legacy Athena table lacks.
    const cur2 = ['product', 'discount', 'bill_payer_account_name', 'line_item_usage_account_name'];
    return cur2.some((n) => names.has(n)) ? 'cur2' : 'cur-athena';
  }
  if (names.has('BilledCost') && names.has('ChargeCategory')) return 'focus';
  return null;
}

/** Raw values of one source column for a batch: one per row, or distinct values and an index. */
export type RawColumn = ArrayLike<unknown> | EncodedColumn;

/** One value per row (null where the index says so). */
function perRow(raw: RawColumn | undefined, length: number): ArrayLike<unknown> {
  if (raw === undefined) return new Array<unknown>(length);
  if (!isEncodedColumn(raw)) return raw;
  const out = new Array<unknown>(length);
  for (let r = 0; r < length; r++) {
    const i = raw.index[r]!;
    out[r] = i < 0 ? null : raw.values[i];
  }
  return out;
}

/*
 * An encoded column is converted one distinct value at a time (the conversions below run over
 * its `values`), then gathered by row; null rows get `empty`. Two functions, so that each loop
 * sees one array type.
 */
function gatherCodes(raw: EncodedColumn, length: number, converted: Int32Array): Int32Array {
  const out = new Int32Array(length);
  const { index } = raw;
  for (let r = 0; r < length; r++) {
    const i = index[r]!;
    out[r] = i < 0 ? 0 : converted[i]!;
  }
  return out;
}

function gatherFloats(raw: EncodedColumn, length: number, converted: Float64Array, empty: number): Float64Array {
  const out = new Float64Array(length);
  const { index } = raw;
  for (let r = 0; r < length; r++) {
    const i = index[r]!;
    out[r] = i < 0 ? empty : converted[i]!;
  }
  return out;
}

type Source =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'map'; readonly name: string; readonly key: string }
  | {
      readonly kind: 'derived';
      readonly names: readonly string[];
      readonly derive: (values: readonly string[]) => string;
    };

/** FOCUS columns made from several source columns. */
const commitmentKind = (type: string, category: string): 'ri' | 'sp' | '' =>
  /savings/i.test(type)
    ? 'sp'
    : /reserv/i.test(type)
      ? 'ri'
      : category === 'Spend'
        ? 'sp'
        : category === 'Usage'
          ? 'ri'
          : '';

const FOCUS_DERIVED: Partial<Record<ColumnId, Source>> = {
  lineItemType: {
    kind: 'derived',
    names: [
      'ChargeCategory',
      'CommitmentDiscountStatus',
      'CommitmentDiscountType',
      'CommitmentDiscountCategory',
      'ChargeFrequency',
    ],
    derive: ([category = '', status = '', type = '', kindCategory = '', frequency = '']) => {
      const kind = commitmentKind(type, kindCategory);
      switch (category) {
        case 'Usage':
          if (status === 'Used')
            return kind === 'sp' ? 'SavingsPlanCoveredUsage' : kind === 'ri' ? 'DiscountedUsage' : 'Usage';
          if (status === 'Unused') return kind === 'sp' ? 'SavingsPlanRecurringFee' : 'RIFee';
          return 'Usage';
        case 'Purchase':
          if (kind === 'sp') return frequency === 'One-Time' ? 'SavingsPlanUpfrontFee' : 'SavingsPlanRecurringFee';
          if (kind === 'ri') return frequency === 'One-Time' ? 'Fee' : 'RIFee';
          return 'Fee';
        case 'Tax':
        case 'Credit':
          return category;
        default:
          // Adjustment and anything newer: a type no rule changes.
          return category;
      }
    },
  },
  reservationArn: {
    kind: 'derived',
    names: ['CommitmentDiscountId', 'CommitmentDiscountType', 'CommitmentDiscountCategory'],
    derive: ([id = '', type = '', category = '']) => (commitmentKind(type, category) === 'ri' ? id : ''),
  },
  savingsPlanArn: {
    kind: 'derived',
    names: ['CommitmentDiscountId', 'CommitmentDiscountType', 'CommitmentDiscountCategory'],
    derive: ([id = '', type = '', category = '']) => (commitmentKind(type, category) === 'sp' ? id : ''),
  },
  riEffectiveCost: { kind: 'column', name: 'EffectiveCost' },
  spEffectiveCost: { kind: 'column', name: 'EffectiveCost' },
};

/**
 * The SQL twins of FOCUS_DERIVED (issue 14's compiler): the same derivations over the parts as
 * text ('' when blank), the column names as in FOCUS_DERIVED.
 */
const kindSql = (type: string, category: string, regexpLike: (text: string, pattern: string) => string): string =>
  `(CASE WHEN ${regexpLike(type, 'savings')} THEN 'sp' WHEN ${regexpLike(type, 'reserv')} THEN 'ri' ` +
  `WHEN ${category} = 'Spend' THEN 'sp' WHEN ${category} = 'Usage' THEN 'ri' ELSE '' END)`;

const derivedNames = (column: ColumnId): readonly string[] => {
  const s = FOCUS_DERIVED[column];
  return s?.kind === 'derived' ? s.names : [];
};

export const FOCUS_DERIVED_SQL: Partial<
  Record<
    ColumnId,
    {
      readonly names: readonly string[];
      /** `parts`: the source columns as text; `regexpLike`: a case-insensitive search in the target dialect. */
      readonly sql: (parts: readonly string[], regexpLike: (text: string, pattern: string) => string) => string;
    }
  >
> = {
  lineItemType: {
    names: derivedNames('lineItemType'),
    sql: ([category, status, type, kindCategory, frequency], like) => {
      const kind = kindSql(type!, kindCategory!, like);
      return (
        `(CASE WHEN ${category} = 'Usage' THEN (CASE WHEN ${status} = 'Used' THEN (CASE WHEN ${kind} = 'sp' THEN 'SavingsPlanCoveredUsage' WHEN ${kind} = 'ri' THEN 'DiscountedUsage' ELSE 'Usage' END) ` +
        `WHEN ${status} = 'Unused' THEN (CASE WHEN ${kind} = 'sp' THEN 'SavingsPlanRecurringFee' ELSE 'RIFee' END) ELSE 'Usage' END) ` +
        `WHEN ${category} = 'Purchase' THEN (CASE WHEN ${kind} = 'sp' THEN (CASE WHEN ${frequency} = 'One-Time' THEN 'SavingsPlanUpfrontFee' ELSE 'SavingsPlanRecurringFee' END) ` +
        `WHEN ${kind} = 'ri' THEN (CASE WHEN ${frequency} = 'One-Time' THEN 'Fee' ELSE 'RIFee' END) ELSE 'Fee' END) ` +
        `ELSE ${category} END)`
      );
    },
  },
  reservationArn: {
    names: derivedNames('reservationArn'),
    sql: ([id, type, category], like) => `(CASE WHEN ${kindSql(type!, category!, like)} = 'ri' THEN ${id} ELSE '' END)`,
  },
  savingsPlanArn: {
    names: derivedNames('savingsPlanArn'),
    sql: ([id, type, category], like) => `(CASE WHEN ${kindSql(type!, category!, like)} = 'sp' THEN ${id} ELSE '' END)`,
  },
};

/** FOCUS columns read under another model column's name (EffectiveCost for both commitments). */
export const focusColumnOf = (column: ColumnId): string | undefined => {
  const s = FOCUS_DERIVED[column];
  return s?.kind === 'column' ? s.name : undefined;
};

/** FOCUS pricing categories in the CUR's pricing/term words. */
export const FOCUS_TERMS: Readonly<Record<string, string>> = {
  Standard: 'OnDemand',
  Committed: 'Reserved',
  Dynamic: 'Spot',
};

export interface ColumnPlan {
  readonly dialect: Dialect;
  /** Model columns this input can fill. */
  readonly present: ReadonlySet<ColumnId>;
  /** The source columns to read (Parquet projection). */
  readonly sourceColumns: readonly string[];
  /**
   * Converts raw columns into a batch. `raw(name)` gives a source column's values; `firstRow` is
   * the 1-based row number of the batch's first row in its file, for messages.
   */
  build(raw: (name: string) => RawColumn | undefined, length: number, firstRow: number): LineItemBatch;
}

/**
 * Plans the conversion of one file: `header` its column names, `wanted` the model columns the
 * preview reads. Throws PreviewInputError when the header is no CUR or lacks a required column.
 */
export function planColumns(input: {
  readonly file: string;
  readonly header: readonly string[];
  readonly wanted: readonly ColumnId[];
  readonly required: readonly ColumnId[];
  readonly dictionaries: Dictionaries;
}): ColumnPlan {
  const { file, header, wanted, dictionaries } = input;
  const dialect = detectDialect(header);
  if (dialect === null) throw inputError('cur-not-recognised', { file });
  const names = new Set(header.map((h) => h.trim()));
  const original = new Map(header.map((h) => [h.trim(), h]));
  const sources = new Map<ColumnId, Source>();
  for (const column of wanted) {
    const derived = dialect === 'focus' ? FOCUS_DERIVED[column] : undefined;
    if (derived !== undefined) {
      if (
        derived.kind === 'derived' ? names.has(derived.names[0]!) : derived.kind === 'column' && names.has(derived.name)
      )
        sources.set(column, derived);
      continue;
    }
    for (const name of sourceNames(column, dialect)) {
      if (typeof name === 'string' && names.has(name)) {
        sources.set(column, { kind: 'column', name: original.get(name)! });
        break;
      }
      if (typeof name !== 'string' && names.has(name.map)) {
        sources.set(column, { kind: 'map', name: original.get(name.map)!, key: name.key });
        break;
      }
    }
  }
  for (const column of input.required)
    if (!sources.has(column)) {
      const [name] = sourceNames(column, dialect);
      throw inputError('cur-column-required', { file, column: typeof name === 'string' ? name : column });
    }
  const sourceColumns = new Set<string>();
  for (const s of sources.values()) {
    if (s.kind === 'derived') s.names.forEach((n) => names.has(n) && sourceColumns.add(original.get(n)!));
    else sourceColumns.add(s.name);
  }
  const blank = dialect === 'focus' ? 'NULL' : null;
  const times = new Map<string, number>();
  const maps = new Map<string, Record<string, unknown> | null>();

  return {
    dialect,
    present: new Set(sources.keys()),
    sourceColumns: [...sourceColumns],
    build(raw, length, firstRow) {
      const batch: {
        length: number;
        text: Record<string, Int32Array>;
        money: Record<string, Float64Array>;
        number: Record<string, Float64Array>;
        time: Record<string, Float64Array>;
      } = { length, text: {}, money: {}, number: {}, time: {} };
      for (const [column, source] of sources) {
        const values = valuesOf(source, raw, length, blank, maps);
        // An encoded column: each distinct value converted once, then gathered by row.
        const encoded = isEncodedColumn(values) ? values : null;
        const flat = encoded === null ? (values as ArrayLike<unknown>) : encoded.values;
        const count = encoded === null ? length : encoded.values.length;
        switch (kindOf(column)) {
          case 'text': {
            const transform =
              dialect === 'focus' && column === 'pricingTerm' ? (v: string) => FOCUS_TERMS[v] ?? v : null;
            const codes = toCodes(flat, count, dictionaries, column as TextColumn, blank, transform);
            batch.text[column] = encoded === null ? codes : gatherCodes(encoded, length, codes);
            break;
          }
          case 'money': {
            const units = toMoney(flat, count, blank, (at, value) =>
              inputError('cur-bad-value', {
                file,
                column:
                  source.kind === 'map'
                    ? `${source.name}['${source.key}']`
                    : source.kind === 'column'
                      ? source.name
                      : column,
                row: firstRow + (encoded === null ? at : encoded.index.indexOf(at)),
                value,
              }),
            );
            batch.money[column] = encoded === null ? units : gatherFloats(encoded, length, units, 0);
            break;
          }
          case 'number': {
            const numbers = toNumbers(flat, count, blank);
            batch.number[column] = encoded === null ? numbers : gatherFloats(encoded, length, numbers, Number.NaN);
            break;
          }
          case 'time': {
            const instants = toTimes(flat, count, blank, times);
            batch.time[column] = encoded === null ? instants : gatherFloats(encoded, length, instants, Number.NaN);
            break;
          }
        }
      }
      return batch as LineItemBatch;
    },
  };
}

function text(v: unknown, blank: string | null): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v === blank ? '' : v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function valuesOf(
  source: Source,
  raw: (name: string) => RawColumn | undefined,
  length: number,
  blank: string | null,
  maps: Map<string, Record<string, unknown> | null>,
): RawColumn {
  if (source.kind === 'column') return raw(source.name) ?? new Array<unknown>(length);
  if (source.kind === 'map') {
    const cells = raw(source.name);
    const out = new Array<unknown>(length);
    if (cells === undefined) return out;
    const column = perRow(cells, length);
    for (let r = 0; r < length; r++) out[r] = mapValue(column[r], source.key, maps);
    return out;
  }
  const columns = source.names.map((n) => {
    const column = raw(n);
    return column === undefined ? undefined : perRow(column, length);
  });
  const out = new Array<string>(length);
  const cache = new Map<string, string>();
  const parts: string[] = new Array<string>(columns.length);
  for (let r = 0; r < length; r++) {
    for (let c = 0; c < columns.length; c++) parts[c] = text(columns[c]?.[r], blank);
    const key = parts.join('\u0001');
    let v = cache.get(key);
    if (v === undefined) {
      v = source.derive(parts);
      cache.set(key, v);
    }
    out[r] = v;
  }
  return out;
}

/** One key of a map cell: an object (Parquet MAP as hyparquet gives it), a Map, key/value pairs, or JSON text (CSV). */
function mapValue(cell: unknown, key: string, cache: Map<string, Record<string, unknown> | null>): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'string') {
    let parsed = cache.get(cell);
    if (parsed === undefined) {
      try {
        const json: unknown = cell === '' ? null : JSON.parse(cell);
        parsed = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
      } catch {
        parsed = null;
      }
      if (cache.size > 100_000) cache.clear();
      cache.set(cell, parsed);
    }
    return parsed?.[key];
  }
  if (cell instanceof Map) return cell.get(key);
  if (Array.isArray(cell)) {
    for (const pair of cell as unknown[]) {
      if (typeof pair === 'object' && pair !== null && (pair as { key?: unknown }).key === key)
        return (pair as { value?: unknown }).value;
    }
    return undefined;
  }
  if (typeof cell === 'object') return (cell as Record<string, unknown>)[key];
  return undefined;
}

function toCodes(
  values: ArrayLike<unknown>,
  length: number,
  dictionaries: Dictionaries,
  column: TextColumn,
  blank: string | null,
  transform: ((v: string) => string) | null,
): Int32Array {
  const coder = dictionaries.coder(column);
  const out = new Int32Array(length);
  // Parquet TIMESTAMPs read into a text column (the billing period): one ISO text per instant.
  const byInstant = new Map<number, number>();
  // CSV rows repeat the row before in most text columns: comparing is cheaper than hashing.
  let previous: string | null = null;
  let previousCode = 0;
  for (let r = 0; r < length; r++) {
    const v = values[r];
    if (typeof v === 'string' && transform === null) {
      if (v !== previous) {
        previous = v;
        previousCode = v === blank ? 0 : coder(v);
      }
      out[r] = previousCode;
    } else if (v === null || v === undefined) out[r] = 0;
    else if (v instanceof Date) {
      const ms = v.getTime();
      let code = byInstant.get(ms);
      if (code === undefined) {
        code = coder(v.toISOString());
        byInstant.set(ms, code);
      }
      out[r] = code;
    } else {
      const t = text(v, blank);
      out[r] = coder(transform === null ? t : transform(t));
    }
  }
  return out;
}

function toMoney(
  values: ArrayLike<unknown>,
  length: number,
  blank: string | null,
  bad: (row: number, value: string) => Error,
): Float64Array {
  const out = new Float64Array(length);
  for (let r = 0; r < length; r++) {
    const v = values[r];
    let units: number;
    if (typeof v === 'number') units = fromNumber(v);
    else if (typeof v === 'string') units = v === blank ? 0 : parseUnits(v);
    else if (v === null || v === undefined) units = 0;
    else if (typeof v === 'bigint') units = Number(v) * UNITS_PER_CURRENCY;
    else units = Number.NaN;
    if (Number.isNaN(units)) throw bad(r, text(v, null));
    out[r] = units;
  }
  return out;
}

function toNumbers(values: ArrayLike<unknown>, length: number, blank: string | null): Float64Array {
  const out = new Float64Array(length);
  for (let r = 0; r < length; r++) {
    const v = values[r];
    out[r] =
      typeof v === 'number'
        ? v
        : typeof v === 'string'
          ? v === '' || v === blank
            ? Number.NaN
            : Number(v)
          : typeof v === 'bigint'
            ? Number(v)
            : Number.NaN;
  }
  return out;
}

/** ISO instants ("2023-11-01T00:00:00.000Z", "2024-09-18 22:00:00"); a time without zone is UTC, as CUR and FOCUS mean it. */
export function parseInstant(textValue: string): number {
  const t = textValue.trim();
  if (t === '') return Number.NaN;
  const iso = t.includes('T') ? t : t.replace(' ', 'T');
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  return Date.parse(zoned);
}

function toTimes(
  values: ArrayLike<unknown>,
  length: number,
  blank: string | null,
  cache: Map<string, number>,
): Float64Array {
  const out = new Float64Array(length);
  let previous: string | null = null;
  let previousMs = Number.NaN;
  for (let r = 0; r < length; r++) {
    const v = values[r];
    if (typeof v === 'string' && v === previous) out[r] = previousMs;
    else if (typeof v === 'string') {
      let ms = cache.get(v);
      if (ms === undefined) {
        ms = v === blank ? Number.NaN : parseInstant(v);
        if (cache.size > 100_000) cache.clear();
        cache.set(v, ms);
      }
      previous = v;
      previousMs = ms;
      out[r] = ms;
    } else if (v instanceof Date) out[r] = v.getTime();
    else if (typeof v === 'number') out[r] = v;
    else if (typeof v === 'bigint') out[r] = Number(v);
    else out[r] = Number.NaN;
  }
  return out;
}
