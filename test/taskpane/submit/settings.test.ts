import {
  checkIntakeUrl,
  defaultSettingsStore,
  displayDestination,
  loadIntakeSettings,
  memoryStore,
  saveIntakeSettings,
} from '../../../src/taskpane/submit/settings';

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

  it('prefers OfficeRuntime.storage when the host has it', async () => {
    const storage = memoryStore();
    const g = globalThis as { OfficeRuntime?: unknown };
    g.OfficeRuntime = { storage };
    try {
      await saveIntakeSettings(defaultSettingsStore(), { url: 'https://a.example', token: '' });
      expect(storage.data.size).toBe(1);
    } finally {
      delete g.OfficeRuntime;
    }
  });

  it('accepts https addresses only, without credentials', () => {
    expect(checkIntakeUrl('https://intake.example.com/spot?x=1')).toMatchObject({ ok: true });
    expect(checkIntakeUrl('http://intake.example.com/spot')).toEqual({
      ok: false,
      message: 'The intake address must start with https://.',
    });
    expect(checkIntakeUrl('https://user:pw@intake.example.com/')).toMatchObject({ ok: false });
    expect(checkIntakeUrl('intake')).toMatchObject({ ok: false });
  });

  it('shows the destination without credentials, query or fragment', () => {
    expect(displayDestination('https://intake.example.com:8443/spot/in?token=abc#x')).toBe(
      'https://intake.example.com:8443/spot/in',
    );
  });
});
