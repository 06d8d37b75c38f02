/**
 * The rows of a compiled preview query (DuckDB's, or an Athena result CSV) as the engine's
 * `PreviewResult`, so that one report (table, JSON, CSV, HTML) serves every engine.
 */
import type { Enrollment } from '../../enrollment';
import { previewNote, type PreviewNote } from '../../findings';
import { nameKey } from '../../ids';
import { joinList } from '../../rules/english';
import type { Dialect } from '../columns';
import type { Money } from '../money';
import { mappingNotes, type LinePreview, type PreviewResult, type Stages, type SubsetPreview } from '../runner';
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

  const accountName = new Map((enrollment.accounts ?? []).map((a) => [a.accountId as string, a.name]));
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
  const endCustomers = new Map((enrollment.endCustomers ?? []).map((e) => [nameKey(e.subset), e]));
  const subsets: SubsetPreview[] = [];
  let totalBefore = 0n;
  let totalFinal = 0n;
  enrollment.subsets.forEach((s, i) => {
    const n = compiled.stepsOfSubset[i] ?? 0;
    const list = (bySubset.get(i) ?? []).sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.service.localeCompare(b.service),
    );
    const sum = (items: readonly Stages[]): Stages => {
      const after: Money[] = Array.from({ length: n }, () => 0n);
      let before = 0n;
      for (const item of items) {
        before += item.before;
        item.after.forEach((v, k) => (after[k] = after[k]! + v));
      }
      return { before, after };
    };
    const rollUp = (key: (l: LinePreview) => string): [string, Stages][] => {
      const parts = new Map<string, LinePreview[]>();
      for (const l of list) (parts.get(key(l)) ?? parts.set(key(l), []).get(key(l))!).push(l);
      return [...parts].map(([k, ls]) => [k, sum(ls)]);
    };
    const stages = sum(list);
    const final = stages.after.length === 0 ? stages.before : stages.after[stages.after.length - 1]!;
    const ec = endCustomers.get(nameKey(s.name));
    totalBefore += stages.before;
    totalFinal += final;
    subsets.push({
      subset: s.name,
      workflow: s.workflow,
      endCustomer: ec === undefined ? null : { consoleEmail: ec.consoleEmail, spotOrgId: ec.spotOrgId },
      ...stages,
      final,
      difference: final - stages.before,
      accounts: rollUp((l) => l.accountId).map(([accountId, st]) => ({
        accountId,
        name: accountName.get(accountId) ?? '',
        ...st,
      })),
      services: rollUp((l) => l.service).map(([service, st]) => ({ service, ...st })),
      lines: list,
    });
  });
  let notEnrolledTotal = 0n;
  for (const v of notEnrolled.values()) notEnrolledTotal += v;
  totalBefore += notEnrolledTotal;
  totalFinal += notEnrolledTotal;
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
      subsets,
      notEnrolled: {
        before: notEnrolledTotal,
        accounts: [...notEnrolled]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([accountId, before]) => ({ accountId, before })),
      },
      accountsNotInCur,
      total: { before: totalBefore, final: totalFinal },
      notes,
    },
  };
}
