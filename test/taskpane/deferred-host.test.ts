import { deferredHost } from '../../src/taskpane/deferred-host';
import { FakeHost } from './fake-host';

describe('deferredHost', () => {
  it('loads the real host once, on first use, and forwards every call', async () => {
    const real = new FakeHost();
    const load = jest.fn(async () => real);
    const host = deferredHost(load);
    expect(load).not.toHaveBeenCalled();

    const isStale = (): boolean => false;
    await Promise.all([host.buildSheets(), host.validate(isStale)]);
    await host.select({ sheet: 'Accounts', cell: 'C3' });
    const stop = await host.onEdit(() => undefined);
    await stop();

    expect(load).toHaveBeenCalledTimes(1);
    expect(real.calls.map((c) => c.method)).toEqual(['buildSheets', 'validate', 'select', 'onEdit']);
    expect(real.staleChecks).toEqual([isStale]);
  });

  it('tries to load again after a failed load', async () => {
    const real = new FakeHost();
    const load = jest
      .fn<Promise<FakeHost>, []>()
      .mockRejectedValueOnce(new Error('Loading chunk excel failed.'))
      .mockResolvedValue(real);
    const host = deferredHost(load);

    await expect(host.buildSheets()).rejects.toThrow('Loading chunk excel failed.');
    await expect(host.buildSheets()).resolves.toBeDefined();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
