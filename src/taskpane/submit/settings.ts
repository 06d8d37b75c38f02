/**
 * The upload intake's address and token: kept by the add-in, never in the workbook (no document
 * settings, no cells). Where (issue 9, item 9):
 * - OfficeRuntime.storage only where the host says it has the shared runtime
 *   (`isSetSupported('SharedRuntime', '1.1')`): the object can exist without it, and the manifest
 *   declares no shared runtime, so its presence alone proves nothing;
 * - else the web view's localStorage, the key prefixed with `Office.context.partitionKey` where
 *   Office gives one (Excel on the web partitions add-in storage per top-level site);
 * - else memory, for this pane session only.
 * Neither is a secret store: docs/submit.md says so, and a token should be one Spot can revoke.
 */

/** The async key-value store both OfficeRuntime.storage and a localStorage wrapper give. */
export interface SettingsStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Where the values are kept, for the pane to say (undefined: a store given by a caller). */
  readonly where?: StorageWhere;
}

/** office: Office's add-in storage; browser: the web view's localStorage; memory: this session. */
export type StorageWhere = 'office' | 'browser' | 'browser-partitioned' | 'memory';

/** The sentence the pane shows about where the token is kept. */
export const STORAGE_PLACES: Readonly<Record<StorageWhere, string>> = {
  office:
    "Kept on this device in Office's own storage for this add-in (this Office host and account), never in the workbook.",
  browser:
    "Kept on this device in this Office host's web storage for this add-in, never in the workbook. Another computer or Office app does not see it.",
  'browser-partitioned':
    "Kept on this device in this Office host's web storage for this add-in, separately for this site (Office's partition), never in the workbook.",
  memory: 'Kept only until this pane closes: this Office host offers the add-in no storage. Never in the workbook.',
};

export interface IntakeSettings {
  /** An https: URL, or '' when no upload is configured. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when not ''. */
  readonly token: string;
}

export const NO_INTAKE: IntakeSettings = { url: '', token: '' };

const KEY = 'msp-enroll.intake';

/** The parts of the Office globals the choice reads (tests give their own). */
export interface StorageEnvironment {
  readonly Office?:
    | undefined
    | {
        readonly context?: {
          readonly partitionKey?: string | null;
          readonly requirements?: { isSetSupported(name: string, version?: string): boolean };
        };
      };
  readonly OfficeRuntime?: { readonly storage?: Pick<SettingsStore, 'getItem' | 'setItem' | 'removeItem'> };
  readonly localStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

function sharedRuntime(env: StorageEnvironment): boolean {
  try {
    return env.Office?.context?.requirements?.isSetSupported('SharedRuntime', '1.1') === true;
  } catch {
    return false;
  }
}

/** The store for this host: see the module comment for the order. */
export function defaultSettingsStore(env: StorageEnvironment = globalThis as StorageEnvironment): SettingsStore {
  const storage = env.OfficeRuntime?.storage;
  if (storage && sharedRuntime(env)) {
    return {
      where: 'office',
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
    };
  }
  try {
    const local = env.localStorage;
    if (local) {
      const partition = env.Office?.context?.partitionKey ?? '';
      // Microsoft's pattern: the partition key, then the add-in's own key.
      const k = (key: string): string => `${partition}${key}`;
      return {
        where: partition === '' ? 'browser' : 'browser-partitioned',
        getItem: async (key) => local.getItem(k(key)),
        setItem: async (key, value) => local.setItem(k(key), value),
        removeItem: async (key) => local.removeItem(k(key)),
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
    where: 'memory',
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

/**
 * Does a CSP source of the build's connect-src (`https://host`, `https://host:port`,
 * `https://host:*`) admit this URL? The same reading as the browser's, so the pane refuses
 * exactly what the browser would block.
 */
export function originAllowed(url: URL, allowed: readonly string[]): boolean {
  const port = url.port === '' ? '443' : url.port;
  return allowed.some((source) => {
    const m = /^https:\/\/([^:/]+)(?::(\d+|\*))?$/i.exec(source);
    if (!m || url.protocol !== 'https:' || url.hostname !== m[1]!.toLowerCase()) return false;
    return m[2] === '*' || (m[2] ?? '443') === port;
  });
}

/**
 * Only https: addresses, without user name or password in them (the token has its own field),
 * and only at an intake origin this build allows (its connect-src, ADDIN_INTAKE_ORIGINS).
 */
export function checkIntakeUrl(text: string, allowed: readonly string[]): UrlCheck {
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
  if (!originAllowed(url, allowed))
    return {
      ok: false,
      message:
        allowed.length === 0
          ? 'This build of the add-in uploads nowhere (no intake address is allowed): save the package instead.'
          : `This add-in may upload only to ${allowed.join(', ')}; ${url.origin} is not one of them.`,
    };
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
