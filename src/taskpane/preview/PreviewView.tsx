/**
 * "Preview" (issue 13): the workbook's billing workflows run on the MSP's own CUR files, in a Web
 * Worker, with the charge per subset and end customer before, after each step and final. The
 * workbook is read and validated as Validate does; errors block (the mapping of accounts to
 * workflows is unknowable), warnings do not. "Write preview to a sheet" makes the Preview sheet.
 * Loaded with its tab (React.lazy): nothing here is in the pane's first download.
 */
import '../../core/zod-jitless';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { Finding, PreviewNote } from '../../core/findings';
import type { Money } from '../../core/preview/money';
import type { PreviewResult, Stages, SubsetPreview } from '../../core/preview/runner';
import type { PreviewSheetOutcome } from '../../excel/preview-sheet';
import { ErrorBar } from '../ErrorBar';
import { useHost } from '../HostContext';
import { useViewStyles } from '../styles';
import { cellName, count } from '../text';
import { finalOf, money, signedMoney } from './money-text';
import { CUR_EXTENSIONS, type ProgressMessage, type WorkerReply } from './protocol';
import { Waterfall } from './Waterfall';
import { previewUnsupported, startWorker, type PreviewWorker } from './worker-client';

/** Rows of a per-account or per-service table shown in the pane; the sheet has them all. */
export const SHOWN_ROWS = 50;

const useStyles = makeStyles({
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  scroll: { overflowX: 'auto' },
  // Columns as wide as their figures, the region scrolling sideways: Fluent's fixed layout
  // squeezes them to the pane's width and the amounts run into each other.
  table: { tableLayout: 'auto' },
  hiddenInput: { display: 'none' },
  files: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, wordBreak: 'break-all' },
});

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'blocked'; readonly errors: readonly Finding[] }
  | { readonly kind: 'running'; readonly progress: ProgressMessage | null }
  | { readonly kind: 'done'; readonly result: PreviewResult; readonly ms: number }
  | { readonly kind: 'refused'; readonly note: PreviewNote }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: unknown };

type WritePhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'done'; readonly outcome: Extract<PreviewSheetOutcome, { kind: 'written' }> }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface PreviewPanelProps {
  /** Starts the worker (tests give a fake one). */
  readonly createWorker?: () => PreviewWorker;
  /** The sentence for a webview that cannot run the preview, or null. */
  readonly unsupported?: () => string | null;
}

const hasCurExtension = (name: string): boolean => CUR_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

