/**
 * "Validate": the findings of the enrollment sheets, grouped by sheet, with an error/warning
 * summary announced to screen readers. Selecting a finding selects its cell in Excel; the finding
 * at the cell selected in Excel is shown on its own; certain fixes are one click, per finding or
 * for all findings of a kind. The host marks the cells; edits re-validate by themselves.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Finding } from '../core/findings';
import type { FixOutcome } from '../excel/fixes';
import type { InPlaceResult } from '../excel/in-place';
import { ErrorBar } from './ErrorBar';
import {
  FindingItem,
  FindingsList,
  codeTitle,
  isFixable,
  someOf,
  type FindingActions,
  type FixableFinding,
} from './FindingsList';
import { useHost } from './HostContext';
import { StatusIcon } from './icons';
import { useViewStyles } from './styles';
import { Notice } from './Notice';
import { cellName, count, list } from './text';
import { rowsText } from './workflows/rows-text';
import { useAction } from './useAction';
import { useHostSubscription, type Subscribe } from './useHostSubscription';
import type { Validation } from './useValidation';

const useStyles = makeStyles({
  summary: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  quickFix: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface FixResult {
  readonly finding: FixableFinding;
  readonly outcome: FixOutcome | undefined;
}

/** "3 errors, 2 warnings" with their icons, or "No problems found". */
function Summary({ findings }: { findings: readonly Finding[] }) {
  const styles = useStyles();
  const view = useViewStyles();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) {
    return (
      <span className={view.labelled}>
        <StatusIcon kind="success" />
        <Text weight="semibold">No problems found.</Text>
      </span>
    );
  }
  return (
    <span className={styles.summary}>
      <span className={view.labelled}>
        <StatusIcon kind={errors > 0 ? 'error' : 'success'} />
        <Text weight="semibold">{errors > 0 ? `${count(errors, 'error')},` : 'No errors,'}</Text>
      </span>{' '}
      <span className={view.labelled}>
        {warnings > 0 && <StatusIcon kind="warning" />}
        <Text weight="semibold">{warnings > 0 ? `${count(warnings, 'warning')}.` : 'no warnings.'}</Text>
      </span>{' '}
      <Text>
        {errors > 0
          ? 'Errors must be fixed before submitting; warnings need not.'
          : 'Warnings do not block submitting.'}
      </Text>
    </span>
  );
}

/** What the host could not mark in the workbook: findings on protected sheets, and those past its limit. */
function MarkNotes({ result }: { result: InPlaceResult }) {
  const view = useViewStyles();
  const protectedSheets = result.sheets.filter((s) => s.protected).map((s) => s.name);
  const withFindings = new Set(result.result.findings.map((f) => f.sheet));
  const unmarkedSheets = protectedSheets.filter((s) => withFindings.has(s));
  const notes = [
    unmarkedSheets.length > 0 &&
      `${list(unmarkedSheets)} ${unmarkedSheets.length === 1 ? 'is' : 'are'} protected: its findings are listed here but not marked in the workbook.`,
    result.marking === true && 'Marking the cells in the workbook…',
    // One line per sheet whose marks failed (issue 9, item 2): its findings are listed all the same.
    ...(result.markProblems ?? []).map(
      (p) => `Could not mark the cells of ${p.sheet} (${p.message}): its findings are listed here.`,
    ),
    result.unmarked > 0 &&
      result.marking !== true &&
      (result.markProblems ?? []).length === 0 &&
      `${count(result.unmarked, 'more cell')} with findings ${result.unmarked === 1 ? 'is' : 'are'} listed here but not marked in the workbook (the first ${result.marked.toLocaleString('en-US')} are).`,
  ].filter((n): n is string => typeof n === 'string');
  if (notes.length === 0) return null;
  return (
    <ul className={view.bullets}>
      {notes.map((n) => (
        <li key={n}>
          <Text>{n}</Text>
        </li>
      ))}
    </ul>
  );
}

function FixReport({ results }: { results: readonly FixResult[] }) {
  const names = (outcome: FixOutcome | undefined): string[] =>
    results.filter((r) => r.outcome === outcome).map((r) => cellName(r.finding.sheet, r.finding.cell));
  const applied = names('applied');
  const changed = names('changed');
  const locked = names('protected');
  const all = applied.length === results.length;
  return (
    <MessageBarBody>
      <MessageBarTitle>
        {all ? `Fixed ${count(applied.length, 'cell')}` : `Fixed ${applied.length} of ${count(results.length, 'cell')}`}
      </MessageBarTitle>
      {applied.length > 0 && `${list(applied)}: done. `}
      {changed.length > 0 &&
        `${list(changed)} changed since ${changed.length === 1 ? 'it was' : 'they were'} validated, so ${changed.length === 1 ? 'it was' : 'they were'} left as ${changed.length === 1 ? 'it is' : 'they are'}; the findings below are from validating again. `}
      {locked.length > 0 &&
        `${list(locked)} ${locked.length === 1 ? 'is' : 'are'} on a protected sheet and ${locked.length === 1 ? 'was' : 'were'} left as ${locked.length === 1 ? 'it is' : 'they are'}.`}
    </MessageBarBody>
  );
}

