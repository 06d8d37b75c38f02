/**
 * The upload intake's address and token: kept by the add-in, never in the workbook (no document
 * settings, no cells). Stored with OfficeRuntime.storage where the host has it (the add-in's own
 * storage in Office, per user and add-in), else the browser's localStorage (the harness, and
 * Office hosts without OfficeRuntime.storage, where the task pane's WebView keeps it per origin).
 * Neither is a secret store: docs/submit.md says so, and a token should be one Spot can revoke.
 */

/** The async key-value store both OfficeRuntime.storage and a localStorage wrapper give. */
export interface SettingsStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export interface IntakeSettings {
  /** An https: URL, or '' when no upload is configured. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when not ''. */
  readonly token: string;
}

export const NO_INTAKE: IntakeSettings = { url: '', token: '' };

const KEY = 'msp-enroll.intake';

interface OfficeRuntimeLike {
  readonly storage?: SettingsStore;
}

/** OfficeRuntime.storage if present, else localStorage, else an in-memory store. */
export function defaultSettingsStore(): SettingsStore {
  const runtime = (globalThis as { OfficeRuntime?: OfficeRuntimeLike }).OfficeRuntime;
  if (runtime?.storage) return runtime.storage;
  try {
    const local = globalThis.localStorage;
    if (local) {
      return {
        getItem: async (key) => local.getItem(key),
        setItem: async (key, value) => local.setItem(key, value),
        removeItem: async (key) => local.removeItem(key),
      };
    }
  } catch {
    // localStorage can throw when storage is disabled: fall through to memory.
  }
  return memoryStore();
}

export function memoryStore(
  initial: Record<string, string> = {},
): SettingsStore & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => void data.set(key, value),
    removeItem: async (key) => void data.delete(key),
  };
}

export async function loadIntakeSettings(store: SettingsStore): Promise<IntakeSettings> {
  const text = await store.getItem(KEY);
  if (text === null) return NO_INTAKE;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return NO_INTAKE;
    const url = 'url' in parsed && typeof parsed.url === 'string' ? parsed.url : '';
    const token = 'token' in parsed && typeof parsed.token === 'string' ? parsed.token : '';
    return { url, token };
  } catch {
    return NO_INTAKE;
  }
}

export async function saveIntakeSettings(store: SettingsStore, settings: IntakeSettings): Promise<void> {
  if (settings.url === '' && settings.token === '') await store.removeItem(KEY);
  else await store.setItem(KEY, JSON.stringify({ url: settings.url, token: settings.token }));
}

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly message: string };

/** Only https: addresses, without user name or password in them (the token has its own field). */
export function checkIntakeUrl(text: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return {
      ok: false,
      message: 'The intake address is not a valid URL (for example https://intake.example.com/spot).',
    };
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'The intake address must start with https://.' };
  if (url.username !== '' || url.password !== '')
    return { ok: false, message: 'Put no user name or password in the address; use the token field.' };
  return { ok: true, url };
}

/** The address as the Submission Log and the pane show it: no credentials, query or fragment. */
export function displayDestination(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid address)';
  }
}