export function PreviewPanel({ createWorker = startWorker, unsupported = previewUnsupported }: PreviewPanelProps) {
  const host = useHost();
  const view = useViewStyles();
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const worker = useRef<PreviewWorker | null>(null);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [write, setWrite] = useState<WritePhase>({ kind: 'idle' });
  const [lacking] = useState(unsupported);
  const headingId = useId();

  // A run still going when the tab's pane closes is stopped with it.
  useEffect(() => () => worker.current?.terminate(), []);

  if (lacking !== null)
    return (
      <section className={view.section} aria-labelledby={headingId}>
        <Subtitle2 as="h2" id={headingId} className={view.heading}>
          Preview on your Cost and Usage Report
        </Subtitle2>
        <Text>{lacking}</Text>
      </section>
    );

  const wrong = files.filter((f) => !hasCurExtension(f.name));
  const running = phase.kind === 'reading' || phase.kind === 'running';

  const pick = (e: ChangeEvent<HTMLInputElement>): void => {
    setFiles([...(e.target.files ?? [])]);
  };

  const stop = (): void => {
    worker.current?.terminate();
    worker.current = null;
  };

  const preview = async (): Promise<void> => {
    if (running || files.length === 0 || wrong.length > 0) return;
    setWrite({ kind: 'idle' });
    setPhase({ kind: 'reading' });
    let enrollment;
    try {
      if (host.readForPreview === undefined) throw new Error('This host cannot read the workbook for a preview.');
      const read = await host.readForPreview();
      if (read.enrollment === null) {
        setPhase({ kind: 'blocked', errors: read.findings.filter((f) => f.severity === 'error') });
        return;
      }
      enrollment = read.enrollment;
    } catch (error) {
      setPhase({ kind: 'failed', error });
      return;
    }
    stop();
    const w = createWorker();
    worker.current = w;
    setPhase({ kind: 'running', progress: null });
    w.onmessage = (event: MessageEvent<WorkerReply>) => {
      if (worker.current !== w) return;
      const reply = event.data;
      if (reply.type === 'progress') {
        setPhase({ kind: 'running', progress: reply });
        return;
      }
      stop();
      if (reply.type === 'done') setPhase({ kind: 'done', result: reply.result, ms: reply.ms });
      else if (reply.type === 'refused') setPhase({ kind: 'refused', note: reply.note });
      else setPhase({ kind: 'failed', error: new Error(reply.message) });
    };
    w.onerror = () => {
      if (worker.current !== w) return;
      stop();
      setPhase({ kind: 'failed', error: new Error('The preview worker could not run.') });
    };
    w.postMessage({ type: 'start', enrollment, files: files.map((f) => ({ name: f.name, blob: f })) });
  };

  const cancel = (): void => {
    stop();
    setPhase({ kind: 'cancelled' });
  };

  const writeSheet = async (replace: boolean): Promise<void> => {
    if (phase.kind !== 'done' || host.writePreviewSheet === undefined) return;
    setWrite({ kind: 'busy' });
    try {
      const outcome = await host.writePreviewSheet(phase.result, replace);
      setWrite(outcome.kind === 'exists' ? { kind: 'confirm' } : { kind: 'done', outcome });
    } catch (error) {
      setWrite({ kind: 'failed', error });
    }
  };

  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={view.heading}>
        Preview on your Cost and Usage Report
      </Subtitle2>
      <Text>
        Pick the CUR files of one month (Parquet, CSV or CSV.gz). The workflows of this workbook run on them here, on
        this computer; nothing is sent anywhere.
      </Text>
      <Field
        label="CUR files of one month"
        validationState={wrong.length > 0 ? 'error' : 'none'}
        validationMessage={
          wrong.length > 0
            ? `${wrong.map((f) => f.name).join(', ')}: not a CUR file. Pick files ending in ${CUR_EXTENSIONS.join(', ')}.`
            : null
        }
      >
        <div className={view.actions}>
          <Button onClick={() => inputRef.current?.click()} disabled={running}>
            Choose files…
          </Button>
          <Text>{files.length === 0 ? 'No file chosen' : count(files.length, 'file')}</Text>
        </div>
      </Field>
      <input
        ref={inputRef}
        className={styles.hiddenInput}
        type="file"
        multiple
        accept=".parquet,.csv,.gz"
        aria-label="CUR files"
        data-testid="cur-files"
        onChange={pick}
      />
      {files.length > 0 && (
        <ul className={styles.files} aria-label="Chosen files">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} ({count(f.size, 'byte')})
            </li>
          ))}
        </ul>
      )}
      <div className={view.actions}>
        <Button
          appearance="primary"
          onClick={() => void preview()}
          disabled={running || files.length === 0 || wrong.length > 0}
        >
          Preview
        </Button>
        {phase.kind === 'running' && <Button onClick={cancel}>Cancel</Button>}
      </div>
      <PhaseView phase={phase} />
      {phase.kind === 'done' && (
        <>
          <div className={view.actions}>
            <Button onClick={() => void writeSheet(false)} disabled={write.kind === 'busy'}>
              Write preview to a sheet
            </Button>
          </div>
          {write.kind === 'done' && (
            <MessageBar intent="success">
              <MessageBarBody>
                Wrote {count(write.outcome.rows, 'line')} to the {write.outcome.sheet} sheet, as a table you can filter
                and pivot.
              </MessageBarBody>
            </MessageBar>
          )}
          {write.kind === 'failed' && <ErrorBar title="The Preview sheet was not written" error={write.error} />}
          <Dialog open={write.kind === 'confirm'} onOpenChange={(_, d) => !d.open && setWrite({ kind: 'idle' })}>
            <DialogSurface>
              <DialogBody>
                <DialogTitle>Replace the Preview sheet?</DialogTitle>
                <DialogContent>
                  The workbook already has a sheet named Preview. Replacing it deletes that sheet and everything on it,
                  then writes this preview. The enrollment sheets are not touched.
                </DialogContent>
                <DialogActions>
                  <Button appearance="primary" onClick={() => void writeSheet(true)}>
                    Replace
                  </Button>
                  <Button onClick={() => setWrite({ kind: 'idle' })}>Keep it</Button>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
          <Results result={phase.result} />
        </>
      )}
    </section>
  );
}

