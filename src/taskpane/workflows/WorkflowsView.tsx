/**
 * "Workflows": the workflows of the Billing Workflows sheet, and forms to create, rename,
 * duplicate, delete and edit them step by step. The sheet stays the truth: the list is read from
 * it, and saving writes one workflow's rows back in place.
 */
import '../../core/zod-jitless';
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { nameKey } from '../../core/ids';
import { RULES, ruleById, type RuleGroup, type RuleId, type RuleModule } from '../../core/rules';
import type { SheetWorkflow, WorkflowsRead } from '../../excel/workflows';
import { ErrorBar } from '../ErrorBar';
import { useHost } from '../HostContext';
import { useViewStyles } from '../styles';
import { count, list } from '../text';
import { useAction } from '../useAction';
import { useHostSubscription } from '../useHostSubscription';
import { Notice } from '../Notice';
import { rowsText } from './rows-text';
import { TEMPLATES, checkStep, conflicts, draftOf, exampleSentence, newStep, toWorkflow, type Draft } from './draft';
import type { FieldValue, FormErrors } from './forms/fields';
import { FORMS } from './forms';

const EMPTY_SHEET_CODES: ReadonlySet<string> = new Set(['sheet-no-rows', 'sheet-rows-required']);

const GROUPS: Record<RuleGroup, string> = {
  commitments: 'RIs and Savings Plans',
  'credits-and-taxes': 'Credits and taxes',
  'cost-sharing': 'Cost sharing',
  pricing: 'Pricing',
  fees: 'Fees',
  other: 'Other',
};

