import type { InPlaceResult } from '../../src/excel/in-place';
import {
  createValidationController,
  REVALIDATE_DELAY_MS,
  type ValidateRunOptions,
} from '../../src/taskpane/validation-controller';
import { deferred, inPlace, type Deferred } from './fake-host';
import { LOST_ZEROS_C3, UNKNOWN_SUBSET_D5 } from './findings';

/** A controller over a scripted validate: each run waits for the test to settle it. */
function setup() {
  const runs: { isStale: () => boolean; answer: Deferred<InPlaceResult>; options: ValidateRunOptions }[] = [];
  const controller = createValidationController((isStale, options) => {
    const answer = deferred<InPlaceResult>();
    runs.push({ isStale, answer, options });
    return answer.promise;
  });
  return { controller, runs };
}

const A = inPlace([LOST_ZEROS_C3]);
const B = inPlace([UNKNOWN_SUBSET_D5]);

describe('validation controller', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits 700 ms after the last edit, then runs once', () => {
    expect(REVALIDATE_DELAY_MS).toBe(700);
    const { controller, runs } = setup();
    void controller.validateNow();
    runs[0]!.answer.resolve(A);

    controller.edited();
    jest.advanceTimersByTime(500);
    controller.edited();
    jest.advanceTimersByTime(500);
    controller.edited();
    expect(controller.getSnapshot().pending).toBe(true);
    jest.advanceTimersByTime(699);
    expect(runs).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(runs).toHaveLength(2);
    expect(controller.getSnapshot()).toMatchObject({ pending: false, running: true });
  });

  it('ignores edits until the user has validated once', () => {
    const { controller, runs } = setup();
    controller.edited();
    jest.advanceTimersByTime(5000);
    expect(runs).toHaveLength(0);
    expect(controller.getSnapshot()).toMatchObject({ auto: false, pending: false, result: null });
  });

  it('tells a run that an edit or a newer run overtook it', async () => {
    const { controller, runs } = setup();
    void controller.validateNow();
    expect(runs[0]!.isStale()).toBe(false);
    controller.edited();
    expect(runs[0]!.isStale()).toBe(true);

    void controller.validateNow();
    expect(runs[1]!.isStale()).toBe(false);
    void controller.validateNow();
    expect(runs[1]!.isStale()).toBe(true);
  });

  it('keeps the latest run’s result, whatever order the runs finish in', async () => {
    const { controller, runs } = setup();
    const first = controller.validateNow();
    controller.edited();
    jest.advanceTimersByTime(REVALIDATE_DELAY_MS);
    runs[1]!.answer.resolve(B);
    await Promise.resolve();
    await Promise.resolve();
    expect(controller.getSnapshot().result).toBe(B);

    runs[0]!.answer.resolve(A); // not even flagged stale: still older
    await first;
    expect(controller.getSnapshot()).toMatchObject({ result: B, running: false });
  });

  it('drops a stale result and keeps the previous one until the next run', async () => {
    const { controller, runs } = setup();
    const first = controller.validateNow();
    runs[0]!.answer.resolve(A);
    await first;

    const second = controller.validateNow();
    controller.edited();
    runs[1]!.answer.resolve(inPlace([], { stale: true }));
    await second;
    expect(controller.getSnapshot()).toMatchObject({ result: A, running: false, pending: true });

    jest.advanceTimersByTime(REVALIDATE_DELAY_MS);
    runs[2]!.answer.resolve(B);
    await Promise.resolve();
    await Promise.resolve();
    expect(controller.getSnapshot()).toMatchObject({ result: B, pending: false });
  });

  it('reports a failure, and clears it with the next good run', async () => {
    const { controller, runs } = setup();
    const failing = controller.validateNow();
    const error = new Error('Excel is busy');
    runs[0]!.answer.reject(error);
    await failing;
    expect(controller.getSnapshot()).toMatchObject({ failure: { error }, running: false, result: null });

    const next = controller.validateNow();
    runs[1]!.answer.resolve(A);
    await next;
    expect(controller.getSnapshot()).toMatchObject({ failure: null, result: A });
  });

  it('ignores the failure of a run that a newer one replaced', async () => {
    const { controller, runs } = setup();
    const old = controller.validateNow();
    const current = controller.validateNow();
    runs[1]!.answer.resolve(A);
    await current;
    runs[0]!.answer.reject(new Error('late'));
    await old;
    expect(controller.getSnapshot()).toMatchObject({ failure: null, result: A });
  });

  it('notifies subscribers, and stop() cancels a pending run', async () => {
    const { controller, runs } = setup();
    const listener = jest.fn();
    const unsubscribe = controller.subscribe(listener);
    const first = controller.validateNow();
    runs[0]!.answer.resolve(A);
    await first;
    expect(listener).toHaveBeenCalled();

    controller.edited();
    controller.stop();
    jest.advanceTimersByTime(REVALIDATE_DELAY_MS * 2);
    expect(runs).toHaveLength(1);
    expect(controller.getSnapshot().pending).toBe(false);

    unsubscribe();
    listener.mockClear();
    controller.edited();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('validation controller on real Excel (issue 9, items 1 and 2)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const cellEdit = Object.assign(new Error('This operation is not allowed while the cell is being edited.'), {
    code: 'InvalidOperationInCellEditMode',
  });

  it('marks runs after an edit as automatic, and runs the user asked for as not', async () => {
    const { controller, runs } = setup();
    void controller.validateNow();
    expect(runs[0]!.options.automatic).toBe(false);
    runs[0]!.answer.resolve(A);
    await Promise.resolve();
    controller.edited();
    jest.advanceTimersByTime(REVALIDATE_DELAY_MS);
    expect(runs[1]!.options.automatic).toBe(true);
  });

  it('a run refused because the user is typing in a cell is stale, not a failure: the findings stay, and it tries again', async () => {
    const { controller, runs } = setup();
    const first = controller.validateNow();
    runs[0]!.answer.resolve(A);
    await first;
    controller.edited();
    jest.advanceTimersByTime(REVALIDATE_DELAY_MS);
    runs[1]!.answer.reject(cellEdit);
    await jest.advanceTimersByTimeAsync(0);
    expect(controller.getSnapshot()).toMatchObject({ result: A, failure: null, running: false, pending: true });
    jest.advanceTimersByTime(REVALIDATE_DELAY_MS);
    expect(runs).toHaveLength(3);
    expect(runs[2]!.options.automatic).toBe(true);
    runs[2]!.answer.resolve(B);
    await jest.advanceTimersByTimeAsync(0);
    expect(controller.getSnapshot()).toMatchObject({ result: B, failure: null });
  });

  it('any other failure is still shown as one', async () => {
    const { controller, runs } = setup();
    const run = controller.validateNow();
    runs[0]!.answer.reject(Object.assign(new Error('boom'), { code: 'GeneralException' }));
    await run;
    expect(controller.getSnapshot().failure).not.toBeNull();
  });

  it('shows the findings as soon as the host has them, before the marks are written', async () => {
    const { controller, runs } = setup();
    const run = controller.validateNow();
    const early = { ...A, marking: true };
    runs[0]!.options.onFindings(early);
    expect(controller.getSnapshot()).toMatchObject({ result: early, running: true });
    const done = { ...A, markProblems: [{ sheet: 'Accounts', message: 'The sheet is protected.' }] };
    runs[0]!.answer.resolve(done);
    await run;
    expect(controller.getSnapshot()).toMatchObject({ result: done, running: false });
  });

  it('ignores early findings of a run an edit overtook', () => {
    const { controller, runs } = setup();
    void controller.validateNow();
    controller.edited();
    runs[0]!.options.onFindings(A);
    expect(controller.getSnapshot().result).toBeNull();
  });
});
