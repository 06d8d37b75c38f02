// Task pane entry: waits for Office, then renders the app inside Fluent UI's provider with a theme
// that follows Office's. The Office.js adapter (and the core it brings) loads on first use.
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStaticStyles,
  makeStyles,
} from '@fluentui/react-components';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { deferredHost } from './deferred-host';
import { fluentThemeFor, type OfficeThemeInfo } from './theme';

const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });
const useStyles = makeStyles({ provider: { minHeight: '100vh' } });

function Shell({ officeTheme, children }: { officeTheme: OfficeThemeInfo | undefined; children: ReactNode }) {
  useBodyStyles();
  const styles = useStyles();
  return (
    <FluentProvider theme={fluentThemeFor(officeTheme)} className={styles.provider}>
      {children}
    </FluentProvider>
  );
}

function OfficeMissing() {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Office did not load</MessageBarTitle>
        Open this pane from Excel: Home › MSP Enrollment (see docs/addin.md).
      </MessageBarBody>
    </MessageBar>
  );
}

function render(officeTheme: OfficeThemeInfo | undefined, content: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <Shell officeTheme={officeTheme}>{content}</Shell>
    </StrictMode>,
  );
}

if (typeof Office === 'undefined') {
  // office.js did not load (blocked, offline, or the page was opened outside Office's CDN reach).
  render(undefined, <OfficeMissing />);
} else {
  void Office.onReady().then(() => {
    const host = deferredHost(() =>
      import(/* webpackChunkName: "excel" */ /* webpackPrefetch: true */ '../excel/host').then((m) => m.officeHost()),
    );
    // officeTheme is missing on hosts without the theme API (Excel on the web among them).
    const officeTheme: Office.OfficeTheme | undefined = Office.context.officeTheme;
    render(officeTheme, <App host={host} />);
  });
}
