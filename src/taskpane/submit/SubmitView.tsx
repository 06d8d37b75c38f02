/**
 * "Submit": package the workbook for Spot (issue 5). "Submit to Spot" runs the full validation;
 * errors block it and are listed; warnings need an explicit confirmation. The core builds the
 * package; the pane offers it to save (a download link) and, when an intake address is set,
 * uploads it with progress (retried by itself only while nothing was sent). A failed upload keeps the package to save. Each
 * submission appends a row to the Submission Log sheet. See docs/submit.md.
 */
// First: before any package code parses with zod (see the module).
import '../../core/zod-jitless';
import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../core/findings';
import { enrollmentEmail, type EnrollmentEmail } from '../../core/package/next-step';
import { ticketText } from '../../core/package/ticket';
import type { SubmitRead } from '../../excel/host';
import type { SubmissionLogResult } from '../../excel/submission-log';
import { ErrorBar } from '../ErrorBar';
import { useHost } from '../HostContext';
import { StatusIcon } from '../icons';
import { useViewStyles } from '../styles';
import { cellName, count } from '../text';
import type { ViewContext } from '../App';
import { makeSubmission, type Submission } from './make-package';
import {
  checkIntakeUrl,
  defaultSettingsStore,
  displayDestination,
  loadIntakeSettings,
  saveIntakeSettings,
  NO_INTAKE,
  STORAGE_PLACES,
  type IntakeSettings,
  type SettingsStore,
} from './settings';
import { BUILD_INTAKE_ORIGINS } from './intake-origins';
import { SavePackage } from './SavePackage';
import { currentSaveEnvironment, type SaveEnvironment } from './save-route';
import { CredentialBlock, ShipmentList } from './ShipmentNotice';
import { MAY_HAVE_ARRIVED, UploadAttempts } from './UploadAttempts';
import { uploadPackage, type AttemptRecord, type UploadOptions } from './upload';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

export interface SubmitViewProps extends Partial<ViewContext> {
  /** Where the intake settings are kept (OfficeRuntime.storage or localStorage by default). */
  readonly store?: SettingsStore;
  /** The upload's transport and timing (XMLHttpRequest, 30 s, 3 attempts by default). */
  readonly upload?: Pick<UploadOptions, 'transport' | 'attempts' | 'timeoutMs' | 'backoffMs' | 'sleep'>;
  /** The clock (tests). */
  readonly now?: () => Date;
  /** The intake origins this build may upload to (its connect-src; ADDIN_INTAKE_ORIGINS by default). */
  readonly intakeOrigins?: readonly string[];
  /** The platform and Office's browser-window API, for the save route (Office's globals by default). */
  readonly saveEnvironment?: SaveEnvironment;
}

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'blocked'; readonly errors: readonly Finding[]; readonly warnings: number }
  | { readonly kind: 'credentials'; readonly lines: readonly string[] }
  | { readonly kind: 'confirm'; readonly read: SubmitRead; readonly warnings: readonly Finding[] }
  | { readonly kind: 'packaging' }
  | { readonly kind: 'failed'; readonly error: unknown };

type UploadState =
  | { readonly kind: 'none' }
  | { readonly kind: 'uploading'; readonly fraction: number; readonly attempt: number; readonly attempts: number }
  | { readonly kind: 'done'; readonly destination: string }
  | {
      readonly kind: 'failed';
      readonly destination: string;
      readonly message: string;
      readonly mayHaveArrived: boolean;
    };

interface Made {
  readonly submission: Submission;
  readonly url: string | null;
  readonly upload: UploadState;
  /** Every upload attempt of this package, the user's retries included. */
  readonly attempts: readonly AttemptRecord[];
  readonly logs: readonly (SubmissionLogResult | { readonly kind: 'failed'; readonly error: unknown })[];
  /** The e-mail that takes the package to Spot (no intake, or its upload failed). */
  readonly email: EnrollmentEmail;
  /** The save link was used: the Submission Log has its "saved" row. */
  readonly saved: boolean;
}

const objectUrl = (bytes: Uint8Array): string | null =>
  typeof URL.createObjectURL === 'function'
    ? URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/zip' }))
    : null;

