/**
 * An in-memory Excel host: Microsoft's own Office.js client (@microsoft/office-js, the file
 * Excel on the web loads) over a workbook model, through a request executor that plays Excel's
 * part. It serves the jest tests, the browser harness and the benchmarks; `install` puts the
 * client's `Excel` and an `Office` in place as globals, so the add-in's code runs on it
 * unchanged. See docs/excel.md for what is modelled and how strictly.
 */
import officeClient from '@microsoft/office-js/dist/excel-web-16.00.js';
import { MemoryRequestExecutor, type HostStats } from './executor';
import { address, a1Rect, WorkbookModel, type ChangeInfo, type SheetModel } from './model';
import { WorkbookObject, type Change, type HostState } from './objects';
import { valueType, apiValue, type Scalar } from './values';

export type { HostStats, SyncRecord } from './executor';
export { utf8Length } from './executor';
export { WorkbookModel, SheetModel, parseAddress, a1Rect, address, type Rect, type CellData } from './model';
export { display, enter, type Scalar } from './values';
export { FORMULA_LIMIT, MAX_READ_CELLS } from './objects';

/** Excel on the web's limit for one request or response. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface MemoryExcelOptions {
  /** ExcelApi versions the host claims (isSetSupported); default up to 1.13. */
  readonly apiVersion?: string;
  readonly payloadLimit?: number;
  /** Reproduce office-js #5222: deleting a conditional format of a cell that has two fails (ItemNotFound). */
  readonly issue5222?: boolean;
}

/** One undo record: what a sync that changed the workbook did (what Ctrl+Z would take back). */
export interface UndoRecord {
  /** The sync (1-based, as counted in `stats.syncs`) that made it. */
  readonly sync: number;
  readonly changes: readonly string[];
}

export interface OfficeStub {
  readonly HostType: { readonly Excel: 'Excel' };
  onReady(
    callback?: (info: { host: 'Excel'; platform: 'OfficeOnline' }) => void,
  ): Promise<{ host: 'Excel'; platform: 'OfficeOnline' }>;
  readonly context: {
    readonly platform: 'OfficeOnline';
    readonly requirements: { isSetSupported(name: string, version?: string): boolean };
    readonly officeTheme: { readonly bodyBackgroundColor: string } | undefined;
    readonly document: { readonly url: string };
  };
}

export interface MemoryExcel {
  readonly model: WorkbookModel;
  readonly stats: HostStats;
  /** Microsoft's `Excel` namespace, running on this host. */
  readonly Excel: typeof Excel;
  readonly Office: OfficeStub;
  /** The undo stack: one record per sync that changed the workbook, the latest last. */
  readonly undo: { readonly count: number; readonly records: readonly UndoRecord[] };
  /** Whether the workbook is in cell-edit mode (a user typing in a cell). */
  readonly inCellEdit: boolean;
  /** A user starts editing a cell: batches fail with InvalidOperationInCellEditMode, or wait (delayForCellEdit). */
  beginCellEdit(): void;
  /** The user leaves the cell: waiting batches run. */
  endCellEdit(): void;
  /** office-js #5222 on or off (see MemoryExcelOptions). */
  issue5222: boolean;
  /** Sheets with initial contents: rows of values entered as a user would type them. */
  addSheet(name: string, rows?: readonly (readonly unknown[])[]): SheetModel;
  /** Types into a cell as a user would (raises onChanged). */
  type(sheet: string, address: string, text: string): void;
  resetStats(): void;
}

/** The parts of the client's OfficeExtension namespace this host uses (not in @types/office-js). */
interface ClientInternals {
  readonly SessionBase: (new () => object) & { _overrideSession?: object };
  readonly CommonUtility: { _doApiNotSupportedCheck?: boolean };
  _testSetRichApiMessageReadyImpl(impl: () => Promise<void>): void;
  _testTriggerRichApiMessageEvent(message: unknown): void;
}

const versionNumber = (v: string): number => {
  const [major, minor] = v.split('.');
  return Number(major ?? 0) * 1000 + Number(minor ?? 0);
};

/** The Rich API event ids and targets the client listens on (Excel's generated code). */
const EVENT_CATEGORY = 65536;
const WORKSHEET_CHANGED = 10;
const WORKSHEET_ADDED = 13;
const SELECTION_CHANGED = 2;

