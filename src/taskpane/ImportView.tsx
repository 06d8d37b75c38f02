/**
 * "Import accounts": an AWS Organizations export (the JSON of `aws organizations list-accounts` or
 * the console's CSV), from a file or pasted, appended to the Accounts sheet by the host. Shows
 * what was added and from which row, what was already listed or repeated, and which IDs were
 * restored or could not be read.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { parseOrgExport, type MergePlan, type OrgAccount, type OrgImportProblem } from '../core/org-import';
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
});

type Format = 'json' | 'csv';
/** As the parser decides: JSON starts with a brace or bracket, anything else is read as CSV. */
const JSON_START = /^\ufeff?\s*[{[]/;
const formatOf = (text: string): Format => (JSON_START.test(text) ? 'json' : 'csv');

/** Where a problem is: JSON entries are counted in the account list, CSV lines in the file. */
const where = (line: number, format: Format): string => (format === 'json' ? `Entry ${line}` : `Line ${line}`);

/** The first few IDs, then how many more. */
function ids(accounts: readonly OrgAccount[], shown = 5): string {
  const first = accounts.slice(0, shown).map((a) => a.id);
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
          text: `${where(p.line, format)}: ${p.value} had lost its leading zeros; imported as ${p.id}.`,
        };
      case 'bad-id':
        return {
          kind: 'error',
          label: 'Unreadable',
          text:
            p.value.trim() === ''
              ? `${where(p.line, format)}: the account ID is empty; not imported.`
              : `${where(p.line, format)}: "${p.value}" is not an AWS account ID; not imported.`,
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

/** The Field status of the export about to be imported, from a quick local read of it. */
function preview(text: string): { state: 'success' | 'error'; message: string } | null {
  if (text.trim() === '') return null;
  const parsed = parseOrgExport(text);
  if (parsed.accounts.length === 0) {
    const reason = parsed.problems.find((p) => p.kind === 'not-recognised');
    return {
      state: 'error',
      message: reason ? `Not recognised: ${reason.detail}.` : 'No account ID could be read from it.',
    };
  }
  const from = parsed.format === 'json' ? 'list-accounts JSON' : 'CSV';
  return { state: 'success', message: `${count(parsed.accounts.length, 'account')} found (${from}).` };
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

  const exportText = file?.text ?? pasted;
  const checked = useDeferredValue(exportText);
  const status = useMemo(() => preview(checked), [checked]);

  const importAccounts = useAction(
    useCallback(
      async (text: string, buildFirst: boolean): Promise<ImportRun> => {
        const built = buildFirst ? await host.buildSheets() : null;
        const report = await host.importAccounts(text);
        return { report, format: formatOf(text), built };
      },
      [host],
    ),
  );

  // "Build sheets, then import" sits in the outcome it replaces: focus the new outcome, not the page.
  const outcome = useRef<HTMLDivElement>(null);
  const focusOutcome = useRef(false);
  useEffect(() => {
    if (importAccounts.busy || !focusOutcome.current) return;
    focusOutcome.current = false;
    outcome.current?.focus();
  }, [importAccounts.busy]);

  const start = (buildFirst: boolean): void => {
    if (exportText.trim() === '') {
      setMissing(true);
      pasteArea.current?.focus();
      return;
    }
    focusOutcome.current = buildFirst;
    void importAccounts.run(exportText, buildFirst);
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
    } catch (error) {
      setFile(null);
      setFileError(`${chosen.name} could not be read: ${describeError(error).message}`);
    }
  };

  const onPaste = (value: string): void => {
    setPasted(value);
    setMissing(false);
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
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={importAccounts.busy} onClick={() => start(false)}>
          Import accounts
        </Button>
        {importAccounts.busy && <Spinner size="tiny" label="Importing…" />}
      </div>
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
          <ProblemList problems={run.report.problems} format={run.format} />
        </div>
      )}
    </section>
  );
}
