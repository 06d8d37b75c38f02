/**
 * Exact money. A charge is an integer number of units of 10^-10 of the billing currency (CUR
 * costs carry up to 10 decimal places). One line item's amount is a JavaScript number holding
 * that integer, exact below 2^53 units (about 900,000 in currency); a sum is a bigint, so totals
 * over any number of rows reconcile to the unit, never drifting as float sums do.
 */

/** The exact total type of the preview: bigint units of 10^-10. */
export type Money = bigint;

export const MONEY_DECIMALS = 10;
export const UNITS_PER_CURRENCY = 10_000_000_000;

/** Beyond this a number partial sum is moved into the bigint (sums below 2^53 stay exact). */
const FLUSH = 2 ** 52;

const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/**
 * A decimal string ("12.3400000001", "-0.5", "1E-7", "") as units, rounded half away from zero
 * beyond 10 decimals. Empty means 0 (CUR leaves cost cells blank); NaN for anything else.
 */
export function parseUnits(text: string): number {
  const m = DECIMAL.exec(text);
  if (m === null) return Number.NaN;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return text.trim() === '' ? 0 : Number.NaN;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[4] !== undefined) return sign * fromNumber(Number(`${intPart || '0'}.${fracPart || '0'}e${m[4]}`));
  // Integer and fraction digits separately: exact, where parseFloat(x) * 1e10 is not.
  const whole = intPart === '' ? 0 : Number(intPart);
  let frac = 0;
  if (fracPart !== '') {
    const ten = fracPart.length <= MONEY_DECIMALS ? fracPart.padEnd(MONEY_DECIMALS, '0') : fracPart.slice(0, 10);
    frac = Number(ten);
    if (fracPart.length > MONEY_DECIMALS && fracPart.charCodeAt(MONEY_DECIMALS) >= 53 /* '5' */) frac += 1;
  }
  return sign * (whole * UNITS_PER_CURRENCY + frac);
}

/** A float amount (Parquet DOUBLE columns) as units: the nearest unit. */
export function fromNumber(value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const units = Math.round(Math.abs(value) * UNITS_PER_CURRENCY);
  return value < 0 ? -units : units;
}

/** Units times a factor (a percent rule), rounded half away from zero to the unit. */
export function scaleUnits(units: number, factor: number): number {
  const scaled = units * factor;
  return scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
}

/**
 * Exact accumulators, many at once (one per aggregate cell): a float64 partial sum per cell,
 * moved into a bigint before it could lose a unit. Adding is one float add and two compares.
 */
export class MoneySums {
  private lo: Float64Array;
  private hi: bigint[] = [];

  constructor(capacity = 64) {
    this.lo = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.lo.length;
  }

  /** Makes room for cells 0 .. size-1 (new cells are 0). */
  ensure(size: number): void {
    if (size <= this.lo.length) return;
    let next = this.lo.length * 2;
    while (next < size) next *= 2;
    const grown = new Float64Array(next);
    grown.set(this.lo);
    this.lo = grown;
  }

  add(cell: number, units: number): void {
    if (units > FLUSH || units < -FLUSH) {
      this.addBig(cell, BigInt(units));
      return;
    }
    const v = this.lo[cell]! + units;
    if (v > FLUSH || v < -FLUSH) {
      this.lo[cell] = 0;
      this.addBig(cell, BigInt(v));
    } else this.lo[cell] = v;
  }

  /** For hot loops: the partial sums array (valid until the next `ensure`) and the flush bound. */
  raw(): Float64Array {
    return this.lo;
  }

  /** Moves an over-large partial sum of `raw()` into the bigint: call when |lo[cell]| > 2^52. */
  spill(cell: number): void {
    const v = this.lo[cell]!;
    this.lo[cell] = 0;
    this.addBig(cell, BigInt(v));
  }

  addBig(cell: number, units: bigint): void {
    this.hi[cell] = (this.hi[cell] ?? 0n) + units;
  }

  get(cell: number): Money {
    return (this.hi[cell] ?? 0n) + BigInt(this.lo[cell] ?? 0);
  }
}

/** The hot-loop bound of `MoneySums.raw()`: spill a cell once its magnitude passes it. */
export const SPILL_AT = FLUSH;

/** "1234.56": money rounded half away from zero to `decimals` places (2 by default). */
export function formatMoney(money: Money, decimals = 2): string {
  const negative = money < 0n;
  let abs = negative ? -money : money;
  const drop = MONEY_DECIMALS - decimals;
  if (drop > 0) {
    const div = 10n ** BigInt(drop);
    abs = (abs + div / 2n) / div;
  }
  const digits = abs.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** Money with every unit: "0.0000000001". */
export const formatMoneyExact = (money: Money): string => formatMoney(money, MONEY_DECIMALS);

/**
 * Money from a decimal string ("12.5", "1.81E-8", "0.00000080000"), exactly in bigint arithmetic,
 * rounded half away from zero to the unit: for tests and ledgers, independent of `parseUnits`.
 */
export function moneyOf(text: string): Money {
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`moneyOf: not a decimal: ${text}`);
  const digits = `${m[2]}${m[3] ?? ''}`;
  // value = digits × 10^(exponent − fraction digits); in units, × 10^10 more.
  const shift = Number(m[4] ?? 0) - (m[3] ?? '').length + MONEY_DECIMALS;
  let units: bigint;
  if (shift >= 0) units = BigInt(digits) * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    units = (BigInt(digits) + div / 2n) / div;
  }
  return m[1] === '-' ? -units : units;
}
