// Task pane entry (placeholder): waits for Office, then renders the React app inside Fluent UI's
// provider with a theme that follows Office's. The lead replaces <App> with the real task pane.
import { FluentProvider, Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fluentThemeFor, type OfficeThemeInfo } from './theme';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

function App({ officeReady }: { officeReady: boolean }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title1 as="h1">Spot MSP Enrollment</Title1>
      {!officeReady && <Text>Office did not load: open this page from Excel (see docs/addin.md).</Text>}
    </main>
  );
}

function render(officeTheme: OfficeThemeInfo | undefined, officeReady: boolean): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <FluentProvider theme={fluentThemeFor(officeTheme)}>
        <App officeReady={officeReady} />
      </FluentProvider>
    </StrictMode>,
  );
}

if (typeof Office === 'undefined') {
  // office.js did not load (blocked, offline, or the page was opened outside Office's CDN reach).
  render(undefined, false);
} else {
  void Office.onReady().then(() => {
    // officeTheme is missing on hosts without the theme API (Excel on the web among them).
    const officeTheme: Office.OfficeTheme | undefined = Office.context.officeTheme;
    render(officeTheme, true);
  });
}
