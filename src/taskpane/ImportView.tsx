/**
 * "Import accounts": an AWS Organizations export (the JSON of `aws organizations list-accounts` or
 * the console's CSV), from a file or pasted, appended to the Accounts sheet by the host. Shows
 * what was added and from which row, what was already listed or repeated, and which IDs were
 * restored or could not be read.
 */
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import {
  isLeaving,
  parseOrgExport,
  type MergePlan,
  type OrgAccount,
  type OrgImport,
  type OrgImportProblem,
} from '../core/org-import';
import type { BuildReport } from '../excel/build';
import type { ImportReport } from '../excel/host';
import { ErrorBar } from './ErrorBar';
import { useHost } from './HostContext';
import { StatusIcon } from './icons';
import { useViewStyles } from './styles';
import { count, list } from './text';
import { describeError } from './errors';
import { useAction } from './useAction';

const useStyles = makeStyles({
  file: {
    maxWidth: '100%',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    '::file-selector-button': {
      marginRight: tokens.spacingHorizontalS,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
      borderRadius: tokens.borderRadiusMedium,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      fontFamily: tokens.fontFamilyBase,
      fontWeight: tokens.fontWeightSemibold,
      cursor: 'pointer',
    },
  },
  problem: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  progress: { flexGrow: 1, minWidth: '160px' },
});

/** How many accounts are written so far, while an import runs; null until the writing starts. */
interface Progress {
  readonly written: number;
  readonly total: number;
}

/** The outcome in a few words, for the polite announcement once the import is over. */
function announcement(result: ImportReport['result']): string {
  switch (result.kind) {
    case 'imported':
      return result.plan.add.length > 0 ? `Imported ${count(result.plan.add.length, 'account')}` : 'No new accounts';
    case 'unreadable':
      return 'Nothing imported: no account could be read from the export';
    case 'no-sheet':
      return 'Nothing imported: the workbook has no Accounts sheet';
    case 'no-id-column':
      return 'Nothing imported: the Accounts sheet has no AWS Account ID column';
    case 'protected':
      return 'Nothing imported: the Accounts sheet is protected';
  }
}

