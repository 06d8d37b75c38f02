/** @jest-environment jsdom */
import './jsdom-polyfills';
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import type { EnrollmentHost, SubmitRead } from '../../../src/excel/host';
import { officeHost } from '../../../src/excel/host';
import { HostProvider } from '../../../src/taskpane/HostContext';
import { SubmitView, type SubmitViewProps } from '../../../src/taskpane/submit/SubmitView';
import { memoryStore, saveIntakeSettings } from '../../../src/taskpane/submit/settings';
import { ticketText } from '../../../src/core/package/ticket';
import { TransportError, type Transport, type UploadResponse } from '../../../src/taskpane/submit/upload';
import { freshExcel, loadValid } from '../../excel/helpers';
import { deferred, FakeHost } from '../fake-host';
import { UNKNOWN_SUBSET_D5, UNUSED_WORKFLOW_A2 } from '../findings';
import { renderPane } from '../render';

const NOW = new Date('2025-03-14T09:30:00Z');

/** A valid workbook's SubmitRead, as the Office.js adapter gives it on the in-memory Excel. */
async function validRead(findings: SubmitRead['findings'] = []): Promise<SubmitRead> {
  const excel = freshExcel();
  loadValid(excel);
  const read = await officeHost().readForSubmit!();
  return { ...read, findings };
}

function renderView(host: EnrollmentHost, props: SubmitViewProps = {}) {
  return render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <HostProvider host={host}>
          <SubmitView now={() => NOW} intakeOrigins={['https://intake.example.com']} {...props} />
        </HostProvider>
      </FluentProvider>
    </StrictMode>,
  );
}

const submitButton = (): HTMLElement => screen.getByRole('button', { name: 'Submit to Spot' });

function transportOf(...answers: (UploadResponse | TransportError)[]): { transport: Transport; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    transport: async (request) => {
      urls.push(request.url);
      request.onProgress(request.body.length / 2, request.body.length);
      const answer = answers.shift() ?? { status: 200, statusText: 'OK' };
      if (answer instanceof TransportError) throw answer;
      return answer;
    },
  };
}
const noWait = { sleep: async () => undefined };