export function WorkflowsView() {
  const host = useHost();
  const styles = useViewStyles();
  const load = useAction(useCallback(() => host.listWorkflows(), [host]));
  const [read, setRead] = useState<WorkflowsRead | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [pane, setPane] = useState<{ kind: 'rename' | 'delete'; wf: SheetWorkflow } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = load.run;

  const reload = useCallback(async () => {
    const r = await run();
    if (r !== undefined) setRead(r);
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The sheets are the truth and the user edits them beside the pane: read them again after each
  // edit (as Validate does), so counts such as "2 subsets use it" are never stale.
  const subscription = useHostSubscription(useCallback(() => host.onEdit(() => void reload()), [host, reload]));
  /** Opens the rename or delete pane on the workflow as the sheets hold it now, not as last listed. */
  const fresh = useAction(useCallback(() => host.listWorkflows(), [host]));
  const openPane = async (kind: 'rename' | 'delete', wf: SheetWorkflow): Promise<void> => {
    // Its own action: a reload already under way (after an edit) must not swallow the click.
    const r = await fresh.run();
    if (r === undefined) return;
    setRead(r);
    const now = r.workflows.find((w) => w.key === wf.key);
    setPane(now === undefined ? null : { kind, wf: now });
    if (now === undefined) setNote(`"${wf.name}" is no longer in the Billing Workflows sheet.`);
  };

  const act = useAction(
    useCallback(
      async (what: () => Promise<string>) => {
        const message = await what();
        setNote(message);
        const r = await host.listWorkflows();
        setRead(r);
        return message;
      },
      [host],
    ),
  );

  const names = new Set(read?.workflows.map((w) => w.key));
  // An empty sheet is the to-do above, not a warning: Validate and Submit still report it.
  const rowFindings = (read?.findings ?? []).filter((f) => !EMPTY_SHEET_CODES.has(f.code));
  const copyName = (name: string): string => {
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? `${name} (copy)` : `${name} (copy ${i})`;
      if (!names.has(nameKey(candidate))) return candidate;
    }
  };

  if (draft !== null && read !== null) {
    return (
      <Editor
        draft={draft}
        read={read}
        onClose={(message) => {
          setDraft(null);
          if (message !== undefined) {
            setNote(message);
            void reload();
          }
        }}
      />
    );
  }

  return (
    <section className={styles.section} aria-labelledby="workflows-heading">
      <Subtitle2 as="h2" id="workflows-heading" className={styles.heading}>
        Billing workflows
      </Subtitle2>
      {load.state.status === 'failed' && <ErrorBar title="Could not read the workflows" error={load.state.error} />}
      {act.state.status === 'failed' && <ErrorBar title="That did not work" error={act.state.error} />}
      {fresh.state.status === 'failed' && <ErrorBar title="Could not read the sheets" error={fresh.state.error} />}
      {subscription !== null && (
        <ErrorBar title="The list is not updated as you edit the sheets" error={subscription.error} />
      )}
      {note !== null && <Notice text={note} />}
      {read === null ? (
        load.busy && <Spinner size="small" label="Reading the Billing Workflows sheet…" />
      ) : read.sheet === null ? (
        <Text>The workbook has no Billing Workflows sheet yet. Use {'"Build sheets"'} under Set up first.</Text>
      ) : (
        <>
          {read.workflows.length === 0 && (
            <Text>
              To do: add the billing workflows your subsets use, with {'"New workflow"'} or from a template below.
            </Text>
          )}
          <ul className={styles.items} aria-label="Workflows">
            {read.workflows.map((wf) => (
              <li key={wf.key}>
                <Card>
                  <Text weight="semibold">{wf.name}</Text>
                  <Text>
                    {count(wf.steps.length, 'step')};{' '}
                    {wf.usedBy.length ? `used by ${list(wf.usedBy)}` : 'not used by any subset'}
                  </Text>
                  <div className={styles.actions}>
                    <Button onClick={() => setDraft(draftOf(wf))}>Edit {wf.name}</Button>
                    <Button onClick={() => void openPane('rename', wf)}>Rename {wf.name}</Button>
                    <Button
                      onClick={() => {
                        const d = draftOf(wf);
                        setDraft({ ...d, original: null, name: copyName(wf.name) });
                      }}
                    >
                      Duplicate {wf.name}
                    </Button>
                    <Button onClick={() => void openPane('delete', wf)}>Delete {wf.name}</Button>
                  </div>
                  {pane?.wf.key === wf.key && pane.kind === 'rename' && (
                    <RenamePane
                      wf={wf}
                      taken={names}
                      busy={act.busy}
                      onCancel={() => setPane(null)}
                      onRename={(to, refs) => {
                        setPane(null);
                        void act.run(async () => {
                          const r = await host.renameWorkflow(wf.name, to, refs);
                          const moved = r.updated.map((u) => `${u.sheet} (${count(u.rows.length, 'row')})`);
                          return `Renamed "${wf.name}" to "${to}"${moved.length ? `; references updated in ${list(moved)}` : ''}.`;
                        });
                      }}
                    />
                  )}
                  {pane?.wf.key === wf.key && pane.kind === 'delete' && (
                    <DeletePane
                      wf={wf}
                      others={read.workflows.filter((w) => w.key !== wf.key).map((w) => w.name)}
                      busy={act.busy}
                      onCancel={() => setPane(null)}
                      onDelete={(to) => {
                        setPane(null);
                        void act.run(async () => {
                          const r = await host.deleteWorkflow(wf.name, to);
                          return r.kind === 'in-use'
                            ? `"${wf.name}" is used by ${list(r.subsets)}; it was not deleted.`
                            : `Deleted "${wf.name}"${to === undefined ? '' : `; its subsets now use "${to}"`}.`;
                        });
                      }}
                    />
                  )}
                </Card>
              </li>
            ))}
          </ul>
          {rowFindings.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <Text weight="semibold">Rows of {read.sheet} to look at</Text>
                <ul className={styles.bullets}>
                  {rowFindings.map((f, i) => (
                    <li key={i}>
                      {f.cell ?? read.sheet}: {f.message}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => setDraft({ original: null, name: '', steps: [] })}>
              New workflow
            </Button>
            <Button onClick={() => void reload()}>Reload from the sheet</Button>
          </div>
          <Subtitle2 as="h3" className={styles.heading}>
            Start from a template
          </Subtitle2>
          <ul className={styles.items} aria-label="Templates">
            {TEMPLATES.map((t) => (
              <li key={t.id}>
                <Card>
                  <Text weight="semibold">{t.title}</Text>
                  <ol className={styles.bullets}>
                    {t.seed.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ol>
                  <div className={styles.actions}>
                    <Button
                      onClick={() => {
                        const d = t.make();
                        setDraft(names.has(nameKey(d.name)) ? { ...d, name: copyName(d.name) } : d);
                      }}
                    >
                      Use template: {t.title}
                    </Button>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RenamePane(props: {
  wf: SheetWorkflow;
  taken: ReadonlySet<string>;
  busy: boolean;
  onCancel: () => void;
  onRename: (to: string, references: boolean) => void;
}) {
  const { wf, taken } = props;
  const [to, setTo] = useState(wf.name);
  // Updating the references is the default: a rename without them breaks every subset that uses it.
  const [refs, setRefs] = useState(true);
  const error =
    to.trim() === ''
      ? 'must not be blank'
      : taken.has(nameKey(to)) && nameKey(to) !== wf.key
        ? 'is already the name of another workflow'
        : undefined;
  const styles = useViewStyles();
  return (
    <div className={styles.section}>
      <Field
        label="New name"
        {...(error === undefined ? {} : { validationState: 'error' as const, validationMessage: `The name ${error}` })}
      >
        <Input value={to} onChange={(_, d) => setTo(d.value)} />
      </Field>
      <Checkbox
        checked={refs}
        onChange={(_, d) => setRefs(d.checked === true)}
        label={`Also update the references in Subset Workflows and End Customers (${count(wf.usedBy.length, 'subset')} ${wf.usedBy.length === 1 ? 'uses' : 'use'} it)`}
      />
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={error !== undefined || props.busy}
          onClick={() => props.onRename(to.trim(), refs)}
        >
          Rename
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </div>
  );
}

function DeletePane(props: {
  wf: SheetWorkflow;
  others: readonly string[];
  busy: boolean;
  onCancel: () => void;
  onDelete: (reassignTo?: string) => void;
}) {
  const { wf, others } = props;
  const [to, setTo] = useState('');
  const styles = useViewStyles();
  const inUse = wf.usedBy.length > 0;
  return (
    <div className={styles.section}>
      {inUse ? (
        <>
          <Text role="alert">
            {wf.name} cannot be deleted while {list(wf.usedBy)} {wf.usedBy.length === 1 ? 'uses' : 'use'} it. Choose
            another workflow for {wf.usedBy.length === 1 ? 'that subset' : 'those subsets'} first.
          </Text>
          <Field label="Re-assign the subsets to">
            <Select value={to} onChange={(_, d) => setTo(d.value)}>
              <option value="">Choose a workflow…</option>
              {others.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          </Field>
        </>
      ) : (
        <Text>Delete {wf.name} and its rows? Other rows and your own columns stay.</Text>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={props.busy || (inUse && to === '')}
          onClick={() => props.onDelete(inUse ? to : undefined)}
        >
          {inUse ? 'Re-assign and delete' : 'Delete'}
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </div>
  );
}

// ---- the step editor -----------------------------------------------------------------------------

function Editor(props: { draft: Draft; read: WorkflowsRead; onClose: (message?: string) => void }) {
  const { read } = props;
  const host = useHost();
  const styles = useViewStyles();
  const [draft, setDraftState] = useState<Draft>(props.draft);
  const [history, setHistory] = useState<{ draft: Draft; key: string }[]>([]);
  const [selected, setSelected] = useState<number | null>(props.draft.steps[0]?.id ?? null);
  const [picked, setPicked] = useState<RuleId | ''>('');
  // Errors show on a field once the user has changed it (`stepId:key`), or everywhere once Save was pressed.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [saveTried, setSaveTried] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const touch = (key: string): void => setTouched((t) => (t.has(key) ? t : new Set([...t, key])));
  /** The errors of a step the user may see yet: a field's own, and those of fields beside it (same parameter). */
  const visible = (stepId: number, errors: FormErrors): FormErrors => {
    if (saveTried) return errors;
    const roots = new Set(
      [...touched].filter((t) => t.startsWith(`${stepId}:`)).map((t) => t.slice(t.indexOf(':') + 1).split('.')[0]),
    );
    if (roots.size === 0) return new Map();
    return new Map([...errors].filter(([k]) => k === '' || roots.has(k.split('.')[0]!)));
  };
  const save = useAction(
    useCallback(
      async (original: string | null, wf: NonNullable<ReturnType<typeof toWorkflow>>) =>
        host.saveWorkflow(original, wf),
      [host],
    ),
  );

  /** Every change is undoable; successive edits of one field count as one change. */
  const change = (next: Draft, key: string): void => {
    setHistory((h) => (key !== '' && h[h.length - 1]?.key === key ? h : [...h, { draft, key }]));
    setDraftState(next);
  };
  const undo = (): void => {
    const last = history[history.length - 1];
    if (!last) return;
    setHistory(history.slice(0, -1));
    setDraftState(last.draft);
  };

  const checks = useMemo(() => draft.steps.map(checkStep), [draft]);
  const found = useMemo(
    () => conflicts(draft, { subsets: read.subsets, accounts: read.accounts.length ? read.accounts : null }),
    [draft, read],
  );
  const taken = read.workflows.some(
    (w) => w.key === nameKey(draft.name) && (draft.original === null || w.key !== nameKey(draft.original)),
  );
  const nameError =
    draft.name.trim() === '' ? 'The workflow needs a name' : taken ? 'Another workflow has this name' : undefined;
  const workflow = nameError === undefined ? toWorkflow(draft) : null;
  const shownNameError = saveTried || touched.has('name') ? nameError : undefined;

  const move = (i: number, by: number): void => {
    const j = i + by;
    if (j < 0 || j >= draft.steps.length) return;
    const steps = [...draft.steps];
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    change({ ...draft, steps }, '');
  };
  const onStepKey = (i: number) => (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      move(i, e.key === 'ArrowUp' ? -1 : 1);
    }
  };
  const current = draft.steps.findIndex((s) => s.id === selected);
  const step = current >= 0 ? draft.steps[current] : undefined;
  const pickedRule: RuleModule | undefined = picked === '' ? undefined : ruleById(picked);

  return (
    <section className={styles.section} aria-labelledby="editor-heading">
      <Subtitle2 as="h2" id="editor-heading" className={styles.heading}>
        {draft.original === null ? 'New workflow' : `Edit ${draft.original}`}
      </Subtitle2>
      <Field
        label="Workflow name"
        {...(shownNameError === undefined
          ? {}
          : { validationState: 'error' as const, validationMessage: shownNameError })}
      >
        <Input
          value={draft.name}
          onChange={(_, d) => {
            touch('name');
            change({ ...draft, name: d.value }, 'name');
          }}
        />
      </Field>
      <Subtitle2 as="h3" className={styles.heading}>
        Steps
      </Subtitle2>
      {draft.steps.length === 0 && <Text>No steps yet: add one below.</Text>}
      <ol className={styles.items} aria-label="Steps">
        {draft.steps.map((s, i) => {
          const c = checks[i]!;
          const rule = s.rule === null ? undefined : ruleById(s.rule);
          const label = `step ${i + 1}`;
          return (
            <li key={s.id} onKeyDown={onStepKey(i)}>
              <Card appearance={s.id === selected ? 'filled-alternative' : 'filled'}>
                <Text weight="semibold">
                  {i + 1}. {rule?.title ?? `Unreadable row ${s.unreadable?.row ?? ''}`}
                </Text>
                <Text aria-live="polite">
                  {c.sentence ??
                    (s.unreadable
                      ? `Rule "${s.unreadable.ruleText}", parameters ${s.unreadable.parametersText || '(none)'}: the forms cannot read this row. Fix it in the sheet and reload, or remove it.`
                      : 'Incomplete: fill in the form.')}
                </Text>
                {s.note !== undefined && c.step === undefined && <Text italic>{s.note}</Text>}
                {(found.get(i) ?? []).map((f, k) => (
                  <MessageBar key={k} intent={f.severity === 'error' ? 'error' : 'warning'} layout="multiline">
                    <MessageBarBody>{f.message}</MessageBarBody>
                  </MessageBar>
                ))}
                <div className={styles.actions}>
                  {s.rule !== null && (
                    <Button size="small" onClick={() => setSelected(s.id)} aria-pressed={s.id === selected}>
                      Edit {label}
                    </Button>
                  )}
                  <Button size="small" disabled={i === 0} onClick={() => move(i, -1)} aria-keyshortcuts="Alt+ArrowUp">
                    Move {label} up
                  </Button>
                  <Button
                    size="small"
                    disabled={i === draft.steps.length - 1}
                    onClick={() => move(i, 1)}
                    aria-keyshortcuts="Alt+ArrowDown"
                  >
                    Move {label} down
                  </Button>
                  <Button
                    size="small"
                    onClick={() => change({ ...draft, steps: draft.steps.filter((x) => x.id !== s.id) }, '')}
                  >
                    Remove {label}
                  </Button>
                </div>
              </Card>
            </li>
          );
        })}
      </ol>
      {step !== undefined && step.rule !== null && (
        <Card aria-label={`Form of step ${current + 1}`} role="group">
          <Text weight="semibold">
            Step {current + 1}: {ruleById(step.rule)!.title}
          </Text>
          <Text>{ruleById(step.rule)!.summary}</Text>
          {(() => {
            const form = FORMS[step.rule];
            const c = checks[current]!;
            const set = (key: string, value: FieldValue): void => {
              touch(`${step.id}:${key}`);
              change(
                {
                  ...draft,
                  steps: draft.steps.map((x) => (x.id === step.id ? { ...x, state: { ...x.state, [key]: value } } : x)),
                },
                `${step.id}:${key}`,
              );
            };
            const errors = visible(step.id, c.errors);
            const example = exampleSentence(step.rule);
            return (
              <>
                {example !== '' && <Text italic>For example: {example}</Text>}
                <form.Fields
                  state={step.state}
                  set={set}
                  errors={errors}
                  accounts={read.accounts}
                  {...(read.accountNames === undefined ? {} : { accountNames: read.accountNames })}
                />
                {errors.get('') !== undefined && <Text role="alert">{errors.get('')}</Text>}
                <Text>
                  Details: <span data-testid="live-sentence">{c.sentence ?? '(incomplete)'}</span>
                </Text>
              </>
            );
          })()}
        </Card>
      )}
      <Field label="Add a step" hint={pickedRule?.summary ?? 'Choose a rule from the catalog'}>
        <Select value={picked} onChange={(_, d) => setPicked(d.value as RuleId | '')}>
          <option value="">Choose a rule…</option>
          {Object.entries(GROUPS).map(([group, title]) => (
            <optgroup key={group} label={title}>
              {(RULES as readonly RuleModule[])
                .filter((r) => r.group === group)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button
          disabled={pickedRule === undefined}
          onClick={() => {
            if (pickedRule === undefined) return;
            const s = newStep(pickedRule.id as RuleId);
            change({ ...draft, steps: [...draft.steps, s] }, '');
            setSelected(s.id);
            setPicked('');
          }}
        >
          Add step
        </Button>
        <Button disabled={history.length === 0} onClick={undo}>
          Undo the last change
        </Button>
      </div>
      {save.state.status === 'failed' && <ErrorBar title="Could not save the workflow" error={save.state.error} />}
      {saveTried && workflow === null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            Not saved yet:{' '}
            {nameError ?? (draft.steps.length === 0 ? 'add a step first.' : 'fill in the fields marked in red.')}
          </MessageBarBody>
        </MessageBar>
      )}
      {confirmCancel ? (
        <div className={styles.section} role="group" aria-label="Discard the changes?">
          <Text role="alert">Your changes to this workflow are not saved. Discard them?</Text>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => props.onClose()}>
              Discard changes
            </Button>
            <Button onClick={() => setConfirmCancel(false)}>Keep editing</Button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={save.busy}
            onClick={async () => {
              if (workflow === null) {
                setSaveTried(true);
                const bad = draft.steps.find((s) => checkStep(s).step === undefined);
                if (bad !== undefined && bad.rule !== null) setSelected(bad.id);
                return;
              }
              const r = await save.run(draft.original, workflow);
              if (r !== undefined)
                props.onClose(`Saved "${workflow.name}" to ${rowsText(r.written)} of the Billing Workflows sheet.`);
            }}
          >
            Save to the sheet
          </Button>
          <Button onClick={() => (history.length > 0 ? setConfirmCancel(true) : props.onClose())}>Cancel</Button>
        </div>
      )}
    </section>
  );
}