type Format = 'json' | 'csv';
/** As the parser decides: JSON starts with a brace or bracket, anything else is read as CSV. */
const JSON_START = /^\ufeff?\s*[{[]/;
const formatOf = (text: string): Format => (JSON_START.test(text) ? 'json' : 'csv');

/**
 * Which account a problem is about: its name and the ID as exported; only an account without a
 * name is placed by its entry (JSON) or line (CSV).
 */
const where = (p: { line: number; value: string; name?: string }, format: Format): string =>
  p.name !== undefined && p.name !== ''
    ? `${p.name} (${p.value.trim() === '' ? 'no ID' : p.value})`
    : format === 'json'
      ? `Entry ${p.line}`
      : `Line ${p.line}`;

/** "Name (ID)", as account pickers and lists show an account. */
export const accountLabel = (a: Pick<OrgAccount, 'id' | 'name'>): string => (a.name ? `${a.name} (${a.id})` : a.id);

/** The first few IDs, then how many more. */
function ids(accounts: readonly OrgAccount[], shown = 5): string {
  const first = accounts.slice(0, shown).map(accountLabel);
  return accounts.length > shown ? `${first.join(', ')} and ${accounts.length - shown} more` : list(first);
}

interface ImportRun {
  readonly report: ImportReport;
  readonly format: Format;
  /** The build that ran first, when the user asked for it. */
  readonly built: BuildReport | null;
}

const MAX_PROBLEMS = 50;

function ProblemList({ problems, format }: { problems: readonly OrgImportProblem[]; format: Format }) {
  const styles = useViewStyles();
  const ownStyles = useStyles();
  const headingId = useId();
  if (problems.length === 0) return null;
  const describe = (p: OrgImportProblem): { label: string; text: string; kind: 'warning' | 'error' } => {
    switch (p.kind) {
      case 'padded-id':
        return {
          kind: 'warning',
          label: 'Restored',
          text: `${where(p, format)}: ${p.value} had lost its leading zeros; imported as ${p.id}.`,
        };
      case 'separators-removed':
        return {
          kind: 'warning',
          label: 'Normalised',
          text: `${where(p, format)}: spaces or dashes removed; imported as ${p.id}.`,
        };
      case 'bad-id':
        return {
          kind: 'error',
          label: 'Unreadable',
          text:
            p.value.trim() === ''
              ? `${where(p, format)}: the account ID is empty; not imported.`
              : `${where(p, format)}: "${p.value}" is not an AWS account ID; not imported.`,
        };
      case 'not-recognised':
        return { kind: 'error', label: 'Not recognised', text: `The export was not recognised: ${p.detail}.` };
    }
  };
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={styles.heading}>
        In the export: {count(problems.length, 'problem')}
      </Text>
      <ul className={styles.items}>
        {problems.slice(0, MAX_PROBLEMS).map((p, i) => {
          const d = describe(p);
          return (
            <li key={i} className={ownStyles.problem}>
              <StatusIcon kind={d.kind} />
              <Text>
                <Text weight="semibold">{d.label}</Text> {d.text}
              </Text>
            </li>
          );
        })}
      </ul>
      {problems.length > MAX_PROBLEMS && <Text>And {count(problems.length - MAX_PROBLEMS, 'more problem')}.</Text>}
    </section>
  );
}

function OutcomeBar({
  result,
  busy,
  onBuildThenImport,
}: {
  result: ImportReport['result'];
  busy: boolean;
  onBuildThenImport: () => void;
}) {
  switch (result.kind) {
    case 'imported': {
      const added = result.plan.add.length;
      const first = result.firstRow + 1; // the host counts rows from 0
      return added > 0 ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Imported {count(added, 'account')}</MessageBarTitle>
            {added === 1
              ? `Added to the Accounts sheet in row ${first}.`
              : `Added to the Accounts sheet from row ${first} (rows ${first} to ${first + added - 1}).`}{' '}
            The rows already there were kept as they are.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No new accounts</MessageBarTitle>
            Every account that could be read is already in the Accounts sheet; nothing was added.
          </MessageBarBody>
        </MessageBar>
      );
    }
    case 'unreadable':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Nothing imported</MessageBarTitle>
            No account could be read from the export. It must be the JSON printed by aws organizations list-accounts, or
            the CSV the AWS console exports.
          </MessageBarBody>
        </MessageBar>
      );
    case 'no-sheet':
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No Accounts sheet</MessageBarTitle>
            The workbook has no Accounts sheet to import into. Build the enrollment sheets first.
          </MessageBarBody>
          <MessageBarActions>
            <Button disabledFocusable={busy} onClick={onBuildThenImport}>
              Build sheets, then import
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'no-id-column':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No AWS Account ID column</MessageBarTitle>
            The Accounts sheet has no &quot;AWS Account ID&quot; header in row 1, so nothing was imported. Build sheets
            adds missing headers in row 1; if a title row sits above the headers, delete it.
          </MessageBarBody>
        </MessageBar>
      );
    case 'protected':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The Accounts sheet is protected</MessageBarTitle>
            Nothing was imported. Unprotect the sheet (Review › Unprotect Sheet) and import again.
          </MessageBarBody>
        </MessageBar>
      );
  }
}

/** Accounts of the export that were not added: already in the sheet, or repeated in the file. */
function NotAdded({ plan }: { plan: MergePlan }) {
  const styles = useViewStyles();
  const notes = [
    plan.alreadyListed.length > 0 &&
      `${count(plan.alreadyListed.length, 'account')} already listed, left as ${plan.alreadyListed.length === 1 ? 'it is' : 'they are'}: ${ids(plan.alreadyListed)}.`,
    plan.repeated.length > 0 &&
      `${count(plan.repeated.length, 'account')} repeated in the file, imported once: ${ids(plan.repeated)}.`,
  ].filter((n): n is string => typeof n === 'string');
  if (notes.length === 0) return null;
  return (
    <ul className={styles.bullets} aria-label="Accounts not added">
      {notes.map((n) => (
        <li key={n}>
          <Text>{n}</Text>
        </li>
      ))}
    </ul>
  );
}

interface Preview {
  readonly state: 'success' | 'warning' | 'error';
  readonly message: string;
  readonly parsed: OrgImport;
  /** Suspended and closing accounts: listed apart, imported only when asked. */
  readonly leaving: readonly OrgAccount[];
}

