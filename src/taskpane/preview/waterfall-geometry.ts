/**
 * The bars of a waterfall: the "before" total from zero, one floating bar per step from the
 * charge before it to the charge after it, the final total from zero. Pure, so it is tested
 * without a DOM. Coordinates are in a viewBox of `width` x `height`.
 */
import type { Money } from '../../core/preview/money';

export type BarKind = 'total' | 'up' | 'down' | 'none';

export interface Bar {
  readonly kind: BarKind;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The change (a step) or the total (before, final). */
  readonly amount: Money;
}

export interface WaterfallLayout {
  readonly bars: readonly Bar[];
  /** Where zero is, for the axis line. */
  readonly zeroY: number;
  readonly width: number;
  readonly height: number;
}

export const SLOT = 48;
export const PLOT_TOP = 8;
export const PLOT_HEIGHT = 120;

/** `stages`: before, then after each step. Money is scaled by its cents (a plot needs no more). */
export function waterfallLayout(stages: readonly Money[]): WaterfallLayout {
  if (stages.length === 0) throw new Error('waterfallLayout: no stages');
  const cents = (m: Money): number => Number(m / 100_000_000n);
  const values = stages.map(cents);
  const final = values[values.length - 1]!;
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const y = (v: number): number => PLOT_TOP + ((max - v) / span) * PLOT_HEIGHT;
  const bar = (i: number, from: number, to: number, kind: BarKind, amount: Money): Bar => {
    const top = y(Math.max(from, to));
    // A step that changes nothing still gets a hairline, so the slot is visibly "no change".
    return {
      kind,
      x: i * SLOT + 6,
      y: top,
      width: SLOT - 12,
      height: Math.max(1, y(Math.min(from, to)) - top),
      amount,
    };
  };
  const bars: Bar[] = [bar(0, 0, values[0]!, 'total', stages[0]!)];
  for (let i = 1; i < stages.length; i++) {
    const change = stages[i]! - stages[i - 1]!;
    bars.push(bar(i, values[i - 1]!, values[i]!, change > 0n ? 'up' : change < 0n ? 'down' : 'none', change));
  }
  bars.push(bar(stages.length, 0, final, 'total', stages[stages.length - 1]!));
  return { bars, zeroY: y(0), width: SLOT * (stages.length + 1), height: PLOT_TOP * 2 + PLOT_HEIGHT };
}