function PhaseView({ phase }: { phase: Phase }) {
  const view = useViewStyles();
  switch (phase.kind) {
    case 'idle':
    case 'done':
      return null;
    case 'reading':
      return <ProgressBar aria-label="Reading the workbook" />;
    case 'running': {
      const p = phase.progress;
      const fraction = p === null || p.totalBytes === 0 ? undefined : Math.min(1, p.bytes / p.totalBytes);
      const text =
        p === null
          ? 'Starting…'
          : `${count(p.rows, 'row')} read${p.passes === 2 ? ` (pass ${p.pass} of 2)` : ''}, ${Math.floor((fraction ?? 0) * 100)}% of the bytes`;
      return (
        <Field label="Preview running" validationMessage={text} validationState="none">
          <ProgressBar {...(fraction === undefined ? {} : { value: fraction })} max={1} aria-valuetext={text} />
        </Field>
      );
    }
    case 'blocked':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not previewed: {count(phase.errors.length, 'error')} to fix</MessageBarTitle>
            Which workflow applies to which account is unknown until these are fixed (warnings do not block).
            <ul className={view.bullets} aria-label="Errors that block the preview">
              {phase.errors.map((f, i) => (
                <li key={i}>
                  <Text weight="semibold">{f.cell === null ? f.sheet : cellName(f.sheet, f.cell)}</Text>: {f.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      );
    case 'refused':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not previewed</MessageBarTitle>
            {phase.note.message}
          </MessageBarBody>
        </MessageBar>
      );
    case 'cancelled':
      return (
        <MessageBar intent="info">
          <MessageBarBody>Preview cancelled.</MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return <ErrorBar title="The preview did not run" error={phase.error} />;
  }
}

function StagesTable({
  label,
  first,
  rows,
  steps,
}: {
  label: string;
  first: string;
  rows: readonly { readonly name: string; readonly stages: Stages }[];
  steps: number;
}) {
  const styles = useStyles();
  const shown = rows.slice(0, SHOWN_ROWS);
  return (
    // Focusable, so that a keyboard can scroll a table wider than the pane.
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${label}, scrolls sideways`}>
      <Table size="extra-small" className={styles.table} aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{first}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Before</TableHeaderCell>
            {Array.from({ length: steps }, (_, k) => (
              <TableHeaderCell key={k} className={styles.number}>
                Step {k + 1}
              </TableHeaderCell>
            ))}
            <TableHeaderCell className={styles.number}>Final</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Difference</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((r, i) => (
            <TableRow key={i}>
              <TableCell>{r.name}</TableCell>
              <TableCell className={styles.number}>{money(r.stages.before)}</TableCell>
              {Array.from({ length: steps }, (_, k) => (
                <TableCell key={k} className={styles.number}>
                  {r.stages.after[k] === undefined ? '' : money(r.stages.after[k])}
                </TableCell>
              ))}
              <TableCell className={styles.number}>{money(finalOf(r.stages))}</TableCell>
              <TableCell className={styles.number}>{signedMoney(finalOf(r.stages) - r.stages.before)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length > shown.length && (
        <Text size={200}>
          The {SHOWN_ROWS} largest of {rows.length.toLocaleString('en-US')}; the Preview sheet has them all.
        </Text>
      )}
    </div>
  );
}

const byBefore = <T extends { readonly stages: Stages }>(rows: T[]): T[] =>
  rows.sort((a, b) => (a.stages.before < b.stages.before ? 1 : a.stages.before > b.stages.before ? -1 : 0));

function SubsetDetail({ result, subset }: { result: PreviewResult; subset: SubsetPreview }) {
  const view = useViewStyles();
  const workflow = result.workflows.find((w) => w.name === subset.workflow);
  const steps = workflow?.steps ?? [];
  return (
    <div className={view.section}>
      <Text>
        Workflow {subset.workflow}
        {subset.endCustomer !== null && `, end customer ${subset.endCustomer.consoleEmail}`}.
      </Text>
      <Waterfall subset={subset} steps={steps} />
      <StagesTable
        label={`Accounts of ${subset.subset}`}
        first="Account"
        steps={steps.length}
        rows={byBefore(
          subset.accounts.map((a) => ({ name: a.name === '' ? a.accountId : `${a.accountId} ${a.name}`, stages: a })),
        )}
      />
      <StagesTable
        label={`Services of ${subset.subset}`}
        first="Service"
        steps={steps.length}
        rows={byBefore(subset.services.map((s) => ({ name: s.service, stages: s })))}
      />
    </div>
  );
}

function Results({ result }: { result: PreviewResult }) {
  const view = useViewStyles();
  const styles = useStyles();
  const selectId = useId();
  const [selected, setSelected] = useState(result.subsets[0]?.subset ?? '');
  const subset = result.subsets.find((s) => s.subset === selected);
  const notes = result.notes.filter((n) => n.severity !== 'input');
  const difference: Money = result.total.final - result.total.before;
  return (
    <div className={view.section}>
      <Text role="status" data-testid="preview-total">
        {result.month ?? 'Unknown month'}: {count(result.rows.previewed, 'line item')}. Total before{' '}
        {money(result.total.before)}, final {money(result.total.final)} ({signedMoney(difference)}).
      </Text>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="Charges per subset, scrolls sideways">
        <Table size="extra-small" className={styles.table} aria-label="Charges per subset">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Subset</TableHeaderCell>
              <TableHeaderCell>End customer</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Before</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Final</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Difference</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.subsets.map((s) => (
              <TableRow key={s.subset}>
                <TableCell>{s.subset}</TableCell>
                <TableCell>{s.endCustomer?.consoleEmail ?? ''}</TableCell>
                <TableCell className={styles.number}>{money(s.before)}</TableCell>
                <TableCell className={styles.number}>{money(s.final)}</TableCell>
                <TableCell className={styles.number}>{signedMoney(s.difference)}</TableCell>
              </TableRow>
            ))}
            {result.notEnrolled.accounts.length > 0 && (
              <TableRow>
                <TableCell>Not enrolled</TableCell>
                <TableCell>{count(result.notEnrolled.accounts.length, 'account')}</TableCell>
                <TableCell className={styles.number}>{money(result.notEnrolled.before)}</TableCell>
                <TableCell className={styles.number}>{money(result.notEnrolled.before)}</TableCell>
                <TableCell className={styles.number}>{signedMoney(0n)}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      {result.notEnrolled.accounts.length > 0 && (
        <Text>
          Not enrolled: the CUR has {count(result.notEnrolled.accounts.length, 'account')} that the workbook does not
          list (
          {result.notEnrolled.accounts
            .slice(0, 10)
            .map((a) => a.accountId)
            .join(', ')}
          {result.notEnrolled.accounts.length > 10 ? ', …' : ''}); no workflow applies to them.
        </Text>
      )}
      {result.accountsNotInCur.length > 0 && (
        <Text>
          {count(result.accountsNotInCur.length, 'account')} of the workbook had no line item in these files (
          {result.accountsNotInCur.slice(0, 10).join(', ')}
          {result.accountsNotInCur.length > 10 ? ', …' : ''}).
        </Text>
      )}
      {notes.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Approximations and warnings</MessageBarTitle>
            <ul className={view.bullets} aria-label="Approximations and warnings">
              {notes.map((n, i) => (
                <li key={i}>{n.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {result.subsets.length > 0 && (
        <>
          <Field label="Subset">
            <Select id={selectId} value={selected} onChange={(_, d) => setSelected(d.value)}>
              {result.subsets.map((s) => (
                <option key={s.subset} value={s.subset}>
                  {s.subset}
                </option>
              ))}
            </Select>
          </Field>
          {subset !== undefined && <SubsetDetail key={subset.subset} result={result} subset={subset} />}
        </>
      )}
    </div>
  );
}

/** The tab's view (App's VIEWS entry). */
export function PreviewView() {
  return <PreviewPanel />;
}
