import type { InPlaceResult } from '../../src/excel/in-place';
import { createValidationController, REVALIDATE_DELAY_MS } from '../../src/taskpane/validation-controller';
import { deferred, inPlace, type Deferred } from './fake-host';
import { LOST_ZEROS_C3, UNKNOWN_SUBSET_D5 } from './findings';

/** A controller over a scripted validate: each run waits for the test to settle it. */
function setup() {
  const runs: { isStale: () => boolean; answer: Deferred<InPlaceResult> }[] = [];
  const controller = createValidationController((isStale) => {
    const answer = deferred<InPlaceResult>();
    runs.push({ isStale, answer });
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
