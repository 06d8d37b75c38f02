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

function transportOf(...answers: (UploadResponse | TransportError)[]): {
  transport: Transport;
  urls: string[];
  keys: (string | undefined)[];
} {
  const urls: string[] = [];
  const keys: (string | undefined)[] = [];
  return {
    urls,
    keys,
    transport: async (request) => {
      urls.push(request.url);
      keys.push(request.headers['Idempotency-Key']);
      request.onProgress(request.body.length / 2, request.body.length);
      const answer = answers.shift() ?? { status: 200, statusText: 'OK' };
      if (answer instanceof TransportError) throw answer;
      return answer;
    },
  };
}
const noWait = { sleep: async () => undefined };

/** A host answering with the valid workbook, and the intake settings saved. */
async function withIntake(
  url = 'https://intake.example.com/spot',
  token = '',
): Promise<{ host: FakeHost; store: ReturnType<typeof memoryStore> }> {
  const host = new FakeHost();
  const read = await validRead();
  host.answerReadForSubmit = async () => read;
  const store = memoryStore();
  await saveIntakeSettings(store, { url, token });
  return { host, store };
}

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

  it('lists what is left out of the package and needs a confirmation first (issue 16)', async () => {
    const host = new FakeHost();
    const read = await validRead();
    const leftOut = ['very hidden sheet "Keys": left out', '1 comment: left out (Accounts!C3)'];
    host.answerReadForSubmit = async () => ({ ...read, shipment: { ...read.shipment!, leftOut } });
    renderView(host, { store: memoryStore() });
    await userEvent.click(submitButton());
    const confirm = await screen.findByRole('button', { name: 'Submit the enrollment sheets only' });
    expect(screen.getByText(/Spot receives the values of "Enrollment", "Accounts"/)).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Left out of the package' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(leftOut);
    expect(host.submissionLog).toEqual([]);
    await userEvent.click(confirm);
    const save = await screen.findByRole('link', { name: /^Save .*\.zip$/ });
    // The Submission Log row comes when the package is saved, not when it is made (issue 10).
    expect(host.submissionLog).toEqual([]);
    await userEvent.click(save);
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
  });

  it('a credential in what would ship blocks it, the cell named; nothing packaged or logged', async () => {
    const host = new FakeHost();
    const read = await validRead();
    const credentials = ['Accounts!F2 holds what looks like an AWS access key ID. Nothing was packaged: …'];
    host.answerReadForSubmit = async () => ({ ...read, shipment: { ...read.shipment!, credentials } });
    renderView(host, { store: memoryStore() });
    await userEvent.click(submitButton());
    expect(
      await screen.findByText(/Not submitted: the workbook holds what looks like a credential/),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Credentials that block submission' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(credentials);
    expect(screen.queryByRole('link', { name: /^Save / })).toBeNull();
    expect(host.submissionLog).toEqual([]);
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

  it('uploads with the package’s SHA-256 as Idempotency-Key, and logs the address without its query', async () => {
    const { host, store } = await withIntake('https://intake.example.com/spot?key=abc', 'tok-123');
    const { transport, urls, keys } = transportOf({ status: 200, statusText: 'OK' });
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to https:\/\/intake\.example\.com\/spot\./);
    await userEvent.click(submitButton());
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    expect(urls).toHaveLength(1);
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(keys).toEqual([host.submissionLog[0]!.packageSha256]);
    expect(host.submissionLog[0]!.destination).toBe('https://intake.example.com/spot');
    expect(JSON.stringify(host.submissionLog)).not.toContain('tok-123');
    expect(screen.getByRole('link', { name: /^Save / })).toBeInTheDocument();
    const attempts = screen.getByRole('list', { name: /^Upload attempts of / });
    expect(
      within(attempts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Attempt 1: The intake accepted the package (HTTP 200).']);
  });

  it('a 502 is not sent again by itself; Retry upload sends the same package with the same key once', async () => {
    const { host, store } = await withIntake();
    const { transport, urls, keys } = transportOf(
      { status: 502, statusText: 'Bad Gateway' },
      { status: 201, statusText: 'Created' },
    );
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText('Upload failed')).toBeInTheDocument();
    expect(urls).toHaveLength(1);
    expect(screen.getByText(/may already have it: retry only if Spot has not received it/)).toBeInTheDocument();
    // A failed upload alone is no submission: nothing is logged (issue 10).
    expect(host.submissionLog).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Retry upload' }));
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    expect(urls).toHaveLength(2);
    await waitFor(() => expect(host.submissionLog).toHaveLength(1));
    expect(keys).toEqual([host.submissionLog[0]!.packageSha256, host.submissionLog[0]!.packageSha256]);
    const attempts = screen.getByRole('list', { name: /^Upload attempts of / });
    expect(
      within(attempts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Attempt 1: The intake failed (HTTP 502 Bad Gateway) after the package was sent, so it may have arrived; it was not sent again.',
      'Attempt 2: The intake accepted the package (HTTP 201).',
    ]);
  });

  it('a failed upload keeps the package to save, says why, and can be retried', async () => {
    const { host, store } = await withIntake();
    const { transport, urls } = transportOf(new TransportError('timeout', 'timed out', true), {
      status: 201,
      statusText: 'Created',
    });
    renderView(host, { store, upload: { transport, ...noWait, timeoutMs: 30_000 } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText('Upload failed')).toBeInTheDocument();
    expect(urls).toHaveLength(1);
    expect(
      screen.getByText(
        /did not answer within 30 seconds, so it may have arrived; it was not sent again\. Nothing is lost/,
      ),
    ).toBeInTheDocument();
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

  it('retries by itself only what never left: refused connections, then delivered, each attempt said', async () => {
    const { host, store } = await withIntake();
    const refused = (): TransportError => new TransportError('network', 'connection refused', false);
    const { transport, urls } = transportOf(refused(), refused(), { status: 201, statusText: 'Created' });
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText(/received the package/)).toBeInTheDocument();
    expect(urls).toHaveLength(3);
    const attempts = screen.getByRole('list', { name: /^Upload attempts of / });
    expect(
      within(attempts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Attempt 1: The intake could not be reached (connection refused); nothing was sent. Trying again.',
      'Attempt 2: The intake could not be reached (connection refused); nothing was sent. Trying again.',
      'Attempt 3: The intake accepted the package (HTTP 201).',
    ]);
  });

  it('shows the upload progress while it runs', async () => {
    const { host, store } = await withIntake();
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
    const { host, store } = await withIntake('https://intake.example.com/spot', 'bad');
    const { transport, urls } = transportOf({ status: 403, statusText: 'Forbidden' });
    renderView(host, { store, upload: { transport, ...noWait } });
    await screen.findByText(/and upload to/);
    await userEvent.click(submitButton());
    expect(await screen.findByText('Upload failed')).toBeInTheDocument();
    expect(urls).toHaveLength(1);
    const attempts = screen.getByRole('list', { name: /^Upload attempts of / });
    expect(
      within(attempts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Attempt 1: The intake refused the package (HTTP 403 Forbidden): check the token.']);
    // Refused is not "may have arrived".
    expect(screen.queryByText(/may already have it/)).toBeNull();
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
