/**
 * An in-memory Excel host: the part of the Excel JavaScript API the add-in uses, over a
 * workbook model, counting syncs and payload bytes. It serves the jest tests and the browser
 * harness; `install` puts `Excel` and `Office` globals in place so code written against the
 * real globals runs on it unchanged.
 */
import { MemContext, OfficeError, type HostStats } from './api';
import { WorkbookModel, type SheetModel } from './model';

export { OfficeError } from './api';
export type { HostStats, SyncRecord } from './api';
export { WorkbookModel, SheetModel, parseAddress, a1Rect, address, type Rect, type CellData } from './model';
export { display, enter, type Scalar } from './values';

/** Excel on the web's limit for one request or response. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface MemoryExcelOptions {
  /** ExcelApi versions the host claims (isSetSupported); default up to 1.13. */
  readonly apiVersion?: string;
  readonly payloadLimit?: number;
}

type Batch<T> = (context: MemContext) => Promise<T>;

export interface MemoryExcel {
  readonly model: WorkbookModel;
  readonly stats: HostStats;
  /** The `Excel` namespace: `run` and the enums the add-in uses. */
  readonly Excel: typeof ExcelStub & {
    run: <T>(a: Batch<T> | MemContext | { context: MemContext }, b?: Batch<T>) => Promise<T>;
  };
  readonly Office: OfficeStub;
  /** Sheets with initial contents: rows of values entered as a user would type them. */
  addSheet(name: string, rows?: readonly (readonly unknown[])[]): SheetModel;
  /** Types into a cell as a user would (raises onChanged). */
  type(sheet: string, address: string, text: string): void;
  resetStats(): void;
}

const ExcelStub = {
  ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText', cellValue: 'CellValue' },
  RangeValueType: {
    empty: 'Empty',
    string: 'String',
    double: 'Double',
    boolean: 'Boolean',
    error: 'Error',
    integer: 'Integer',
    unknown: 'Unknown',
  },
  DataValidationType: { none: 'None', list: 'List', custom: 'Custom', inconsistent: 'Inconsistent' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  EventSource: { local: 'Local', remote: 'Remote' },
  DeleteShiftDirection: { up: 'Up', left: 'Left' },
  DataChangeType: { rangeEdited: 'RangeEdited' },
  ErrorCodes: {
    itemNotFound: 'ItemNotFound',
    accessDenied: 'AccessDenied',
    invalidArgument: 'InvalidArgument',
    propertyNotLoaded: 'PropertyNotLoaded',
  },
} as const;

export interface OfficeStub {
  readonly HostType: { readonly Excel: 'Excel' };
  onReady(
    callback?: (info: { host: 'Excel'; platform: 'OfficeOnline' }) => void,
  ): Promise<{ host: 'Excel'; platform: 'OfficeOnline' }>;
  readonly context: {
    readonly requirements: { isSetSupported(name: string, version?: string): boolean };
    readonly officeTheme: { readonly bodyBackgroundColor: string } | undefined;
    readonly document: { readonly url: string };
  };
}

const versionNumber = (v: string): number => {
  const [major, minor] = v.split('.');
  return Number(major ?? 0) * 1000 + Number(minor ?? 0);
};

export function createMemoryExcel(options: MemoryExcelOptions = {}): MemoryExcel {
  const model = new WorkbookModel();
  const stats: HostStats = { syncs: 0, records: [], payloadLimit: options.payloadLimit ?? WEB_PAYLOAD_LIMIT };
  const supported = versionNumber(options.apiVersion ?? '1.13');

  async function run<T>(a: Batch<T> | MemContext | { context: MemContext }, b?: Batch<T>): Promise<T> {
    const batch = typeof a === 'function' ? a : b;
    if (!batch) throw new OfficeError('InvalidArgument', 'Excel.run needs a batch function.');
    // Excel.run(object, batch) continues in the object's own context, as Office does.
    const context = typeof a === 'function' ? new MemContext(model, stats) : a instanceof MemContext ? a : a.context;
    const result = await batch(context);
    await context.sync();
    return result;
  }

  const office: OfficeStub = {
    HostType: { Excel: 'Excel' },
    onReady: async (callback) => {
      const info = { host: 'Excel' as const, platform: 'OfficeOnline' as const };
      callback?.(info);
      return info;
    },
    context: {
      requirements: {
        isSetSupported: (name, version) => name === 'ExcelApi' && versionNumber(version ?? '1.1') <= supported,
      },
      officeTheme: undefined,
      document: { url: 'memory://workbook.xlsx' },
    },
  };

  return {
    model,
    stats,
    Excel: { ...ExcelStub, run },
    Office: office,
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
      s.enter(row, col, text);
      model.changed(s, { row, col, rows: 1, cols: 1 });
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
