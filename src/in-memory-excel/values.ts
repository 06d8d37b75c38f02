/**
 * What an in-memory cell holds, and the two ways a value gets there the way Excel does it:
 * typed (or written through `range.values`, which Excel treats the same), and displayed.
 */

export interface ErrorValue {
  readonly error: string;
}
/** A cell's value: empty (null), text, number, boolean or an error such as `#N/A`. */
export type Scalar = string | number | boolean | ErrorValue | null;

export const isError = (v: unknown): v is ErrorValue => typeof v === 'object' && v !== null && 'error' in v;

export const ERROR_CODES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
];

/** Office.js's RangeValueType of a value. */
export function valueType(v: Scalar): 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error' {
  if (v === null || v === '') return 'Empty';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'Error';
}

/** What `range.values` returns for a value: errors as their code, empty as ''. */
export function apiValue(v: Scalar): string | number | boolean {
  if (v === null) return '';
  if (isError(v)) return v.error;
  return v;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type Entry =
  { readonly kind: 'value'; readonly value: Scalar } | { readonly kind: 'formula'; readonly formula: string };

/**
 * A value entered into a cell formatted `numberFormat`, as Excel takes it: text that looks like
 * a number becomes a number (losing leading zeros) unless the cell is formatted as Text (`@`);
 * `=...` becomes a formula; a leading apostrophe forces text; TRUE/FALSE and error codes are
 * recognised.
 */
export function enter(input: unknown, numberFormat: string): Entry {
  if (input === null || input === undefined || input === '') return { kind: 'value', value: null };
  if (typeof input === 'number') return { kind: 'value', value: Number.isFinite(input) ? input : { error: '#NUM!' } };
  if (typeof input === 'boolean') return { kind: 'value', value: input };
  const s = String(input);
  if (numberFormat === '@') return { kind: 'value', value: s };
  if (s.startsWith("'")) return { kind: 'value', value: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { kind: 'formula', formula: s };
  const t = s.trim();
  if (NUMBER.test(t)) return { kind: 'value', value: Number(t) };
  if (/^true$/i.test(t)) return { kind: 'value', value: true };
  if (/^false$/i.test(t)) return { kind: 'value', value: false };
  const upper = t.toUpperCase();
  if (ERROR_CODES.includes(upper)) return { kind: 'value', value: { error: upper } };
  return { kind: 'value', value: s };
}

/** The text Excel shows for a value in a format (the formats this product meets). */
export function display(v: Scalar, format: string): string {
  if (v === null) return '';
  if (isError(v)) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const f = format.trim();
  if (f === '@') return generalNumber(v);
  if (/^0+$/.test(f)) return Math.round(v).toFixed(0).padStart(f.length, '0');
  const fixed = /^0\.(0+)$/.exec(f);
  if (fixed) return v.toFixed(fixed[1]!.length);
  const sci = /^0\.(0+)E\+00$/i.exec(f);
  if (sci) return excelExponent(v, sci[1]!.length);
  return generalNumber(v);
}

/** General format: up to 11 characters; larger numbers in scientific notation (Excel: 1.23457E+11). */
export function generalNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return n.toFixed(0);
  if (!Number.isInteger(n) && Math.abs(n) >= 1e-9 && Math.abs(n) < 1e11) {
    const s = String(Number(n.toPrecision(10)));
    if (s.length <= 11 && !s.includes('e')) return s;
  }
  return excelExponent(n, 5).replace(/\.?0+E/, 'E');
}

function excelExponent(n: number, digits: number): string {
  const [m, e] = n.toExponential(digits).split('e');
  const exp = Number(e);
  return `${m}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}
