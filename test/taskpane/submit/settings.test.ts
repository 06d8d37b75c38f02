import {
  STORAGE_PLACES,
  checkIntakeUrl,
  defaultSettingsStore,
  displayDestination,
  loadIntakeSettings,
  memoryStore,
  originAllowed,
  saveIntakeSettings,
  type StorageEnvironment,
} from '../../../src/taskpane/submit/settings';

/** A Storage-like map, as the web view's localStorage. */
function fakeLocalStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** Office's requirements API answering for the given sets only. */
const requirements = (...sets: string[]) => ({
  isSetSupported: (name: string, version?: string) => sets.includes(`${name} ${version ?? ''}`.trim()),
});

describe('intake settings', () => {
  it('round-trips through the store, and forgetting removes them', async () => {
    const store = memoryStore();
    await expect(loadIntakeSettings(store)).resolves.toEqual({ url: '', token: '' });
    await saveIntakeSettings(store, { url: 'https://intake.example.com/x', token: 't' });
    await expect(loadIntakeSettings(store)).resolves.toEqual({ url: 'https://intake.example.com/x', token: 't' });
    await saveIntakeSettings(store, { url: '', token: '' });
    expect(store.data.size).toBe(0);
  });

  it('ignores a damaged stored value', async () => {
    await expect(loadIntakeSettings(memoryStore({ 'msp-enroll.intake': '{' }))).resolves.toEqual({
      url: '',
      token: '',
    });
  });

  it('shows the destination without credentials, query or fragment', () => {
    expect(displayDestination('https://intake.example.com:8443/spot/in?token=abc#x')).toBe(
      'https://intake.example.com:8443/spot/in',
    );
  });
});

describe('where the settings are kept (issue 9, item 9)', () => {
  it('uses OfficeRuntime.storage only where the host has the shared runtime', async () => {
    const storage = memoryStore();
    const local = fakeLocalStorage();
    const env: StorageEnvironment = {
      Office: { context: { requirements: requirements('SharedRuntime 1.1') } },
      OfficeRuntime: { storage },
      localStorage: local,
    };
    const store = defaultSettingsStore(env);
    expect(store.where).toBe('office');
    await saveIntakeSettings(store, { url: 'https://a.example', token: 't' });
    expect(storage.data.size).toBe(1);
    expect(local.data.size).toBe(0);
  });

  it('does not trust OfficeRuntime.storage without SharedRuntime 1.1 (the manifest declares none)', async () => {
    const storage = memoryStore();
    const local = fakeLocalStorage();
    for (const office of [{ context: { requirements: requirements() } }, undefined]) {
      const store = defaultSettingsStore({ Office: office, OfficeRuntime: { storage }, localStorage: local });
      expect(store.where).toBe('browser');
      await saveIntakeSettings(store, { url: 'https://a.example', token: '' });
    }
    expect(storage.data.size).toBe(0);
    expect([...local.data.keys()]).toEqual(['msp-enroll.intake']);
  });

  it('treats a requirements API that throws as no shared runtime', () => {
    const store = defaultSettingsStore({
      Office: {
        context: {
          requirements: {
            isSetSupported: () => {
              throw new Error('not ready');
            },
          },
        },
      },
      OfficeRuntime: { storage: memoryStore() },
      localStorage: fakeLocalStorage(),
    });
    expect(store.where).toBe('browser');
  });

  it("prefixes localStorage keys with Office's partition key, so two partitions do not share a token", async () => {
    const local = fakeLocalStorage();
    const a = defaultSettingsStore({ Office: { context: { partitionKey: 'siteA|' } }, localStorage: local });
    const b = defaultSettingsStore({ Office: { context: { partitionKey: 'siteB|' } }, localStorage: local });
    expect(a.where).toBe('browser-partitioned');
    await saveIntakeSettings(a, { url: 'https://a.example', token: 'token-a' });
    expect([...local.data.keys()]).toEqual(['siteA|msp-enroll.intake']);
    await expect(loadIntakeSettings(b)).resolves.toEqual({ url: '', token: '' });
    await expect(loadIntakeSettings(a)).resolves.toEqual({ url: 'https://a.example', token: 'token-a' });
    await saveIntakeSettings(a, { url: '', token: '' });
    expect(local.data.size).toBe(0);
  });

  it('falls back to memory where localStorage throws, and says so', () => {
    const store = defaultSettingsStore({
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    });
    expect(store.where).toBe('memory');
    expect(STORAGE_PLACES[store.where!]).toMatch(/until this pane closes/);
  });

  it('has a sentence for every place, none claiming the workbook', () => {
    for (const text of Object.values(STORAGE_PLACES)) expect(text).toMatch(/[Nn]ever in the workbook/);
  });
});

describe('intake addresses (issue 16, item 4: only the origins the build allows)', () => {
  const allowed = ['https://intake.example.com'];

  it('accepts https addresses at an allowed origin only, without credentials', () => {
    expect(checkIntakeUrl('https://intake.example.com/spot?x=1', allowed)).toMatchObject({ ok: true });
    expect(checkIntakeUrl('http://intake.example.com/spot', allowed)).toEqual({
      ok: false,
      message: 'The intake address must start with https://.',
    });
    expect(checkIntakeUrl('https://user:pw@intake.example.com/', allowed)).toMatchObject({ ok: false });
    expect(checkIntakeUrl('intake', allowed)).toMatchObject({ ok: false });
  });

  it('refuses an address outside the allowed origins, naming them', () => {
    expect(checkIntakeUrl('https://evil.example.net/in', allowed)).toEqual({
      ok: false,
      message:
        'This add-in may upload only to https://intake.example.com; https://evil.example.net is not one of them.',
    });
    expect(checkIntakeUrl('https://intake.example.com.evil.net/', allowed)).toMatchObject({ ok: false });
    expect(checkIntakeUrl('https://intake.example.com/in', [])).toEqual({
      ok: false,
      message: 'This build of the add-in uploads nowhere (no intake address is allowed): save the package instead.',
    });
  });

  it('reads ports as CSP does: none means 443, :* any port', () => {
    const u = (s: string) => new URL(s);
    expect(originAllowed(u('https://intake.example.com:443/x'), allowed)).toBe(true);
    expect(originAllowed(u('https://intake.example.com:8443/x'), allowed)).toBe(false);
    expect(originAllowed(u('https://127.0.0.1:51234/ok'), ['https://127.0.0.1:*'])).toBe(true);
    expect(originAllowed(u('https://127.0.0.2:51234/ok'), ['https://127.0.0.1:*'])).toBe(false);
    expect(originAllowed(u('https://host.example:8443/'), ['https://HOST.example:8443'])).toBe(true);
    expect(originAllowed(u('http://intake.example.com/'), ['https://intake.example.com'])).toBe(false);
  });
});
