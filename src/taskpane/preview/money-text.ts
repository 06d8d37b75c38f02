/** Money as the Preview tab shows it: cents, thousands grouped, the sign spelled as a minus. */
import { formatMoney, type Money } from '../../core/preview/money';
import type { Stages } from '../../core/preview/runner';

/** "1,234.56", "-0.05": rounded half away from zero to the cent, from the exact amount. */
export function money(m: Money): string {
  const text = formatMoney(m);
  const negative = text.startsWith('-');
  const [whole, cents] = (negative ? text.slice(1) : text).split('.') as [string, string];
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** A change: "+12.00", "-3.50", "0.00". */
export const signedMoney = (m: Money): string => (m > 0n ? `+${money(m)}` : money(m));

/** The charge after the last step (the before charge when the workflow has no step). */
export const finalOf = (s: Stages): Money => (s.after.length === 0 ? s.before : s.after[s.after.length - 1]!);
