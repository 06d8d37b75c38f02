/** @jest-environment jsdom */
/**
 * The Preview tab with a fake worker (jsdom has no Worker): picking files, the workbook refused
 * with its errors, progress and Cancel, the results (totals, waterfall with its table, notes, not
 * enrolled), the per-account view of a selected subset, and the Preview sheet with its confirmation.
 * The result shown is the engine's own, computed in the test on hand-built line items.
 */
import '@testing-library/jest-dom';
// jsdom lacks ResizeObserver (Fluent's MessageBar and Dialog use one).
import '../submit/jsdom-polyfills';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding } from '../../../src/core/findings';
import type { PreviewResult } from '../../../src/core/preview/runner';
import type { PreviewSheetOutcome } from '../../../src/excel/preview-sheet';
import { HostProvider } from '../../../src/taskpane/HostContext';
import { PreviewPanel } from '../../../src/taskpane/preview/PreviewView';
import type { StartMessage, WorkerReply } from '../../../src/taskpane/preview/protocol';
import type { PreviewWorker } from '../../../src/taskpane/preview/worker-client';
import { previewUnsupported } from '../../../src/taskpane/preview/worker-client';
import { enrollmentOf, previewOf } from '../../core/preview/helpers';
import { FakeHost } from '../fake-host';

const ENROLLMENT = enrollmentOf(
  [
    { name: 'Contoso', workflow: 'Uplift', accounts: ['111111111111', '111111111112'] },
    { name: 'Fabrikam', workflow: 'Plain', accounts: ['222222222222'] },
  ],
  {
    Uplift: [
      { rule: 'uplift', parameters: { percent: 10 } },
      { rule: 'remove-taxes', parameters: {} },
    ],
    Plain: [{ rule: 'no-billing-rules', parameters: {} }],
  },
);

const row = (account: string, cost: string, type = 'Usage', productCode = 'AmazonEC2') => ({
  usageAccountId: account,
  unblendedCost: cost,
  lineItemType: type,
  productCode,
  payerAccountId: '999999999999',
  billingPeriodStart: '2025-06-01T00:00:00Z',
});

// Contoso: 100 + 20 (S3) + 50 usage, 7 tax → uplift 10% on 170 = 187, + 7 tax, then tax removed = 187.
const RESULT: PreviewResult = previewOf(ENROLLMENT, [
  row('111111111111', '100'),
  row('111111111111', '20', 'Usage', 'AmazonS3'),
  row('111111111112', '50'),
  row('111111111112', '7', 'Tax'),
  row('222222222222', '30'),
  row('333333333333', '12.345'),
]);

class FakeWorker implements PreviewWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: StartMessage[] = [];
  terminated = false;
  postMessage(message: StartMessage): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: WorkerReply): void {
    act(() => this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>));
  }
}