/** The Field status of the export about to be imported, from a quick local read of it. */
function preview(text: string): Preview | null {
  if (text.trim() === '') return null;
  const parsed = parseOrgExport(text);
  const leaving = parsed.accounts.filter(isLeaving);
  if (parsed.accounts.length === 0) {
    const reason = parsed.problems.find((p) => p.kind === 'not-recognised');
    return {
      state: 'error',
      message: reason ? `Not recognised: ${reason.detail}.` : 'No account ID could be read from it.',
      parsed,
      leaving,
    };
  }
  const from = parsed.format === 'json' ? 'list-accounts JSON' : 'CSV';
  const apart = leaving.length > 0 ? ` ${count(leaving.length, 'is', 'are')} suspended or closing.` : '';
  const first = parsed.nextToken
    ? ' This is a first page only: the export has a NextToken, so more accounts exist.'
    : '';
  return {
    state: parsed.nextToken ? 'warning' : 'success',
    message: `${count(parsed.accounts.length, 'account')} found (${from}).${apart}${first}`,
    parsed,
    leaving,
  };
}

export function ImportView() {
  const host = useHost();
  const styles = useViewStyles();
  const ownStyles = useStyles();
  const headingId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteArea = useRef<HTMLTextAreaElement>(null);
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [includeLeaving, setIncludeLeaving] = useState(false);
  /** The export is a first page only and the user has not yet said to import it anyway. */
  const [firstPageAsked, setFirstPageAsked] = useState(false);

  const exportText = file?.text ?? pasted;
  const checked = useDeferredValue(exportText);
  const status = useMemo(() => preview(checked), [checked]);

  const [progress, setProgress] = useState<Progress | null>(null);
  const importAccounts = useAction(
    useCallback(
      async (text: string, buildFirst: boolean, leaving: boolean): Promise<ImportRun> => {
        setProgress(null);
        const built = buildFirst ? await host.buildSheets() : null;
        const report = await host.importAccounts(text, {
          includeLeaving: leaving,
          onProgress: (written, total) => setProgress({ written, total }),
        });
        return { report, format: formatOf(text), built };
      },
      [host],
    ),
  );

  // "Build sheets, then import" sits in the outcome it replaces: focus the new outcome, not the page.
  const outcome = useRef<HTMLDivElement>(null);
  const focusOutcome = useRef(false);
  useEffect(() => {
    if (importAccounts.busy) return;
    // "Imported 31 accounts" appears where the user is looking, not below the fold.
    outcome.current?.scrollIntoView?.({ block: 'nearest' });
    if (!focusOutcome.current) return;
    focusOutcome.current = false;
    outcome.current?.focus();
  }, [importAccounts.busy]);

  const start = (buildFirst: boolean, anyway = false): void => {
    if (exportText.trim() === '') {
      setMissing(true);
      pasteArea.current?.focus();
      return;
    }
    // A first page is not the whole organization: never imported as if it were, unless the user says so.
    if (!anyway && parseOrgExport(exportText).nextToken) {
      setFirstPageAsked(true);
      return;
    }
    setFirstPageAsked(false);
    focusOutcome.current = buildFirst;
    void importAccounts.run(exportText, buildFirst, includeLeaving);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const chosen = event.target.files?.[0];
    setMissing(false);
    setFileError(null);
    if (!chosen) {
      setFile(null);
      return;
    }
    try {
      const text = await chosen.text();
      setFile({ name: chosen.name, text });
      setPasted('');
      setFirstPageAsked(false);
    } catch (error) {
      setFile(null);
      setFileError(`${chosen.name} could not be read: ${describeError(error).message}`);
    }
  };

  const onPaste = (value: string): void => {
    setPasted(value);
    setMissing(false);
    setFirstPageAsked(false);
    if (file !== null || fileError !== null) {
      setFile(null);
      setFileError(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const fileField =
    fileError !== null
      ? { validationState: 'error' as const, validationMessage: fileError }
      : file !== null && status !== null && checked === file.text
        ? { validationState: status.state, validationMessage: `${file.name}: ${status.message}` }
        : {};
  const pasteField = missing
    ? { validationState: 'error' as const, validationMessage: 'Choose a file or paste an export first.' }
    : file === null && status !== null && checked === pasted
      ? { validationState: status.state, validationMessage: status.message }
      : {};

  const run = importAccounts.state.status === 'done' ? importAccounts.state.value : null;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        AWS accounts
      </Subtitle2>
      <Text as="p" className={styles.heading}>
        Adds the accounts of an AWS Organizations export to the Accounts sheet. IDs are written as text, with their
        leading zeros; rows already there are kept, and accounts already listed are not added again.
      </Text>
      <Field label="Export file (.json or .csv)" {...fileField}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            ref={fileInput}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            className={ownStyles.file}
            onChange={(event) => void onFile(event)}
          />
        )}
      </Field>
      <Field
        label="Or paste the export"
        hint="The JSON printed by aws organizations list-accounts, or the CSV the AWS console exports."
        {...pasteField}
      >
        <Textarea
          textarea={{ ref: pasteArea }}
          resize="vertical"
          rows={4}
          value={pasted}
          onChange={(_, data) => onPaste(data.value)}
        />
      </Field>
      {status !== null && status.leaving.length > 0 && (
        <Checkbox
          checked={includeLeaving}
          onChange={(_, d) => setIncludeLeaving(d.checked === true)}
          label={`Also import the ${count(status.leaving.length, 'suspended or closing account')}: ${ids(status.leaving)}`}
        />
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={importAccounts.busy} onClick={() => start(false)}>
          Import accounts
        </Button>
      </div>
      {importAccounts.busy && (
        // Written in bands of IMPORT_ROWS_PER_SYNC rows: the bar moves after each (indeterminate
        // while the sheet is read, before the first band).
        <Field
          label="Importing accounts"
          className={ownStyles.progress}
          validationState="none"
          validationMessage={
            progress === null || progress.total === 0
              ? 'Reading the Accounts sheet…'
              : `${progress.written.toLocaleString('en-US')} of ${count(progress.total, 'account')} written`
          }
        >
          {progress === null || progress.total === 0 ? (
            <ProgressBar />
          ) : (
            <ProgressBar
              value={progress.written}
              max={progress.total}
              aria-valuetext={`${progress.written.toLocaleString('en-US')} of ${count(progress.total, 'account')}`}
            />
          )}
        </Field>
      )}
      {/* Not shown: the outcome bar below shows the same words. */}
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {run && !importAccounts.busy ? announcement(run.report.result) : ''}
      </div>
      {firstPageAsked && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>First page only: not imported</MessageBarTitle>
            The export ends with a NextToken, so AWS has more accounts than it lists. Run aws organizations
            list-accounts again without --max-items (the AWS CLI then reads every page), or import this page and the
            next ones one after another.
          </MessageBarBody>
          <MessageBarActions>
            <Button disabledFocusable={importAccounts.busy} onClick={() => start(false, true)}>
              Import this page anyway
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {importAccounts.state.status === 'failed' && (
        <ErrorBar title="Import accounts failed" error={importAccounts.state.error} />
      )}
      {run && (
        <div ref={outcome} tabIndex={-1} className={styles.section} role="region" aria-label="Import outcome">
          {run.built && (
            <Text>
              Built the sheets first
              {run.built.created.length > 0 ? ` (created ${list(run.built.created)})` : ''}.
            </Text>
          )}
          <OutcomeBar result={run.report.result} busy={importAccounts.busy} onBuildThenImport={() => start(true)} />
          {run.report.result.kind === 'imported' && <NotAdded plan={run.report.result.plan} />}
          {(run.report.leftOut ?? []).length > 0 && (
            <Text>
              Not imported: {count(run.report.leftOut!.length, 'suspended or closing account')},{' '}
              {ids(run.report.leftOut!)}. Tick &quot;Also import&quot; above to import{' '}
              {run.report.leftOut!.length === 1 ? 'it' : 'them'}.
            </Text>
          )}
          {run.report.nextToken && <Text>This was a first page only: import the next pages of the export too.</Text>}
          <ProblemList problems={run.report.problems} format={run.format} />
        </div>
      )}
    </section>
  );
}
