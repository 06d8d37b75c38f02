/**
 * The rows of a compiled preview query (DuckDB's, or an Athena result CSV) as the engine's
 * `PreviewResult`, so that one report (table, JSON, CSV, HTML) serves every engine.
 */
import type { Enrollment } from '../../enrollment';
import { previewNote, type PreviewNote } from '../../findings';
import { joinList } from '../../rules/english';
import type { Dialect } from '../columns';
import type { Money } from '../money';
import { mappingNotes, rollUpSubsets, type LinePreview, type PreviewResult } from '../runner';
import type { CompiledPreview } from './compile';

/** One row of the query's result. */
export interface SqlResultRow {
  /** other-provider: FOCUS rows of another cloud, `service` its name. */
  readonly kind: 'line' | 'other-month' | 'other-provider';
  readonly month: string | null;
  readonly payer: string | null;
  readonly subset: number | null;
  readonly account: string;
  readonly service: string;
  readonly rows: number;
  /** s0 … s{stages-1}; null past the subset's workflow. */
  readonly sums: readonly (Money | null)[];
  /** tn{i} and tu{i}: the steps' tallies (CompiledPreview's `tallies`); null outside the line groups. */
  readonly tallies: readonly { readonly rows: number | null; readonly units: Money | null }[];
}

export type SqlResultOutcome =
  { readonly ok: true; readonly result: PreviewResult } | { readonly ok: false; readonly note: PreviewNote };

export function resultFromSqlRows(
  enrollment: Enrollment,
  compiled: CompiledPreview,
  dialect: Dialect,
  rows: readonly SqlResultRow[],
  month?: string,
): SqlResultOutcome {
  const lines = rows.filter((r) => r.kind === 'line');
  // Added lines (fees) carry no month or payer: only rows read count.
  const read = lines.filter((r) => r.rows > 0);
  const months = [...new Set(read.map((r) => r.month).filter((m): m is string => m !== null))];
  if (month === undefined && months.length > 1)
    return { ok: false, note: previewNote('cur-months-mixed', { first: months[0]!, second: months[1]! }) };
  const payers = [...new Set(read.map((r) => r.payer).filter((p): p is string => p !== null))];
  if (payers.length > 1)
    return { ok: false, note: previewNote('cur-payers-mixed', { first: payers[0]!, second: payers[1]! }) };
  const otherMonths = rows.filter((r) => r.kind === 'other-month');
  const otherMonth = otherMonths.reduce((n, r) => n + r.rows, 0);
  const otherProviders = rows.filter((r) => r.kind === 'other-provider');
  const otherProvider = otherProviders.reduce((n, r) => n + r.rows, 0);
  const previewed = lines.reduce((n, r) => n + r.rows, 0);
  const notes: PreviewNote[] = [...compiled.notes];
  // The data-dependent notes, from the tallies' totals over the line groups.
  const totals = Array.from({ length: compiled.tallies.count }, (_, i) => ({
    rows: lines.reduce((n, r) => n + (r.tallies[i]?.rows ?? 0), 0),
    units: lines.reduce((u, r) => u + (r.tallies[i]?.units ?? 0n), 0n),
  }));
  for (const step of compiled.tallies.steps) notes.push(...step.notes(totals.slice(step.first)));
  if (month !== undefined && previewed === 0 && otherMonth > 0)
    return {
      ok: false,
      note: previewNote('cur-month-empty', {
        month,
        seen: joinList([...new Set(otherMonths.map((r) => r.month ?? ''))].filter((m) => m !== '').sort()),
      }),
    };

  const bySubset = new Map<number, LinePreview[]>();
  const notEnrolled = new Map<string, Money>();
  const seen = new Set<string>();
  for (const r of lines) {
    if (r.rows > 0) seen.add(r.account);
    if (r.subset === null) {
      notEnrolled.set(r.account, (notEnrolled.get(r.account) ?? 0n) + (r.sums[0] ?? 0n));
      continue;
    }
    const n = compiled.stepsOfSubset[r.subset] ?? 0;
    const after = Array.from({ length: n }, (_, k) => r.sums[k + 1] ?? 0n);
    const list = bySubset.get(r.subset) ?? bySubset.set(r.subset, []).get(r.subset)!;
    list.push({ accountId: r.account, service: r.service, before: r.sums[0] ?? 0n, after });
  }
  const rolled = rollUpSubsets(enrollment, bySubset, (i) => compiled.stepsOfSubset[i] ?? 0, notEnrolled);
  const payer = payers[0] ?? null;
  const mapping = mappingNotes(enrollment, payer, notEnrolled, seen);
  const accountsNotInCur = mapping.accountsNotInCur;
  notes.push(...mapping.notes);
  const theMonth = month ?? months[0] ?? null;
  if (otherMonth > 0) notes.push(previewNote('rows-other-month', { rows: otherMonth, month: theMonth ?? '' }));
  if (otherProvider > 0)
    notes.push(
      previewNote('rows-other-provider', {
        rows: otherProvider,
        providers: joinList([...new Set(otherProviders.map((r) => r.service))].sort()),
      }),
    );
  return {
    ok: true,
    result: {
      dialect,
      month: theMonth === '' ? null : theMonth,
      payer: payer === '' ? null : payer,
      rows: { read: previewed + otherMonth + otherProvider, previewed, otherMonth, otherProvider },
      workflows: compiled.workflows,
      ...rolled,
      accountsNotInCur,
      notes,
    },
  };
}
