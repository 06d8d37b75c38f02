/** @jest-environment jsdom */
// The Submit view on the platforms of issue 9 (items 7 and 9) and the pinned intake origins of
// issue 16 (item 4): the save route the pane offers and says, where the token is kept, forgetting
// it, and an intake address outside the build's origins refused before any request.
import './jsdom-polyfills';
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EnrollmentHost } from '../../../src/excel/host';
import { officeHost } from '../../../src/excel/host';
import { HostProvider } from '../../../src/taskpane/HostContext';
import { SubmitView, type SubmitViewProps } from '../../../src/taskpane/submit/SubmitView';
import { readHandover } from '../../../src/taskpane/submit/handover';
import { STORAGE_PLACES, memoryStore, saveIntakeSettings } from '../../../src/taskpane/submit/settings';
import type { Transport } from '../../../src/taskpane/submit/upload';
import { freshExcel, loadValid } from '../../excel/helpers';
import { FakeHost } from '../fake-host';

const PAGE = 'https://addins.example.com/msp/taskpane.html';

async function validHost(): Promise<FakeHost> {
  const excel = freshExcel();
  loadValid(excel);
  const read = await officeHost().readForSubmit!();
  const host = new FakeHost();
  host.answerReadForSubmit = async () => read;
  return host;
}

function renderView(host: EnrollmentHost, props: SubmitViewProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <HostProvider host={host}>
        <SubmitView now={() => new Date('2025-03-14T09:30:00Z')} {...props} />
      </HostProvider>
    </FluentProvider>,
  );
}

const submit = () => userEvent.click(screen.getByRole('button', { name: 'Submit to Spot' }));

describe('saving the package on each platform', () => {
  it('on Excel for Mac: no download link, a button that opens the save page in the browser with the package', async () => {
    const host = await validHost();
    const opened: string[] = [];
    renderView(host, {
      store: memoryStore(),
      saveEnvironment: { platform: 'Mac', openBrowserWindow: (url) => opened.push(url), pageUrl: PAGE },
    });
    await submit();
    const button = await screen.findByRole('button', { name: /^Open in browser to save .*\.zip$/ });
    expect(screen.queryByRole('link', { name: /^Save / })).not.toBeInTheDocument();
    expect(
      screen.getByText(/Excel on Mac cannot save files from add-ins: the package opens in your browser/),
    ).toBeVisible();
    await userEvent.click(button);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(url.origin + url.pathname).toBe('https://addins.example.com/msp/save.html');
    const read = readHandover(url.hash);
    if (!read.ok) throw new Error(`handover not readable: ${read.problem}`);
    expect(read.handover.fileName).toMatch(/-2025-03-14\.zip$/);
    expect(host.submissionLog[0]!.packageSha256).toBe(read.handover.sha256);
  });

  it('on Excel for iPad without the browser API: says what is left, and that the workbook was rebuilt', async () => {
    const host = await validHost();
    const read = await host.answerReadForSubmit();
    host.answerReadForSubmit = async () => ({
      ...read,
      workbook: { ...read.workbook!, source: 'rebuilt-from-values', note: 'Excel on iPad has no compressed-file API.' },
    });
    renderView(host, { store: memoryStore(), saveEnvironment: { platform: 'iOS', pageUrl: PAGE } });
    await submit();
    expect(await screen.findByText(/Excel on iPad cannot save files from add-ins/)).toBeVisible();
    expect(screen.getByText(/rebuilt from the values of the enrollment sheets/)).toBeVisible();
    expect(screen.getByText('Excel on iPad has no compressed-file API.')).toBeVisible();
    expect(screen.queryByRole('link', { name: /^Save / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Open in browser/ })).not.toBeInTheDocument();
  });

  it('on Windows: the download link, and the sentence saying so', async () => {
    const host = await validHost();
    renderView(host, { store: memoryStore(), saveEnvironment: { platform: 'PC', pageUrl: PAGE } });
    await submit();
    expect(await screen.findByRole('link', { name: /^Save .*\.zip$/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/^blob:/),
    );
    expect(screen.getByText(/Select the link to save the package/)).toBeVisible();
  });
});

describe('upload settings', () => {
  it('say where the token is kept, and forget it on request', async () => {
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/in', token: 'tok-1' });
    renderView(new FakeHost(), { store, intakeOrigins: ['https://intake.example.com'] });
    await userEvent.click(screen.getByText('Advanced: upload settings (optional)'));
    expect(screen.getByText(STORAGE_PLACES.memory)).toBeInTheDocument();
    expect(screen.getByText(/This build uploads only to https:\/\/intake\.example\.com\./)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Forget token' }));
    expect(await screen.findByText('Token forgotten.')).toBeInTheDocument();
    expect(JSON.parse(store.data.get('msp-enroll.intake')!)).toEqual({
      url: 'https://intake.example.com/in',
      token: '',
    });
    expect(screen.getByLabelText('Access token')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Forget token' })).not.toBeInTheDocument();
  });

  it('refuse an address outside the build’s intake origins, and store nothing', async () => {
    const store = memoryStore();
    renderView(new FakeHost(), { store, intakeOrigins: ['https://intake.example.com'] });
    await userEvent.click(screen.getByText('Advanced: upload settings (optional)'));
    await userEvent.type(screen.getByLabelText('Intake address'), 'https://elsewhere.example.net/in');
    await userEvent.click(screen.getByRole('button', { name: 'Save upload settings' }));
    expect(
      await screen.findByText(
        'This add-in may upload only to https://intake.example.com; https://elsewhere.example.net is not one of them.',
      ),
    ).toBeInTheDocument();
    expect(store.data.size).toBe(0);
  });

  it('a stored address outside the origins is never sent to; the package stays to save', async () => {
    const host = await validHost();
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://old-intake.example.org/in', token: 't' });
    const sent: string[] = [];
    const transport: Transport = async (request) => {
      sent.push(request.url);
      return { status: 200, statusText: 'OK' };
    };
    renderView(host, { store, intakeOrigins: [], upload: { transport }, saveEnvironment: { pageUrl: PAGE } });
    await screen.findByText(/and upload to https:\/\/old-intake\.example\.org\/in/);
    await submit();
    expect(await screen.findByText(/This build of the add-in uploads nowhere/)).toBeInTheDocument();
    // Nothing was sent and nothing is logged until the package is saved (issue 10).
    expect(host.submissionLog).toEqual([]);
    await userEvent.click(screen.getByRole('link', { name: /^Save .*\.zip$/ }));
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(host.submissionLog[0]!.destination).toBe('saved (upload to https://old-intake.example.org/in failed)');
    expect(sent).toEqual([]);
  });
});
