// Browser harness: the real task pane (App and the officeHost adapter, unchanged) on the in-memory
// Excel host, beside an editable grid of that workbook. No office.js from the CDN: the host runs
// Microsoft's Excel client (@microsoft/office-js, bundled) on its own executor, installed as the
// `Excel` and `Office` globals before the pane's code first runs. See docs/harness.md.
import {
  Button,
  FluentProvider,
  Subtitle1,
  Text,
  makeStaticStyles,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { officeHost } from '../excel/host';
import { createMemoryExcel, install, type MemoryExcel } from '../in-memory-excel';
import { App } from '../taskpane/App';
import { changeFeed, observed, type Changes } from './changes';
import { Grid } from './Grid';
import { loadSeed } from './seed';

declare global {
  interface Window {
    /** The harness's in-memory host, for scripts driving the page (scripts/bench-addin.js). */
    mspHarness?: { readonly host: MemoryExcel; readonly changes: Changes };
  }
}

// The host claims ExcelApi 1.14 (Excel on the web has it and later), or ?api=1.8 (the manifest's
// minimum); ?issue5222=1 reproduces office-js #5222 (docs/harness.md).
const params = new URLSearchParams(window.location.search);
const api = params.get('api') ?? '1.14';
const changes = changeFeed();
const host = observed(
  createMemoryExcel({
    ...(/^1\.\d{1,2}$/.test(api) ? { apiVersion: api } : {}),
    issue5222: params.get('issue5222') === '1',
  }),
  changes,
);
host.addSheet('Sheet1');
install(host);
window.mspHarness = { host, changes };

// The grid's cell editor is Excel's cell-edit mode: while it is open (whatever has the focus,
// as in Excel, where clicking the task pane does not leave the cell), the pane's batches fail
// with InvalidOperationInCellEditMode, or wait with delayForCellEdit.
new MutationObserver(() => {
  const open = document.querySelector('[role="grid"] input') !== null;
  if (open && !host.inCellEdit) host.beginCellEdit();
  else if (!open && host.inCellEdit) host.endCellEdit();
}).observe(document.body, { childList: true, subtree: true });
// Created once, as index.tsx of the task pane does after Office.onReady.
const enrollmentHost = officeHost();

const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });
const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { margin: 0, marginRight: 'auto' },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 380px',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  pane: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: 'calc(100vh - 110px)',
    overflowY: 'auto',
  },
});

function Harness() {
  useBodyStyles();
  const styles = useStyles();
  // Re-render on every change of the workbook (the grid reads the model directly).
  useSyncExternalStore(changes.subscribe, changes.version);
  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          Spot MSP Enrollment harness
        </Subtitle1>
        <Text size={200}>In-memory workbook: nothing leaves this page.</Text>
        <Button
          onClick={() => {
            loadSeed(host);
            changes.bump();
          }}
        >
          Load example
        </Button>
      </header>
      <div className={styles.layout}>
        <Grid host={host} onEdited={changes.bump} />
        {/* The pane as Office shows it: its own <main> is the page's main landmark. */}
        <div id="pane" className={styles.pane}>
          <App host={enrollmentHost} />
        </div>
      </div>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('harness.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