/** What a bulk fix will change, before it changes anything: every cell and its new value (the first 20 listed). */
function FixPreview({
  fixes,
  onApply,
  onCancel,
}: {
  fixes: readonly FixableFinding[];
  onApply: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const view = useViewStyles();
  const SHOWN = 20;
  return (
    <section className={styles.card} aria-label="Before fixing">
      <Text>This enters the value shown in each of these {count(fixes.length, 'cell')}, and changes nothing else:</Text>
      <ul className={view.bullets}>
        {fixes.slice(0, SHOWN).map((f) => (
          <li key={`${f.sheet}!${f.cell}`}>
            <Text>
              {cellName(f.sheet, f.cell)}:{' '}
              {'value' in f.fix ? f.fix.value : `unmerge ${f.fix.unmergeFillDown} and fill down`}
            </Text>
          </li>
        ))}
      </ul>
      {fixes.length > SHOWN && <Text>And {count(fixes.length - SHOWN, 'more cell')}.</Text>}
      <div className={view.actions}>
        <Button appearance="primary" size="small" onClick={onApply}>
          Apply {count(fixes.length, 'fix', 'fixes')}
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

/** One "Fix all N" per kind of finding that has certain fixes (two or more; one has its own Fix); each shows what it changes first. */
function QuickFixes({ findings, onFix, fixing }: { findings: readonly Finding[] } & Omit<FindingActions, 'onSelect'>) {
  const styles = useStyles();
  const view = useViewStyles();
  const headingId = useId();
  const [previewed, setPreviewed] = useState<Finding['code'] | null>(null);
  const byCode = new Map<Finding['code'], FixableFinding[]>();
  for (const f of findings.filter(isFixable)) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  const kinds = [...byCode].filter(([, fs]) => fs.length > 1);
  if (kinds.length === 0) return null;
  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={view.heading}>
        Quick fixes
      </Text>
      <ul className={view.items}>
        {kinds.map(([code, fs]) => (
          <li key={code} className={styles.quickFix}>
            <Button
              size="small"
              aria-label={`Fix all ${fs.length}: ${codeTitle(code)}`}
              aria-expanded={previewed === code}
              disabledFocusable={fixing}
              onClick={() => setPreviewed(previewed === code ? null : code)}
            >
              Fix all {fs.length}
            </Button>
            <Text>{codeTitle(code)}</Text>
            {previewed === code && (
              <FixPreview
                fixes={fs}
                onCancel={() => setPreviewed(null)}
                onApply={() => {
                  setPreviewed(null);
                  onFix(fs);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ValidateView({ validation, active }: { validation: Validation; active: boolean }) {
  const host = useHost();
  const styles = useStyles();
  const view = useViewStyles();
  const headingId = useId();
  const { result, validateNow } = validation;
  const findings = useMemo(() => result?.result.findings ?? [], [result]);

  // The finding at the cell selected in Excel, while this view is shown and there are results.
  const [selected, setSelected] = useState<{ sheet: string; cell: string } | null>(null);
  const hasResult = result !== null;
  const subscribeSelection = useMemo<Subscribe | null>(
    () => (active && hasResult ? () => host.onSelect((sheet, cell) => setSelected({ sheet, cell })) : null),
    [host, active, hasResult],
  );
  const selectionFailure = useHostSubscription(subscribeSelection);
  // Away from this view the selection is not followed: forget it rather than show an old one.
  useEffect(() => {
    if (!active) setSelected(null);
  }, [active]);
  const atSelection = selected
    ? findings.filter((f) => f.cell === selected.cell && f.sheet.toLowerCase() === selected.sheet.toLowerCase())
    : [];

  const select = useAction(useCallback((f: Finding) => host.select(f), [host]));

  const fix = useAction(
    useCallback(
      async (targets: readonly FixableFinding[]): Promise<FixResult[]> => {
        const outcomes = await host.applyFixes(
          targets.map((f) => ({ sheet: f.sheet, cell: f.cell, judged: result?.cellOf(f), fix: f.fix })),
        );
        await validateNow();
        return targets.map((finding, i) => ({ finding, outcome: outcomes[i] }));
      },
      [host, result, validateNow],
    ),
  );
  // The Fix button pressed may be gone with its finding: focus the report of what was fixed.
  const fixReport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (fix.state.status === 'done') fixReport.current?.focus();
  }, [fix.state]);

  // The bulk fix of subsets named but missing from Subset Workflows: confirmed first, then added.
  const [adding, setAdding] = useState<readonly string[] | null>(null);
  const add = useAction(
    useCallback(
      async (names: readonly string[]) => {
        const r = await host.addSubsets(names);
        await validateNow();
        return r;
      },
      [host, validateNow],
    ),
  );
  const cellTextOf = useCallback(
    (f: Finding): string | null => {
      // Names are text cells; not the core's cellText, which would bring zod into this chunk.
      const c = result?.cellOf(f);
      return c?.type === 'text' ? c.value : null;
    },
    [result],
  );

  const actions: FindingActions = {
    onSelect: (f) => void select.run(f),
    onFix: (fs) => void fix.run(fs),
    fixing: fix.busy || add.busy,
    cellTextOf,
    onAddSubsets: (names) => setAdding(names),
  };
  const added = add.state.status === 'done' ? add.state.value : null;
  const fixResults = fix.state.status === 'done' ? fix.state.value : null;

  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={view.heading}>
        Validation
      </Subtitle2>
      <Text as="p" className={view.heading}>
        Checks the enrollment sheets and marks the cells that need attention.
        {validation.auto
          ? ' It checks again by itself as you edit.'
          : ' After the first check, it checks again as you edit.'}
      </Text>
      <div className={view.actions}>
        <Button appearance="primary" disabledFocusable={validation.running} onClick={() => void validateNow()}>
          Validate
        </Button>
        {validation.running ? (
          <Spinner size="tiny" label="Validating…" />
        ) : (
          validation.pending && <Spinner size="tiny" label="Edits seen: validating again shortly…" />
        )}
      </div>
      {validation.failure && <ErrorBar title="Validation failed" error={validation.failure.error} />}
      {validation.editsFailure && (
        <ErrorBar
          title="Not re-validating as you edit: select Validate after editing"
          error={validation.editsFailure.error}
        />
      )}
      {selectionFailure && (
        <ErrorBar title="The selected cell's finding cannot be shown" error={selectionFailure.error} />
      )}
      {select.state.status === 'failed' && <ErrorBar title="Could not select the cell" error={select.state.error} />}
      {fix.state.status === 'failed' && <ErrorBar title="Fix failed" error={fix.state.error} />}

      <div role="status" aria-live="polite" aria-atomic="true">
        {result && <Summary findings={findings} />}
      </div>
      {result && <MarkNotes result={result} />}

      {/* Polite: a screen reader moving through the sheet hears the finding of the cell it lands on. */}
      <div aria-live="polite">
        {selected && atSelection.length > 0 && (
          <section className={styles.card} aria-label={`Selected cell ${cellName(selected.sheet, selected.cell)}`}>
            <Text as="h3" weight="semibold" className={view.heading}>
              At {cellName(selected.sheet, selected.cell)}
            </Text>
            <ul className={view.items}>
              {atSelection.map((f, i) => (
                <FindingItem key={`${f.code}|${i}`} finding={f} showCell={false} {...actions} />
              ))}
            </ul>
          </section>
        )}
      </div>

      {fixResults && (
        <div ref={fixReport} tabIndex={-1} aria-label="Fix outcome" role="region">
          <MessageBar
            intent={fixResults.every((r) => r.outcome === 'applied') ? 'success' : 'warning'}
            layout="multiline"
          >
            <FixReport results={fixResults} />
          </MessageBar>
        </div>
      )}
      {add.state.status === 'failed' && <ErrorBar title="Could not add the subsets" error={add.state.error} />}
      {added && (
        <Notice
          text={
            added.rows.length === 0
              ? `No subset added: ${list(added.skipped.map((n) => `"${n}"`))} ${added.skipped.length === 1 ? 'is' : 'are'} already in ${added.sheet}.`
              : `Added ${count(added.rows.length, 'subset')} to ${added.sheet} (${rowsText(added.rows)}). Choose each one's billing workflow there, in the Billing Workflow Name column.`
          }
        />
      )}
      {adding !== null && (
        <section className={styles.card} aria-label="Before adding subsets">
          <Text>
            This adds {count(adding.length, 'row')} to Subset Workflows, below its last row, one per subset:{' '}
            {someOf(adding)}. Their Billing Workflow Name is left empty for you to choose from the list; nothing else
            changes.
          </Text>
          <div className={view.actions}>
            <Button
              appearance="primary"
              size="small"
              onClick={() => {
                const names = adding;
                setAdding(null);
                void add.run(names);
              }}
            >
              Add {count(adding.length, 'subset')}
            </Button>
            <Button size="small" onClick={() => setAdding(null)}>
              Cancel
            </Button>
          </div>
        </section>
      )}
      {result && <QuickFixes findings={findings} onFix={actions.onFix} fixing={actions.fixing} />}
      {result && <FindingsList findings={findings} {...actions} />}
    </section>
  );
}