function FindingLines({ findings, label }: { findings: readonly Finding[]; label: string }) {
  const view = useViewStyles();
  return (
    <ul className={view.bullets} aria-label={label}>
      {findings.map((f, i) => (
        <li key={`${f.sheet}-${f.cell ?? ''}-${f.code}-${i}`}>
          <Text weight="semibold">{f.cell === null ? f.sheet : cellName(f.sheet, f.cell)}</Text>: {f.message}
        </li>
      ))}
    </ul>
  );
}

function LogLine({ log }: { log: Made['logs'][number] }) {
  if (log.kind === 'appended')
    return (
      <Text>
        Recorded in row {log.row} of the &quot;{log.sheet}&quot; sheet{log.created ? ' (sheet created)' : ''}.
      </Text>
    );
  if (log.kind === 'protected')
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Not recorded in the log</MessageBarTitle>
          The &quot;{log.sheet}&quot; sheet is protected, so no row was added. Unprotect it to keep a record of
          submissions.
        </MessageBarBody>
      </MessageBar>
    );
  return <ErrorBar title="Could not write the Submission Log" error={log.error} />;
}

/** The next step in plain words: who gets the package, the text to send, and a mailto: with both. */
function NextStep({ email, fileName }: { email: EnrollmentEmail; fileName: string }) {
  const view = useViewStyles();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(email.body);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  const [rep, contact] = email.to.length > 1 ? email.to : [null, email.to[0]];
  return (
    <section className={view.section} aria-label="Next step">
      <Text weight="semibold">Next step: e-mail the package to Spot</Text>
      <ol className={view.bullets}>
        <li>Save {fileName} with the link above.</li>
        <li>
          Write to {rep === null ? '' : `your Spot account representative (${rep}) and `}Spot&apos;s enrollment contact
          ({contact}), with the e-mail text below, and attach the saved file.
          {rep === null &&
            ' The Enrollment sheet has no Account Rep Email: add your representative too if you know them.'}
        </li>
      </ol>
      <div className={view.actions}>
        <Button onClick={() => void copy()}>Copy e-mail text</Button>
        <Link href={email.mailto}>Open an e-mail to Spot</Link>
      </div>
      {copied === 'yes' && <Text role="status">E-mail text copied: paste it into your message.</Text>}
      {copied === 'no' && (
        <Text role="status">This pane cannot use the clipboard: select the text below and copy it.</Text>
      )}
      {!email.bodyInMailto && (
        <Text size={200}>
          The text is too long to pass to your mail program: paste the copied text into the e-mail.
        </Text>
      )}
      <Field label="E-mail text">
        <Textarea readOnly resize="vertical" value={email.body} rows={6} />
      </Field>
    </section>
  );
}