function setup(
  read: { findings: Finding[]; enrollment: typeof ENROLLMENT | null } = { findings: [], enrollment: ENROLLMENT },
) {
  const workers: FakeWorker[] = [];
  const writes: boolean[] = [];
  const outcomes: PreviewSheetOutcome[] = [];
  const host = Object.assign(new FakeHost(), {
    readForPreview: async () => read,
    writePreviewSheet: async (_result: PreviewResult, replace: boolean): Promise<PreviewSheetOutcome> => {
      writes.push(replace);
      return outcomes.shift() ?? { kind: 'written', sheet: 'Preview', rows: 5, syncs: 3 };
    },
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <HostProvider host={host}>
        <PreviewPanel
          createWorker={() => {
            const w = new FakeWorker();
            workers.push(w);
            return w;
          }}
          unsupported={() => null}
        />
      </HostProvider>
    </FluentProvider>,
  );
  return { workers, writes, outcomes };
}

async function pick(...names: string[]): Promise<void> {
  const files = names.map((n) => new File(['x'.repeat(10)], n));
  await userEvent.setup({ applyAccept: false }).upload(screen.getByLabelText('CUR files'), files);
}

// Fluent's Dialog mounts in a portal with its motion: on a busy machine, later than findBy's 1 s.
const SLOW = { timeout: 10_000 };
// jsdom computes the Dialog's portal as hidden while its opening motion runs (no layout, no
// animation end), so the dialog and its buttons are queried with hidden elements included.
const IN_DIALOG = { hidden: true } as const;

const previewButton = () => screen.getByRole('button', { name: 'Preview' });

async function startRun() {
  const ctx = setup();
  await pick('cur-00001.snappy.parquet', 'cur-00002.csv.gz');
  await userEvent.click(previewButton());
  await screen.findByText('Starting…');
  return ctx;
}

describe('the Preview tab', () => {
  it('sends the enrollment and the picked files to the worker', async () => {
    const { workers } = await startRun();
    expect(workers).toHaveLength(1);
    const message = workers[0]!.posted[0]!;
    expect(message.enrollment).toEqual(ENROLLMENT);
    expect(message.files.map((f) => f.name)).toEqual(['cur-00001.snappy.parquet', 'cur-00002.csv.gz']);
    expect(message.files[0]!.blob).toBeInstanceOf(Blob);
  });

  it('refuses a file that is not a CUR format in the field, and does not preview', async () => {
    const { workers } = setup();
    await pick('cur.parquet', 'notes.xlsx');
    expect(screen.getByText(/notes\.xlsx: not a CUR file/)).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();
    expect(workers).toHaveLength(0);
  });

  it('refuses a workbook with errors, listing them with their cells', async () => {
    const error: Finding = {
      code: 'account-duplicate',
      severity: 'error',
      sheet: 'Accounts',
      cell: 'D4',
      message: 'Account 111111111111 is in two subsets.',
    };
    const { workers } = setup({ findings: [error], enrollment: null });
    await pick('cur.parquet');
    await userEvent.click(previewButton());
    const list = await screen.findByRole('list', { name: 'Errors that block the preview' });
    expect(within(list).getByText('Accounts!D4')).toBeInTheDocument();
    expect(list).toHaveTextContent('Account 111111111111 is in two subsets.');
    expect(workers).toHaveLength(0);
  });

  it('shows progress by rows and bytes, and Cancel stops the worker', async () => {
    const { workers } = await startRun();
    const w = workers[0]!;
    w.reply({ type: 'progress', rows: 250_000, bytes: 25, totalBytes: 100, pass: 1, passes: 1 });
    const bar = screen.getByRole('progressbar', { name: 'Preview running' });
    expect(bar).toHaveAttribute('aria-valuenow', '0.25');
    expect(screen.getByText('250,000 rows read, 25% of the bytes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(w.terminated).toBe(true);
    expect(screen.getByText('Preview cancelled.')).toBeInTheDocument();
    // A late message from the stopped worker changes nothing.
    w.reply({ type: 'done', result: RESULT, ms: 1 });
    expect(screen.queryByRole('table', { name: 'Charges per subset' })).not.toBeInTheDocument();
    expect(previewButton()).toBeEnabled();
  });

  it('shows the totals, each subset, the not-enrolled account, and the waterfall with its numbers', async () => {
    const { workers } = await startRun();
    workers[0]!.reply({ type: 'done', result: RESULT, ms: 1234 });
    expect(workers[0]!.terminated).toBe(true);
    expect(screen.getByTestId('preview-total')).toHaveTextContent(
      'Total before 219.35, final 229.35 (+10.00)', // 207 + 12.345 (rounded) before; 187 + 30 + 12.345 final
    );
    const subsets = screen.getByRole('table', { name: 'Charges per subset' });
    const rows = within(subsets)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'SubsetEnd customerBeforeFinalDifference',
      'Contoso177.00187.00+10.00',
      'Fabrikam30.0030.000.00',
      'Not enrolled1 account12.3512.350.00',
    ]);
    expect(
      screen.getByText(/the CUR has 1 account that the workbook does not list \(333333333333\)/),
    ).toBeInTheDocument();
    // The chart is one labelled image; its numbers are a table.
    expect(
      screen.getByRole('img', { name: /Charges of Contoso, step by step: before 177.00, final 187.00/ }),
    ).toBeInTheDocument();
    const steps = screen.getByRole('table', { name: 'Charges of Contoso, step by step' });
    expect(
      within(steps)
        .getAllByRole('row')
        .map((r) => r.textContent?.replace(/\(exact\)/, '')),
    ).toEqual([
      'StageChangeCharge',
      'Before177.00',
      expect.stringMatching(/^1\. .*\+17\.00194\.00$/),
      expect.stringMatching(/^2\. .*-7\.00187\.00$/),
      'Final+10.00187.00',
    ]);
  });

  it('shows a selected subset per account and per service', async () => {
    const { workers } = await startRun();
    workers[0]!.reply({ type: 'done', result: RESULT, ms: 1 });
    const accounts = screen.getByRole('table', { name: 'Accounts of Contoso' });
    expect(
      within(accounts)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'AccountBeforeStep 1Step 2FinalDifference',
      '111111111111 acct 111111111111120.00132.00132.00132.00+12.00',
      '111111111112 acct 11111111111257.0062.0055.0055.00-2.00',
    ]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Subset' }), { target: { value: 'Fabrikam' } });
    const services = screen.getByRole('table', { name: 'Services of Fabrikam' });
    expect(
      within(services)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['ServiceBeforeStep 1FinalDifference', 'AmazonEC230.0030.0030.000.00']);
  });

  it("says what stopped the run in the engine's words", async () => {
    const { workers } = await startRun();
    workers[0]!.reply({
      type: 'refused',
      note: { code: 'cur-not-recognised', severity: 'input', message: 'people.csv is not a Cost and Usage Report.' },
    } as WorkerReply);
    expect(screen.getByText('people.csv is not a Cost and Usage Report.')).toBeInTheDocument();
  });

  it('writes the Preview sheet, and replaces an existing one only after asking', async () => {
    const { workers, writes, outcomes } = await startRun();
    workers[0]!.reply({ type: 'done', result: RESULT, ms: 1 });
    outcomes.push({ kind: 'exists', sheet: 'Preview' });
    await userEvent.click(screen.getByRole('button', { name: 'Write preview to a sheet' }));
    await screen.findByText('Replace the Preview sheet?', {}, SLOW);
    expect(writes).toEqual([false]);
    await userEvent.click(screen.getByRole('button', { ...IN_DIALOG, name: 'Keep it' }));
    expect(writes).toEqual([false]);
    outcomes.push({ kind: 'exists', sheet: 'Preview' });
    await userEvent.click(screen.getByRole('button', { name: 'Write preview to a sheet' }));
    await screen.findByText('Replace the Preview sheet?', {}, SLOW);
    await userEvent.click(screen.getByRole('button', { ...IN_DIALOG, name: 'Replace' }));
    expect(writes).toEqual([false, false, true]);
    expect(await screen.findByText(/Wrote 5 lines to the Preview sheet/, {}, SLOW)).toBeInTheDocument();
  });
});

describe('an old webview', () => {
  it('lacking Worker or Blob streams, the tab says so in one sentence', () => {
    expect(previewUnsupported({ ...globalThis, Worker: undefined } as unknown as typeof globalThis)).toMatch(
      /^This version of Office's web view cannot run the preview .*\.$/,
    );
    const noStream = { ...globalThis, Worker: function Worker() {}, Blob: function Blob() {} };
    expect(previewUnsupported(noStream as unknown as typeof globalThis)).not.toBeNull();
    render(
      <FluentProvider theme={webLightTheme}>
        <HostProvider host={new FakeHost()}>
          <PreviewPanel unsupported={() => 'No workers here.'} />
        </HostProvider>
      </FluentProvider>,
    );
    expect(screen.getByText('No workers here.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Preview' })).not.toBeInTheDocument();
  });

  it('a current webview passes the check', () => {
    const scope = {
      Worker: function Worker() {},
      BigInt,
      ReadableStream: function ReadableStream() {},
      Blob: { prototype: { stream() {}, arrayBuffer() {} } },
    };
    expect(previewUnsupported(scope as unknown as typeof globalThis)).toBeNull();
  });
});
