/** @jest-environment jsdom */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InPlaceResult } from '../../src/excel/in-place';
import { deferred, FakeHost, inPlace, type Deferred } from './fake-host';
import { CELLS, LOST_ZEROS_C3, UNKNOWN_SUBSET_D5 } from './findings';
import { renderPane } from './render';

describe('Re-validating as the user edits', () => {
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    jest.useFakeTimers();
    user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Validate once by hand, so that edits re-validate, and wait for the edit subscription. */
  async function validateOnce(host: FakeHost): Promise<void> {
    await user.click(screen.getByRole('tab', { name: 'Validate' }));
    await user.click(await screen.findByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(host.editSubscribers).toBe(1));
  }

  const advance = (ms: number): void =>
    act(() => {
      jest.advanceTimersByTime(ms);
    });

  it('does not listen to edits before the first validation', async () => {
    const host = new FakeHost();
    renderPane(host);
    await user.click(screen.getByRole('tab', { name: 'Validate' }));
    await screen.findByRole('button', { name: 'Validate' });
    expect(host.callsOf('onEdit')).toHaveLength(0);
    expect(host.callsOf('validate')).toHaveLength(0);
  });

  it('runs once, 700 ms after the last of two quick edits', async () => {
    const host = new FakeHost();
    renderPane(host);
    await validateOnce(host);
    expect(host.callsOf('validate')).toHaveLength(1);

    act(() => host.edit());
    advance(400);
    act(() => host.edit());
    expect(screen.getByText('Edits seen: validating again shortly…')).toBeInTheDocument();
    advance(699);
    expect(host.callsOf('validate')).toHaveLength(1);
    advance(1);
    expect(host.callsOf('validate')).toHaveLength(2);
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
  });

  it('keeps the newer results when a run overtaken by an edit finishes last', async () => {
    const host = new FakeHost();
    const runs: Deferred<InPlaceResult>[] = [];
    host.answerValidate = () => {
      const run = deferred<InPlaceResult>();
      runs.push(run);
      return run.promise;
    };
    renderPane(host);
    await user.click(screen.getByRole('tab', { name: 'Validate' }));
    await user.click(await screen.findByRole('button', { name: 'Validate' }));
    expect(runs).toHaveLength(1);
    await waitFor(() => expect(host.editSubscribers).toBe(1));
    const [firstIsStale] = host.staleChecks;
    expect(firstIsStale?.()).toBe(false);

    // The user edits while the first run is still reading: it is stale from now on.
    act(() => host.edit());
    expect(firstIsStale?.()).toBe(true);
    advance(700);
    expect(runs).toHaveLength(2);
    expect(host.staleChecks[1]?.()).toBe(false);

    await act(async () => runs[1]!.resolve(inPlace([UNKNOWN_SUBSET_D5], { cells: CELLS })));
    expect(screen.getByRole('status')).toHaveTextContent('1 error, no warnings.');

    // The first run ends last; the host saw isStale() and did not mark, and says so.
    await act(async () => runs[0]!.resolve(inPlace([LOST_ZEROS_C3, UNKNOWN_SUBSET_D5], { stale: true })));
    expect(screen.getByRole('status')).toHaveTextContent('1 error, no warnings.');
    expect(screen.queryByText(LOST_ZEROS_C3.message)).not.toBeInTheDocument();
  });

  it('keeps the earlier results while a stale run waits for the next one', async () => {
    const host = new FakeHost();
    host.answerValidate = async () => inPlace([UNKNOWN_SUBSET_D5], { cells: CELLS });
    renderPane(host);
    await validateOnce(host);
    expect(screen.getByRole('status')).toHaveTextContent('1 error, no warnings.');

    const second = deferred<InPlaceResult>();
    host.answerValidate = () => second.promise;
    act(() => host.edit());
    advance(700);
    act(() => host.edit()); // overtakes the second run
    await act(async () => second.resolve(inPlace([], { stale: true })));
    expect(screen.getByRole('status')).toHaveTextContent('1 error, no warnings.');

    host.answerValidate = async () => inPlace([]);
    advance(700);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No problems found.'));
    expect(host.callsOf('validate')).toHaveLength(3);
  });

  it('listens again when a run finds another set of sheets', async () => {
    const host = new FakeHost();
    renderPane(host);
    await validateOnce(host);
    const subscriptions = host.callsOf('onEdit').length;

    host.answerValidate = async () =>
      inPlace([], { sheets: [{ name: 'End Customers', protected: false, rows: 1, columns: 4 }] });
    act(() => host.edit());
    advance(700);
    await waitFor(() => expect(host.callsOf('onEdit').length).toBe(subscriptions + 1));
    expect(host.editSubscribers).toBe(1);
  });
});