function PackageCard({
  made,
  onRetry,
  onSaved,
  intake,
  saveEnvironment,
}: {
  made: Made;
  onRetry: (() => void) | null;
  onSaved: () => void;
  intake: IntakeSettings;
  saveEnvironment: SaveEnvironment;
}) {
  const styles = useStyles();
  const view = useViewStyles();
  const { submission, url, upload } = made;
  const { built } = submission;
  return (
    <section className={styles.card} aria-label={`Package ${submission.fileName}`}>
      <Text weight="semibold">{submission.fileName}</Text>
      <Text size={200}>
        {count(built.bytes.length, 'byte')}; workbook{' '}
        {submission.workbook.source === 'original-file'
          ? "taken from Excel's file"
          : 'rebuilt from the values of the enrollment sheets'}
        .
      </Text>
      <Text size={200}>
        SHA-256 <span className={styles.mono}>{submission.sha256}</span>
      </Text>
      {submission.workbook.note !== undefined && <Text size={200}>{submission.workbook.note}</Text>}
      <SavePackage
        submission={submission}
        url={url}
        environment={saveEnvironment}
        uploadSet={intake.url !== ''}
        onSaved={onSaved}
      />
      {upload.kind === 'uploading' && (
        <Field
          label={`Uploading to ${displayDestination(intake.url)}${upload.attempt > 1 ? ` (attempt ${upload.attempt} of ${upload.attempts})` : ''}`}
          validationState="none"
        >
          <ProgressBar value={upload.fraction} max={1} />
        </Field>
      )}
      {upload.kind === 'done' && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Uploaded</MessageBarTitle>
            Spot&apos;s intake at {upload.destination} received the package.
          </MessageBarBody>
        </MessageBar>
      )}
      {upload.kind === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Upload failed</MessageBarTitle>
            {upload.message} Nothing is lost: the package is still here to save; send it another way or retry.
            {upload.mayHaveArrived ? ` ${MAY_HAVE_ARRIVED}` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      <UploadAttempts attempts={made.attempts} fileName={submission.fileName} />
      {upload.kind === 'failed' && onRetry && (
        <div className={view.actions}>
          <Button onClick={onRetry}>Retry upload</Button>
        </div>
      )}
      {made.logs.map((log, i) => (
        <LogLine key={i} log={log} />
      ))}
      {upload.kind !== 'done' && upload.kind !== 'uploading' && (
        <NextStep email={made.email} fileName={submission.fileName} />
      )}
    </section>
  );
}

function IntakeForm({
  settings,
  onSave,
  allowed,
  where,
}: {
  settings: IntakeSettings;
  onSave: (s: IntakeSettings) => Promise<void>;
  allowed: readonly string[];
  where: string | null;
}) {
  const view = useViewStyles();
  const [url, setUrl] = useState(settings.url);
  const [token, setToken] = useState(settings.token);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    setUrl(settings.url);
    setToken(settings.token);
  }, [settings]);

  const save = async (): Promise<void> => {
    setSaved(null);
    if (url.trim() !== '') {
      const check = checkIntakeUrl(url, allowed);
      if (!check.ok) {
        setProblem(check.message);
        return;
      }
    }
    setProblem(null);
    await onSave({ url: url.trim(), token: token.trim() });
    setSaved(url.trim() === '' ? 'Upload turned off.' : 'Saved.');
  };
  const forgetToken = async (): Promise<void> => {
    await onSave({ url: settings.url, token: '' });
    setToken('');
    setSaved('Token forgotten.');
  };

  return (
    <details>
      <summary>Advanced: upload settings (optional)</summary>
      <div className={view.section}>
        <Text size={200}>
          To upload each package to an HTTPS intake address Spot gave you.{' '}
          {allowed.length === 0
            ? 'This build of the add-in allows no intake address: save the package instead.'
            : `This build uploads only to ${allowed.join(', ')}.`}
        </Text>
        {where !== null && <Text size={200}>{where}</Text>}
        <Field label="Intake address" validationState={problem === null ? 'none' : 'error'} validationMessage={problem}>
          <Input
            type="url"
            value={url}
            placeholder="https://"
            onChange={(_, d) => {
              setUrl(d.value);
              setSaved(null);
            }}
          />
        </Field>
        <Field label="Access token">
          <Input
            type="password"
            value={token}
            onChange={(_, d) => {
              setToken(d.value);
              setSaved(null);
            }}
          />
        </Field>
        <div className={view.actions}>
          <Button onClick={() => void save()}>Save upload settings</Button>
          {settings.token !== '' && <Button onClick={() => void forgetToken()}>Forget token</Button>}
          {saved !== null && <Text role="status">{saved}</Text>}
        </div>
      </div>
    </details>
  );
}

