/**
 * The task pane: a title, a tab per view, and the views. Each view is one component; a view's
 * code can be loaded when its tab is first opened (React.lazy), and a view stays mounted once
 * opened, so switching tabs keeps what it showed. Validation state lives here, above the views,
 * so it keeps re-validating as the user edits whichever tab is open.
 *
 * To add a view ("Workflows", "Submit"): one entry in VIEWS.
 */
import { Spinner, Tab, TabList, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState, type ReactNode } from 'react';
import type { EnrollmentHost } from '../excel/host';
import { BuildSheetsView } from './BuildSheetsView';
import { ErrorBoundary } from './ErrorBoundary';
import { HostProvider, useHost } from './HostContext';
import { ImportView } from './ImportView';
import { useValidation, type Validation } from './useValidation';

const WorkflowsView = lazy(() =>
  import(/* webpackChunkName: "workflows" */ './workflows/WorkflowsView').then((m) => ({
    default: m.WorkflowsView,
  })),
);
const ValidateView = lazy(() =>
  import(/* webpackChunkName: "validate" */ /* webpackPrefetch: true */ './ValidateView').then((m) => ({
    default: m.ValidateView,
  })),
);
// The package code (and fflate) comes with this chunk, never with the pane's first download.
const SubmitView = lazy(() =>
  import(/* webpackChunkName: "submit" */ './submit/SubmitView').then((m) => ({ default: m.SubmitView })),
);
// The preview engine runs in its own worker file; this chunk is the tab's React code only.
const PreviewView = lazy(() =>
  import(/* webpackChunkName: "preview" */ './preview/PreviewView').then((m) => ({ default: m.PreviewView })),
);

/** What every view can use besides the host (useHost). */
export interface ViewContext {
  readonly validation: Validation;
  /** The view's tab is the one shown. */
  readonly active: boolean;
}

export interface ViewSpec {
  readonly id: string;
  /** The tab's name. */
  readonly label: string;
  readonly render: (context: ViewContext) => ReactNode;
}

export const VIEWS: readonly [ViewSpec, ...ViewSpec[]] = [
  {
    id: 'setup',
    label: 'Set up',
    render: () => (
      <>
        <BuildSheetsView />
        <ImportView />
      </>
    ),
  },
  { id: 'workflows', label: 'Workflows', render: () => <WorkflowsView /> },
  { id: 'validate', label: 'Validate', render: (context) => <ValidateView {...context} /> },
  { id: 'submit', label: 'Submit', render: (context) => <SubmitView {...context} /> },
  { id: 'preview', label: 'Preview', render: () => <PreviewView /> },
];

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  title: { margin: 0 },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Small tabs that wrap: the four fit side by side in Office's narrowest pane (320 px), and a
  // larger text size wraps them rather than hiding one beyond the edge.
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: 'wrap' },
  // display: flex would otherwise override the `hidden` attribute of the panels not shown.
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, '&[hidden]': { display: 'none' } },
});

function Pane() {
  const host = useHost();
  const styles = useStyles();
  const ids = useId();
  const validation = useValidation(host);
  const [current, setCurrent] = useState<string>(VIEWS[0].id);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([VIEWS[0].id]));

  const open = (id: string): void => {
    setCurrent(id);
    setOpened((before) => (before.has(id) ? before : new Set([...before, id])));
  };

  return (
    <div className={styles.root}>
      <header>
        <Title3 as="h1" className={styles.title}>
          Spot MSP Enrollment
        </Title3>
      </header>
      <main className={styles.main}>
        <TabList
          size="small"
          className={styles.tabs}
          aria-label="Enrollment steps"
          selectedValue={current}
          onTabSelect={(_, data) => open(String(data.value))}
        >
          {VIEWS.map((v) => (
            <Tab key={v.id} value={v.id} id={`${ids}-tab-${v.id}`} aria-controls={`${ids}-panel-${v.id}`}>
              {v.label}
            </Tab>
          ))}
        </TabList>
        {VIEWS.filter((v) => opened.has(v.id)).map((v) => (
          <div
            key={v.id}
            id={`${ids}-panel-${v.id}`}
            role="tabpanel"
            aria-labelledby={`${ids}-tab-${v.id}`}
            hidden={v.id !== current}
            className={styles.panel}
          >
            <ErrorBoundary>
              <Suspense fallback={<Spinner size="small" label="Loading…" />}>
                {v.render({ validation, active: v.id === current })}
              </Suspense>
            </ErrorBoundary>
          </div>
        ))}
      </main>
    </div>
  );
}

export function App({ host }: { host: EnrollmentHost }) {
  return (
    <HostProvider host={host}>
      <Pane />
    </HostProvider>
  );
}