export function createMemoryExcel(options: MemoryExcelOptions = {}): MemoryExcel {
  const model = new WorkbookModel();
  const stats: HostStats = { syncs: 0, records: [], payloadLimit: options.payloadLimit ?? WEB_PAYLOAD_LIMIT };
  const supported = versionNumber(options.apiVersion ?? '1.13');
  const apiMinor = supported % 1000;

  const office: OfficeStub = {
    HostType: { Excel: 'Excel' },
    onReady: async (callback) => {
      const info = { host: 'Excel' as const, platform: 'OfficeOnline' as const };
      callback?.(info);
      return info;
    },
    context: {
      platform: 'OfficeOnline',
      requirements: {
        isSetSupported: (name, version) =>
          (name === 'ExcelApi' && versionNumber(version ?? '1.1') <= supported) ||
          // Excel on the web has the delayForCellEdit option of Excel.run.
          (name === 'DelayForCellEdit' && versionNumber(version ?? '1.1') <= versionNumber('1.1')),
      },
      officeTheme: undefined,
      document: { url: 'memory://workbook.xlsx' },
    },
  };

  const lib = officeClient({ Office: office });
  const client = lib.OfficeExtension as unknown as ClientInternals;

  // ---- the host's state: undo stack, cell edit, event registrations ----
  const undoRecords: UndoRecord[] = [];
  let requestChanges: string[] | null = null;
  let pendingEvents: ChangeInfo[] = [];
  let cellEdit = false;
  let waiting: (() => void)[] = [];
  const registered = new Map<string, number>();
  const selectionHandlers = new Set<(args: unknown) => void>();

  const state: HostState & { issue5222: boolean } = {
    model,
    apiMinor,
    issue5222: options.issue5222 === true,
    changed(change: Change) {
      requestChanges?.push(`${change.kind} ${address(change.sheet, change.rect)}`);
      const info: ChangeInfo =
        change.before === undefined
          ? { sheet: change.sheet, rect: change.rect, by: 'addin', kind: change.kind }
          : { sheet: change.sheet, rect: change.rect, by: 'addin', kind: change.kind, before: change.before };
      pendingEvents.push(info);
    },
    structural(label) {
      requestChanges?.push(label);
    },
    register(event, targetId, on) {
      const k = `${event}|${targetId}`;
      registered.set(k, Math.max(0, (registered.get(k) ?? 0) + (on ? 1 : -1)));
    },
  };
  const root = new WorkbookObject(state);

  const deliver = (messageType: number, targetId: string, message: object): void => {
    client._testTriggerRichApiMessageEvent({
      entries: [{ messageCategory: EVENT_CATEGORY, messageType, targetId, message: JSON.stringify(message) }],
    });
  };
  const isRegistered = (event: string, targetId: string): boolean => (registered.get(`${event}|${targetId}`) ?? 0) > 0;

  // onChanged, from the model's reports (the user's edits and, after each request, the add-in's).
  model.onChange.add((c) => {
    if (!isRegistered('WorksheetChanged', c.sheet.id)) return;
    const single = c.rect.rows === 1 && c.rect.cols === 1;
    const after: Scalar = single ? c.sheet.value(c.rect.row, c.rect.col) : null;
    const message: Record<string, unknown> = {
      type: 'WorksheetChanged',
      address: a1Rect(c.rect),
      changeType: 'RangeEdited',
      source: 'Local',
      worksheetId: c.sheet.id,
      shiftDirection: 'None',
    };
    // details: ExcelApi 1.9, single cells; triggerSource: ExcelApi 1.14.
    if (apiMinor >= 9 && single && c.kind === 'value') {
      const before = c.before ?? null;
      Object.assign(message, {
        valueBefore: apiValue(before),
        valueAfter: apiValue(after),
        valueTypeBefore: valueType(before),
        valueTypeAfter: valueType(after),
      });
    }
    if (apiMinor >= 14) message['triggerSource'] = c.by === 'addin' ? 'ThisLocalAddin' : 'Unknown';
    deliver(WORKSHEET_CHANGED, c.sheet.id, message);
  });
  model.onAdded.add(({ worksheetId }) => {
    if (isRegistered('WorksheetAdded', 'Workbook'))
      deliver(WORKSHEET_ADDED, 'Workbook', { type: 'WorksheetAdded', worksheetId, source: 'Local' });
  });
  model.onSelectionChanged.add(() => {
    for (const h of selectionHandlers) h({});
  });

  const executor = new MemoryRequestExecutor({
    root,
    stats,
    admit(delay) {
      if (!cellEdit) return Promise.resolve();
      if (!delay) return 'refused';
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    beginRequest() {
      requestChanges = [];
      pendingEvents = [];
    },
    endRequest() {
      if (requestChanges && requestChanges.length > 0) undoRecords.push({ sync: stats.syncs, changes: requestChanges });
      requestChanges = null;
      const events = pendingEvents;
      pendingEvents = [];
      // Excel raises the events of a batch after it, asynchronously.
      if (events.length) setTimeout(() => events.forEach((e) => model.changed(e.sheet, e.rect, e)), 0);
    },
  });

  // The session Microsoft's client runs every Excel.run on (ClientRequestContext reads
  // SessionBase._overrideSession): it supplies the executor and the Office-level events
  // (selection changes), and Rich API events are delivered through the client's own entry.
  class MemorySession extends client.SessionBase {
    _resolveRequestUrlAndHeaderInfo(): Promise<{ url: string; headers: Record<string, string> }> {
      return Promise.resolve({ url: 'memory://workbook', headers: {} });
    }
    _createRequestExecutorOrNull(): MemoryRequestExecutor {
      return executor;
    }
    getEventRegistration(): object {
      return {
        register: (eventId: number, _target: string, handler: (args: unknown) => void) => {
          if (eventId === SELECTION_CHANGED) selectionHandlers.add(handler);
          return Promise.resolve();
        },
        unregister: (eventId: number, _target: string, handler: (args: unknown) => void) => {
          if (eventId === SELECTION_CHANGED) selectionHandlers.delete(handler);
          return Promise.resolve();
        },
      };
    }
  }
  client.SessionBase._overrideSession = new MemorySession();
  client._testSetRichApiMessageReadyImpl(() => Promise.resolve());
  // Microsoft's client checks each member against its API set (its own version table) through
  // Office.context.requirements, but office.js leaves that check off (it sets the flag on
  // Utility; the check reads CommonUtility's). On here: a member above the ExcelApi version the
  // host claims fails with ApiNotFound, as on an Excel that does not have it (stricter reading).
  client.CommonUtility._doApiNotSupportedCheck = true;

  return {
    model,
    stats,
    Excel: lib.Excel,
    Office: office,
    undo: {
      get count() {
        return undoRecords.length;
      },
      get records() {
        return undoRecords;
      },
    },
    get inCellEdit() {
      return cellEdit;
    },
    beginCellEdit() {
      cellEdit = true;
    },
    endCellEdit() {
      cellEdit = false;
      const go = waiting;
      waiting = [];
      go.forEach((resolve) => resolve());
    },
    get issue5222() {
      return state.issue5222;
    },
    set issue5222(on: boolean) {
      state.issue5222 = on;
    },
    addSheet(name, rows = []) {
      const s = model.addSheet(name);
      rows.forEach((row, r) => row.forEach((v, c) => v !== undefined && v !== null && s.enter(r, c, v)));
      return s;
    },
    type(sheetName, addr, text) {
      const s = model.sheet(sheetName);
      if (!s) throw new Error(`no sheet "${sheetName}"`);
      const m = /^([A-Z]+)(\d+)$/.exec(addr.toUpperCase());
      if (!m) throw new Error(`bad address "${addr}"`);
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(m[2]) - 1;
      if (s.protected) throw new Error('The sheet is protected.');
      const before = s.value(row, col);
      s.enter(row, col, text);
      model.changed(s, { row, col, rows: 1, cols: 1 }, { by: 'user', kind: 'value', before });
    },
    resetStats() {
      stats.syncs = 0;
      stats.records.length = 0;
    },
  };
}

/** Defines `Excel` and `Office` on `target` (globalThis in tests and the harness). */
export function install(host: MemoryExcel, target: object = globalThis): void {
  Object.assign(target, { Excel: host.Excel, Office: host.Office });
}