export function SubmitView({
  store: givenStore,
  upload: uploadOptions,
  now = () => new Date(),
  intakeOrigins = BUILD_INTAKE_ORIGINS,
  saveEnvironment: givenSaveEnvironment,
}: SubmitViewProps) {
  const host = useHost();
  const view = useViewStyles();
  const headingId = useId();
  const store = useMemo(() => givenStore ?? defaultSettingsStore(), [givenStore]);
  const saveEnvironment = useMemo(() => givenSaveEnvironment ?? currentSaveEnvironment(), [givenSaveEnvironment]);
  const [intake, setIntake] = useState<IntakeSettings>(NO_INTAKE);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [made, setMade] = useState<readonly Made[]>([]);
  const names = useRef(new Set<string>());
  const urls = useRef<string[]>([]);
  const running = useRef(false);

  useEffect(() => {
    let live = true;
    void loadIntakeSettings(store).then((s) => live && setIntake(s));
    return () => {
      live = false;
    };
  }, [store]);
  useEffect(
    () => () => {
      if (typeof URL.revokeObjectURL === 'function') for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [],
  );

  const update = useCallback((fileName: string, change: (m: Made) => Made) => {
    setMade((list) => list.map((m) => (m.submission.fileName === fileName ? change(m) : m)));
  }, []);

  const log = useCallback(
    async (submission: Submission, destination: string): Promise<void> => {
      let result: Made['logs'][number];
      try {
        result = await host.appendSubmissionLog({
          time: submission.now,
          packageSha256: submission.sha256,
          fileName: submission.fileName,
          ...submission.counts,
          destination,
        });
      } catch (error) {
        result = { kind: 'failed', error };
      }
      update(submission.fileName, (m) => ({ ...m, logs: [...m.logs, result] }));
    },
    [host, update],
  );

  const deliver = useCallback(
    async (submission: Submission, settings: IntakeSettings): Promise<void> => {
      // No intake: the package is logged when it is saved (the save link), not when it is made.
      if (settings.url === '') return;
      const destination = displayDestination(settings.url);
      // A saved address from another build, or typed before the build pinned its origins.
      const allowed = checkIntakeUrl(settings.url, intakeOrigins);
      if (!allowed.ok) {
        update(submission.fileName, (m) => ({
          ...m,
          upload: { kind: 'failed', destination, message: allowed.message, mayHaveArrived: false },
        }));
        // Nothing was sent: the Submission Log gets its row when the package is saved (issue 10).
        return;
      }
      const attempts = uploadOptions?.attempts ?? 3;
      update(submission.fileName, (m) => ({
        ...m,
        upload: { kind: 'uploading', fraction: 0, attempt: 1, attempts },
      }));
      const result = await uploadPackage(settings.url, submission.built.bytes, {
        ...uploadOptions,
        token: settings.token,
        idempotencyKey: submission.sha256,
        onAttempt: (a) => update(submission.fileName, (m) => ({ ...m, attempts: [...m.attempts, a] })),
        onProgress: (fraction, attempt) =>
          update(submission.fileName, (m) => ({ ...m, upload: { kind: 'uploading', fraction, attempt, attempts } })),
      });
      if (result.ok) {
        update(submission.fileName, (m) => ({ ...m, upload: { kind: 'done', destination } }));
        await log(submission, destination);
      } else {
        // Not logged yet: nothing was sent. Saving it afterwards records "saved (upload … failed)".
        update(submission.fileName, (m) => ({
          ...m,
          upload: { kind: 'failed', destination, message: result.message, mayHaveArrived: result.mayHaveArrived },
        }));
      }
    },
    [log, update, uploadOptions, intakeOrigins],
  );

  const pack = useCallback(
    async (read: SubmitRead): Promise<void> => {
      if (read.enrollment === null || read.workbook === null) return;
      setPhase({ kind: 'packaging' });
      try {
        const submission = await makeSubmission(read.enrollment, read.workbook, { now: now(), taken: names.current });
        names.current.add(submission.fileName);
        const url = objectUrl(submission.built.bytes);
        if (url !== null) urls.current.push(url);
        const email = enrollmentEmail(read.enrollment, ticketText(read.enrollment), submission.fileName);
        setMade((list) => [
          { submission, url, upload: { kind: 'none' }, attempts: [], logs: [], email, saved: false },
          ...list,
        ]);
        setPhase({ kind: 'idle' });
        await deliver(submission, intake);
      } catch (error) {
        setPhase({ kind: 'failed', error });
      }
    },
    [deliver, intake, now],
  );

  const submit = async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setPhase({ kind: 'checking' });
    try {
      const read = await host.readForSubmit();
      const errors = read.findings.filter((f) => f.severity === 'error');
      const warnings = read.findings.filter((f) => f.severity === 'warning');
      if (errors.length > 0 || read.enrollment === null || read.workbook === null) {
        setPhase({ kind: 'blocked', errors, warnings: warnings.length });
      } else if ((read.shipment?.credentials.length ?? 0) > 0) {
        setPhase({ kind: 'credentials', lines: read.shipment!.credentials });
      } else if (warnings.length > 0 || (read.shipment?.leftOut.length ?? 0) > 0) {
        setPhase({ kind: 'confirm', read, warnings });
      } else {
        await pack(read);
      }
    } catch (error) {
      setPhase({ kind: 'failed', error });
    } finally {
      running.current = false;
    }
  };

  const confirm = async (read: SubmitRead): Promise<void> => {
    if (running.current) return;
    running.current = true;
    try {
      await pack(read);
    } finally {
      running.current = false;
    }
  };

  const retry = (m: Made): void => {
    void deliver(m.submission, intake);
  };

  /** The first use of a package's save link records it as saved (later clicks save copies of the same bytes). */
  const saved = (m: Made): void => {
    if (m.saved) return;
    update(m.submission.fileName, (x) => ({ ...x, saved: true }));
    const destination = m.upload.kind === 'failed' ? `saved (upload to ${m.upload.destination} failed)` : 'saved';
    void log(m.submission, destination);
  };

  const busy = phase.kind === 'checking' || phase.kind === 'packaging';
  return (
    <section className={view.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={view.heading}>
        Submit to Spot
      </Subtitle2>
      <Text>
        Checks the whole workbook, then makes the package for Spot (the workbook, enrollment.json, its schema, the
        ticket text and a manifest) to save{intake.url !== '' ? ` and upload to ${displayDestination(intake.url)}` : ''}
        .
      </Text>
      <div className={view.actions}>
        <Button appearance="primary" disabled={busy || phase.kind === 'confirm'} onClick={() => void submit()}>
          Submit to Spot
        </Button>
        {phase.kind === 'checking' && <Spinner size="tiny" label="Checking the workbook…" />}
        {phase.kind === 'packaging' && <Spinner size="tiny" label="Making the package…" />}
      </div>

      {phase.kind === 'blocked' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not submitted: {count(phase.errors.length, 'error')} to fix</MessageBarTitle>
            Fix these in the workbook, then submit again
            {phase.warnings > 0 ? ` (there are also ${count(phase.warnings, 'warning')}; see Validate)` : ''}.
          </MessageBarBody>
        </MessageBar>
      )}
      {phase.kind === 'blocked' && <FindingLines findings={phase.errors} label="Errors that block submission" />}

      {phase.kind === 'credentials' && <CredentialBlock lines={phase.lines} />}

      {phase.kind === 'confirm' && (
        <>
          {phase.warnings.length > 0 && (
            <>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{count(phase.warnings.length, 'warning')}</MessageBarTitle>
                  The workbook has no errors, but Spot&apos;s staff will see these warnings. Submit anyway?
                </MessageBarBody>
              </MessageBar>
              <FindingLines findings={phase.warnings} label="Warnings" />
            </>
          )}
          {phase.read.shipment && <ShipmentList shipment={phase.read.shipment} />}
          <div className={view.actions}>
            <Button appearance="primary" onClick={() => void confirm(phase.read)}>
              {phase.warnings.length > 0
                ? `Submit with ${count(phase.warnings.length, 'warning')}`
                : 'Submit the enrollment sheets only'}
            </Button>
            <Button onClick={() => setPhase({ kind: 'idle' })}>Cancel</Button>
          </div>
        </>
      )}

      {phase.kind === 'failed' && <ErrorBar title="Could not make the package" error={phase.error} />}

      {made.length > 0 && (
        <span className={view.labelled} role="status">
          <StatusIcon kind="success" />
          <Text weight="semibold">
            Package ready: {made[0]!.submission.fileName}
            {made.length > 1 ? ` (${count(made.length, 'package')} this session)` : ''}.
            {made[0]!.upload.kind === 'none' ? ' Next: save it and e-mail it to Spot (below).' : ''}
          </Text>
        </span>
      )}
      {made.map((m) => (
        <PackageCard
          key={m.submission.fileName}
          made={m}
          intake={intake}
          onRetry={intake.url === '' ? null : () => retry(m)}
          onSaved={() => saved(m)}
          saveEnvironment={saveEnvironment}
        />
      ))}

      <IntakeForm
        allowed={intakeOrigins}
        where={store.where === undefined ? null : STORAGE_PLACES[store.where]}
        settings={intake}
        onSave={async (s) => {
          await saveIntakeSettings(store, s);
          setIntake(s);
        }}
      />
    </section>
  );
}

export default SubmitView;