describe('Submit', () => {
  it('errors block it and are listed; nothing is packaged or logged', async () => {
    const host = new FakeHost();
    host.answerReadForSubmit = async () => ({
      findings: [UNKNOWN_SUBSET_D5, UNUSED_WORKFLOW_A2],
      enrollment: null,
      workbook: null,
    });
    renderView(host, { store: memoryStore() });
    await userEvent.click(submitButton());
    expect(await screen.findByText(/Not submitted: 1 error to fix/)).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Errors that block submission' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent('Accounts!D5');
    expect(list).toHaveTextContent(UNKNOWN_SUBSET_D5.message);
    expect(screen.queryByRole('link', { name: /^Save / })).not.toBeInTheDocument();
    expect(host.submissionLog).toEqual([]);
  });

  it('warnings need an explicit confirmation', async () => {
    const host = new FakeHost();
    const read = await validRead([UNUSED_WORKFLOW_A2]);
    host.answerReadForSubmit = async () => read;
    renderView(host, { store: memoryStore() });
    await userEvent.click(submitButton());
    expect(await screen.findByRole('button', { name: 'Submit with 1 warning' })).toBeEnabled();
    expect(screen.getByRole('list', { name: 'Warnings' })).toHaveTextContent(UNUSED_WORKFLOW_A2.message);
    expect(host.submissionLog).toEqual([]);
    expect(submitButton()).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Submit with 1 warning' })).not.toBeInTheDocument();
    expect(host.submissionLog).toEqual([]);

    await userEvent.click(submitButton());
    await userEvent.click(await screen.findByRole('button', { name: 'Submit with 1 warning' }));
    await userEvent.click(await screen.findByRole('link', { name: /^Save .*\.zip$/ }));
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
  });

  it('success: a save link for the package, and one log row once saved; twice: two packages, two rows', async () => {
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    renderView(host, { store: memoryStore() });
    await userEvent.click(submitButton());
    const link = await screen.findByRole('link', { name: /^Save .*-2025-03-14\.zip$/ });
    const name = link.getAttribute('download')!;
    expect(name).toMatch(/^[a-z0-9-]+-\d{12}-2025-03-14\.zip$/);
    expect(link).toHaveAttribute('href', expect.stringMatching(/^blob:/));
    // Made is not saved: no log row until the link is used, and only one however often.
    expect(host.submissionLog).toEqual([]);
    await userEvent.click(link);
    await userEvent.click(link);
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(host.submissionLog[0]).toMatchObject({
      time: NOW,
      fileName: name,
      destination: 'saved',
      packageSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await screen.findByText(/Recorded in row 2 of the "Submission Log" sheet/)).toBeInTheDocument();

    await userEvent.click(submitButton());
    const second = await screen.findByRole('link', { name: `Save ${name.replace(/\.zip$/, '-2.zip')}` });
    expect(second).toHaveAttribute('download', name.replace(/\.zip$/, '-2.zip'));
    expect(screen.getByRole('link', { name: `Save ${name}` })).toBeInTheDocument();
    await userEvent.click(second);
    await waitFor(() => expect(host.submissionLog).toHaveLength(2));
    expect(host.submissionLog.map((e) => e.fileName)).toEqual([name, name.replace(/\.zip$/, '-2.zip')]);
  });

  it('uploads with progress, retries a 500, and logs the address without its query', async () => {
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/spot?key=abc', token: 'tok-123' });
    const { transport, urls } = transportOf(
      { status: 500, statusText: 'Server Error' },
      { status: 200, statusText: 'OK' },
    );
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to https:\/\/intake\.example\.com\/spot\./);
    await userEvent.click(submitButton());
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    expect(urls).toHaveLength(2);
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(host.submissionLog[0]!.destination).toBe('https://intake.example.com/spot');
    expect(JSON.stringify(host.submissionLog)).not.toContain('tok-123');
    expect(screen.getByRole('link', { name: /^Save / })).toBeInTheDocument();
  });

  it('a failed upload keeps the package to save, says why, and can be retried', async () => {
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/spot', token: '' });
    const { transport } = transportOf(
      new TransportError('timeout', 'timed out'),
      new TransportError('timeout', 'timed out'),
      new TransportError('timeout', 'timed out'),
      { status: 201, statusText: 'Created' },
    );
    renderView(host, { store, upload: { transport, ...noWait, timeoutMs: 30_000 } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText('Upload failed')).toBeInTheDocument();
    expect(screen.getByText(/did not answer within 30 seconds\. Nothing is lost/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Save / })).toHaveAttribute('href', expect.stringMatching(/^blob:/));
    // Nothing was sent and nothing saved yet: no row. Saving it records the failure beside "saved".
    expect(host.submissionLog).toEqual([]);
    expect(screen.getByRole('region', { name: 'Next step' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: /^Save / }));
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(host.submissionLog[0]!.destination).toBe('saved (upload to https://intake.example.com/spot failed)');

    await userEvent.click(screen.getByRole('button', { name: 'Retry upload' }));
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    await waitFor(() => expect(host.submissionLog).toHaveLength(2));
    expect(host.submissionLog[1]!.destination).toBe('https://intake.example.com/spot');
    expect(host.submissionLog[1]!.packageSha256).toBe(host.submissionLog[0]!.packageSha256);
  });

  it('without an intake: the next step says whom to e-mail, copies the ticket, and offers a mailto with it', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    const { container } = renderView(host, { store: memoryStore() });
    await user.click(submitButton());
    const next = await screen.findByRole('region', { name: 'Next step' });
    expect(next).toHaveTextContent('your Spot account representative (rep@spot.example)');
    expect(next).toHaveTextContent("Spot's enrollment contact (ben.swoboda@netapp.com)");
    const mailto = within(next).getByRole('link', { name: 'Open an e-mail to Spot' }).getAttribute('href')!;
    const url = new URL(mailto);
    expect(decodeURIComponent(url.pathname)).toBe('rep@spot.example,ben.swoboda@netapp.com');
    expect(url.searchParams.get('subject')).toBe('Spot MSP enrollment: Acme Cloud Partners (012345678901)');
    const ticket = ticketText(read.enrollment!);
    expect(url.searchParams.get('body')).toContain(ticket.split('\n')[0]);
    await user.click(within(next).getByRole('button', { name: 'Copy e-mail text' }));
    expect(await navigator.clipboard.readText()).toBe(ticket);
    expect(within(next).getByRole('status')).toHaveTextContent('E-mail text copied');
    expect(within(next).getByRole('textbox', { name: 'E-mail text' })).toHaveValue(ticket);
    // No repository paths, and the upload settings are tucked away under Advanced.
    expect(container.textContent).not.toMatch(/docs\/|\.md\b/);
    expect(screen.getByText('Advanced: upload settings (optional)').closest('details')).not.toHaveAttribute('open');
  });

  it('shows the upload progress while it runs', async () => {
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/spot', token: '' });
    const release = deferred<UploadResponse>();
    const transport: Transport = async (request) => {
      request.onProgress(request.body.length / 4, request.body.length);
      return release.promise;
    };
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    const bar = await screen.findByRole('progressbar', { name: 'Uploading to https://intake.example.com/spot' });
    expect(bar).toHaveAttribute('aria-valuenow', '0.25');
    release.resolve({ status: 200, statusText: 'OK' });
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('a 4xx is not retried', async () => {
    const host = new FakeHost();
    const read = await validRead();
    host.answerReadForSubmit = async () => read;
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/spot', token: 'bad' });
    const { transport, urls } = transportOf({ status: 403, statusText: 'Forbidden' });
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText(/HTTP 403 Forbidden\): check the token/)).toBeInTheDocument();
    expect(urls).toHaveLength(1);
  });

  it('the upload settings take https addresses only and go to the settings store', async () => {
    const host = new FakeHost();
    const store = memoryStore();
    renderView(host, { store });
    await userEvent.click(screen.getByText('Advanced: upload settings (optional)'));
    const address = screen.getByLabelText('Intake address');
    await userEvent.type(address, 'http://intake.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save upload settings' }));
    expect(await screen.findByText('The intake address must start with https://.')).toBeInTheDocument();
    expect(store.data.size).toBe(0);

    await userEvent.clear(address);
    await userEvent.type(address, 'https://intake.example.com/in');
    await userEvent.type(screen.getByLabelText('Access token'), 'tok');
    await userEvent.click(screen.getByRole('button', { name: 'Save upload settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(JSON.parse(store.data.get('msp-enroll.intake')!)).toEqual({
      url: 'https://intake.example.com/in',
      token: 'tok',
    });
    expect(host.calls).toEqual([]);
  });

  it('on the in-memory Excel: the address and token never reach the workbook', async () => {
    const excel = freshExcel();
    loadValid(excel);
    const store = memoryStore();
    await saveIntakeSettings(store, { url: 'https://intake.example.com/spot?secret=q1', token: 'tok-999' });
    const { transport } = transportOf({ status: 200, statusText: 'OK' });
    renderView(officeHost(), { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText(/Recorded in row 2/)).toBeInTheDocument();
    const texts = excel.model.sheets.flatMap((s) => [...s.cells.keys()].map((k) => String(s.cells.get(k)!.value)));
    expect(texts.join('\n')).toContain('https://intake.example.com/spot');
    expect(texts.join('\n')).not.toMatch(/tok-999|secret|q1/);
    expect(excel.model.sheet('Submission Log')).toBeDefined();
  });
});

describe('the Submit tab', () => {
  it('is in the pane and loads its view when opened', async () => {
    const host = new FakeHost();
    renderPane(host);
    await userEvent.click(screen.getByRole('tab', { name: 'Submit' }));
    expect(await screen.findByRole('button', { name: 'Submit to Spot' })).toBeInTheDocument();
  });
});
