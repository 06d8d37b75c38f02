/**
 * The findings of a validation, grouped by sheet and, within a sheet, by code (what they are
 * about), each group with its count. A group's findings are a list that renders only the rows in
 * view (useVirtualRows), so 50,000 findings put a few dozen items in the pane; each item says its
 * place ("3 of 50,000", aria-posinset and aria-setsize), and the keyboard moves through all of
 * them (arrows, Page Up and Down, Home, End; one row is the list's tab stop). Each finding with a
 * cell has a button that selects the cell in Excel (Enter on the row does the same); a finding
 * about a whole sheet has none. A finding with a certain fix has a Fix button. Subsets missing
 * from Subset Workflows are summed up by name, with the bulk fix that adds them.
 */
import { Button, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Finding, FindingCode } from '../core/findings';
import { StatusIcon } from './icons';
import { useViewStyles } from './styles';
import { cellName, count, list } from './text';
import { useVirtualRows } from './useVirtualRows';

/** A findings list's scroll box (px), a row's height until measured, and rows rendered beyond the view. */
export const LIST_HEIGHT_PX = 480;
export const ROW_ESTIMATE_PX = 96;
export const OVERSCAN_ROWS = 4;
const ROW_GAP_PX = 8;

const useStyles = makeStyles({
  finding: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorder2 },
  warning: { borderLeftColor: tokens.colorStatusWarningBorder2 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  message: { margin: 0 },
  fix: { alignSelf: 'flex-start' },
  counts: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  scroller: { maxHeight: `${LIST_HEIGHT_PX}px`, overflowY: 'auto', overscrollBehavior: 'contain' },
  rows: { margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    marginBottom: `${ROW_GAP_PX}px`,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** What a row of a virtualized list adds to a finding: its place, its tab stop, its height. */
export interface RowProps {
  readonly index: number;
  readonly setSize: number;
  /** The row is the list's tab stop: it and its buttons are in the tab order. */
  readonly current: boolean;
  readonly measure: (index: number, el: HTMLElement | null) => void;
  readonly onFocus: (index: number) => void;
}

export const severityLabel = (f: Pick<Finding, 'severity'>): string => (f.severity === 'error' ? 'Error' : 'Warning');

/** "2 errors, 1 warning" (only the non-zero counts). */
export function severityCounts(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return [errors > 0 && count(errors, 'error'), warnings > 0 && count(warnings, 'warning')]
    .filter((s): s is string => typeof s === 'string')
    .join(', ');
}

/** A finding that a Fix button can correct: it has a cell and a certain fix. */
export type FixableFinding = Finding & { readonly cell: string; readonly fix: NonNullable<Finding['fix']> };

export const isFixable = (f: Finding): f is FixableFinding => f.cell !== null && f.fix !== undefined;

/** What the Fix button of `f` does, for its accessible name. */
export const fixLabel = (f: FixableFinding): string =>
  'value' in f.fix
    ? `Fix ${cellName(f.sheet, f.cell)}: enter ${f.fix.value}`
    : `Fix ${cellName(f.sheet, f.cell)}: unmerge ${f.fix.unmergeFillDown} and fill down`;

const FIX_TITLES: Partial<Record<FindingCode, string>> = {
  'account-id-leading-zeros-lost': 'AWS account IDs that lost their leading zeros',
  'account-id-scientific-notation': 'AWS account IDs in scientific notation',
  'account-id-separators': 'AWS account IDs with spaces or dashes',
  'account-id-stored-as-number': 'AWS account IDs stored as numbers',
  'spot-org-id-separators': 'Spot org IDs with spaces or dashes',
  'spot-org-id-stored-as-number': 'Spot org IDs stored as numbers',
  'merged-cells': 'merged cells',
};

/** A name for the findings of one code: "AWS account IDs that lost their leading zeros". */
export function codeTitle(code: FindingCode): string {
  const words = code.replace(/-/g, ' ');
  return FIX_TITLES[code] ?? `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

export interface FindingActions {
  readonly onSelect: (finding: Finding) => void;
  readonly onFix: (findings: readonly FixableFinding[]) => void;
  /** A fix is running: Fix buttons wait. */
  readonly fixing: boolean;
  /** The text of the cell a finding is about, as validated (for summaries by name). */
  readonly cellTextOf?: (finding: Finding) => string | null;
  /** Adds subsets to Subset Workflows (the bulk fix of subsets named but not listed there). */
  readonly onAddSubsets?: (names: readonly string[]) => void;
}

/** "a, b, c, d, e and 7 more". */
export function someOf(names: readonly string[], shown = 5): string {
  return names.length > shown ? `${names.slice(0, shown).join(', ')} and ${names.length - shown} more` : list(names);
}

/** The distinct names the findings' cells hold, in order, compared as the validator does (trimmed, any case). */
function distinctValues(findings: readonly Finding[], cellTextOf: (f: Finding) => string | null): string[] {
  const seen = new Map<string, string>();
  for (const f of findings) {
    const v = cellTextOf(f)?.trim();
    if (v && !seen.has(v.toLowerCase().replace(/\s+/g, ' '))) seen.set(v.toLowerCase().replace(/\s+/g, ' '), v);
  }
  return [...seen.values()];
}

/** Re-renders only when what it shows changes: scrolling a list by a few rows keeps the others. */
export const FindingItem = memo(
  FindingItemView,
  (a, b) =>
    a.finding === b.finding &&
    a.showCell === b.showCell &&
    a.fixing === b.fixing &&
    a.onSelect === b.onSelect &&
    a.onFix === b.onFix &&
    sameRow(a.row, b.row),
);

const sameRow = (a: RowProps | undefined, b: RowProps | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.index === b.index &&
    a.setSize === b.setSize &&
    a.current === b.current &&
    a.measure === b.measure &&
    a.onFocus === b.onFocus);

function FindingItemView({
  finding,
  onSelect,
  onFix,
  fixing,
  showCell = true,
  row,
}: { finding: Finding; showCell?: boolean; row?: RowProps } & FindingActions) {
  const styles = useStyles();
  const view = useViewStyles();
  const messageId = useId();
  // In a virtualized list, only the current row's buttons are tab stops (the others: arrow keys).
  const tabIndex = row === undefined || row.current ? undefined : -1;
  return (
    <li
      className={mergeClasses(styles.finding, styles[finding.severity], row && styles.row)}
      {...(row && {
        ref: (el: HTMLLIElement | null) => row.measure(row.index, el),
        tabIndex: row.current ? 0 : -1,
        'aria-setsize': row.setSize,
        'aria-posinset': row.index + 1,
        'data-row': row.index,
        onFocus: () => row.onFocus(row.index),
      })}
    >
      <div className={styles.head}>
        <span className={view.labelled}>
          <StatusIcon kind={finding.severity} />
          <Text weight="semibold">{severityLabel(finding)}</Text>
        </span>{' '}
        {showCell &&
          (finding.cell === null ? (
            <Text>Whole sheet</Text>
          ) : (
            <Link
              as="button"
              aria-label={`Go to ${cellName(finding.sheet, finding.cell)}`}
              aria-describedby={messageId}
              tabIndex={tabIndex}
              onClick={() => onSelect(finding)}
            >
              {finding.cell}
            </Link>
          ))}
      </div>
      <Text as="p" id={messageId} className={styles.message}>
        {finding.message}
      </Text>
      {isFixable(finding) && (
        <Button
          size="small"
          className={styles.fix}
          aria-label={fixLabel(finding)}
          disabledFocusable={fixing}
          tabIndex={tabIndex}
          onClick={() => onFix([finding])}
        >
          Fix
        </Button>
      )}
    </li>
  );
}

/** Keys that move through a list's rows: the row they lead to from `at`. */
function rowKey(key: string, at: number, count: number, page: (at: number, pages: number) => number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, at + 1);
    case 'ArrowUp':
      return Math.max(0, at - 1);
    case 'PageDown':
      return Math.max(Math.min(count - 1, at + 1), page(at, 1));
    case 'PageUp':
      return Math.min(Math.max(0, at - 1), page(at, -1));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The findings of one group as a list of which only the rows in view are in the DOM. The rows
 * keep their place for screen readers (aria-posinset of aria-setsize); focus moves with the
 * arrows, Page Up/Down, Home and End from row to row, scrolling the list as it goes.
 */
function FindingRows({
  label,
  findings,
  ...actions
}: { label: string; findings: readonly Finding[] } & FindingActions) {
  const styles = useStyles();
  const rows = useVirtualRows<HTMLDivElement>({
    count: findings.length,
    estimate: ROW_ESTIMATE_PX,
    viewport: LIST_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
    gap: ROW_GAP_PX,
  });
  const [active, setActive] = useState(0);
  // The row to focus once it is rendered (after a key moved to it).
  const pendingFocus = useRef<number | null>(null);
  const current = Math.min(active, findings.length - 1);
  // The tab stop: the current row while rendered, else the first row in view.
  const tabStop = current >= rows.start && current < rows.end ? current : rows.start;
  const list = useRef<HTMLUListElement>(null);

  // The row a key moved to, kept in view until its rows' measured heights settle: `reveal` used
  // offsets that counted unmeasured rows at the estimate, so the row may render off its place.
  const keepInView = useRef<number | null>(null);
  // The focus is in this list (set on focus, cleared when it leaves for elsewhere).
  const hasFocus = useRef(false);
  useLayoutEffect(() => {
    const at = pendingFocus.current;
    const el = at === null ? null : list.current?.querySelector<HTMLElement>(`[data-row="${at}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
    const box = rows.scrollerRef.current;
    // Scrolled (wheel, scroll bar) until the focused row left the DOM: the browser dropped the focus
    // on <body>; the list's box holds it instead, and gives it back to the row once it is rendered.
    if (hasFocus.current && box) {
      const focused = document.activeElement;
      if (focused === null || focused === document.body) box.focus({ preventScroll: true });
      else if (focused === box)
        list.current?.querySelector<HTMLElement>(`[data-row="${current}"]`)?.focus({ preventScroll: true });
    }
    const kept = keepInView.current;
    const row = kept === null ? null : list.current?.querySelector<HTMLElement>(`[data-row="${kept}"]`);
    if (!row || !box) return;
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.top < b.top - 1) box.scrollTop += r.top - b.top;
    else if (r.bottom > b.bottom + 1) box.scrollTop += Math.min(r.top - b.top, r.bottom - b.bottom);
    else keepInView.current = null; // in view: settled
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const from = Number(target.closest('[data-row]')?.getAttribute('data-row') ?? current);
    const isRow = target.hasAttribute('data-row');
    if (isRow && (event.key === 'Enter' || event.key === ' ')) {
      const f = findings[from];
      if (f && f.cell !== null) {
        event.preventDefault();
        actions.onSelect(f);
      }
      return;
    }
    const to = rowKey(event.key, from, findings.length, rows.pageFrom);
    if (to === null) return;
    event.preventDefault();
    setActive(to);
    rows.reveal(to);
    pendingFocus.current = to;
    keepInView.current = to;
    const el = list.current?.querySelector<HTMLElement>(`[data-row="${to}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  };

  return (
    <div
      ref={rows.scrollerRef}
      className={styles.scroller}
      tabIndex={-1}
      onScroll={rows.onScroll}
      onKeyDown={onKeyDown}
      onFocus={() => (hasFocus.current = true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) hasFocus.current = false;
      }}
    >
      <ul
        ref={list}
        aria-label={label}
        className={styles.rows}
        style={{ paddingTop: rows.padTop, paddingBottom: rows.padBottom }}
      >
        {findings.slice(rows.start, rows.end).map((f, k) => {
          const index = rows.start + k;
          return (
            <FindingItem
              key={index}
              finding={f}
              {...actions}
              row={{
                index,
                setSize: findings.length,
                current: index === tabStop,
                measure: rows.measure,
                onFocus: setActive,
              }}
            />
          );
        })}
      </ul>
    </div>
  );
}

/** The findings of one code on one sheet: a count, a summary where one helps, and the findings. */
function CodeGroup({
  sheet,
  code,
  findings,
  ...actions
}: { sheet: string; code: FindingCode; findings: readonly Finding[] } & FindingActions) {
  const styles = useStyles();
  const view = useViewStyles();
  const headingId = useId();
  const missing =
    code === 'subset-unknown' && actions.cellTextOf !== undefined ? distinctValues(findings, actions.cellTextOf) : [];
  const items = <FindingRows label={`${codeTitle(code)} on ${sheet}`} findings={findings} {...actions} />;
  if (findings.length === 1 && missing.length === 0) return items;
  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Text as="h4" weight="semibold" id={headingId} className={view.heading}>
        {codeTitle(code)} <span className={styles.counts}>({count(findings.length, 'finding')})</span>
      </Text>
      {missing.length > 0 && (
        <Text as="p" className={view.heading}>
          {count(missing.length, 'subset')} of {sheet} {missing.length === 1 ? 'is' : 'are'} not in Subset Workflows:{' '}
          {someOf(missing)}.
        </Text>
      )}
      {missing.length > 0 && actions.onAddSubsets && (
        <Button
          size="small"
          className={styles.fix}
          disabledFocusable={actions.fixing}
          onClick={() => actions.onAddSubsets?.(missing)}
        >
          Add {missing.length === 1 ? `"${missing[0]}"` : `the ${missing.length} missing subsets`} to Subset Workflows…
        </Button>
      )}
      {items}
    </section>
  );
}

function SheetGroup({ sheet, findings, ...actions }: { sheet: string; findings: readonly Finding[] } & FindingActions) {
  const styles = useStyles();
  const view = useViewStyles();
  const headingId = useId();
  const groups = useMemo(() => groupByCode(findings), [findings]);
  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={view.heading}>
        {sheet} <span className={styles.counts}>({severityCounts(findings)})</span>
      </Text>
      {groups.map((g) => (
        <CodeGroup key={g.code} sheet={sheet} code={g.code} findings={g.findings} {...actions} />
      ))}
    </section>
  );
}

/** Findings by `key`, in the order the keys first come, each group in the order its findings come. */
function groupBy<K>(findings: readonly Finding[], key: (f: Finding) => K): [K, Finding[]][] {
  const groups = new Map<K, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    const group = groups.get(k);
    if (group) group.push(f);
    else groups.set(k, [f]);
  }
  return [...groups];
}

/** Findings by code, errors' codes first, each in the order they come (sheet order: row, column). */
export function groupByCode(findings: readonly Finding[]): { code: FindingCode; findings: Finding[] }[] {
  const rank = (fs: readonly Finding[]): number => (fs[0]!.severity === 'error' ? 0 : 1);
  return groupBy(findings, (f) => f.code)
    .map(([code, items]) => ({ code, findings: items }))
    .sort((a, b) => rank(a.findings) - rank(b.findings));
}

/** Findings by sheet, in the order they come (the validator sorts them by sheet, row, column). */
export function groupBySheet(findings: readonly Finding[]): { sheet: string; findings: Finding[] }[] {
  return groupBy(findings, (f) => f.sheet).map(([sheet, items]) => ({ sheet, findings: items }));
}

export function FindingsList({ findings, ...actions }: { findings: readonly Finding[] } & FindingActions) {
  const view = useViewStyles();
  return (
    <div className={view.section}>
      {groupBySheet(findings).map((g) => (
        <SheetGroup key={g.sheet} sheet={g.sheet} findings={g.findings} {...actions} />
      ))}
    </div>
  );
}
