/**
 * The findings of a validation, grouped by sheet with their counts. Each finding with a cell has a
 * button that selects the cell in Excel; a finding about a whole sheet has none. A finding with a
 * certain fix has a Fix button.
 */
import { Button, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Finding, FindingCode } from '../core/findings';
import { StatusIcon } from './icons';
import { useViewStyles } from './styles';
import { cellName, count } from './text';

/** Findings shown per sheet before "Show all": a long list stays quick to render and to read. */
export const SHOWN_PER_SHEET = 100;

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
});

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
}

export function FindingItem({
  finding,
  onSelect,
  onFix,
  fixing,
  showCell = true,
}: { finding: Finding; showCell?: boolean } & FindingActions) {
  const styles = useStyles();
  const view = useViewStyles();
  const messageId = useId();
  return (
    <li className={mergeClasses(styles.finding, styles[finding.severity])}>
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
          onClick={() => onFix([finding])}
        >
          Fix
        </Button>
      )}
    </li>
  );
}

function SheetGroup({ sheet, findings, ...actions }: { sheet: string; findings: readonly Finding[] } & FindingActions) {
  const styles = useStyles();
  const view = useViewStyles();
  const headingId = useId();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? findings : findings.slice(0, SHOWN_PER_SHEET);
  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={view.heading}>
        {sheet} <span className={styles.counts}>({severityCounts(findings)})</span>
      </Text>
      <ul className={view.items}>
        {shown.map((f, i) => (
          <FindingItem key={`${f.cell ?? ''}|${f.code}|${i}`} finding={f} {...actions} />
        ))}
      </ul>
      {shown.length < findings.length && (
        <Button appearance="secondary" className={styles.fix} onClick={() => setShowAll(true)}>
          Show all {count(findings.length, 'finding')} on {sheet}
        </Button>
      )}
    </section>
  );
}

/** Findings by sheet, in the order they come (the validator sorts them by sheet, row, column). */
export function groupBySheet(findings: readonly Finding[]): { sheet: string; findings: Finding[] }[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.sheet);
    if (group) group.push(f);
    else groups.set(f.sheet, [f]);
  }
  return [...groups].map(([sheet, items]) => ({ sheet, findings: items }));
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
