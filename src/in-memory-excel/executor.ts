/**
 * The request executor behind Microsoft's Office.js client: what Excel's host does with one
 * `context.sync()`. It takes the request message as it crosses to the host (serialized JSON,
 * counted in UTF-8 bytes), resolves the object paths to host objects (objects.ts), runs the
 * actions in order on the workbook model, and answers in the form the client parses: results,
 * trace ids, null objects and errors with Excel's codes. Requests or responses over the payload
 * limit are refused as Excel on the web refuses them; in cell-edit mode a batch fails unless it
 * was run with `delayForCellEdit`, which waits.
 */
import { ModelError } from './model';
import { HostObject, type WorkbookObject } from './objects';
import {
  ActionType,
  DELAY_FOR_CELL_EDIT,
  PathType,
  type ActionInfo,
  type ActionResult,
  type ArgumentInfo,
  type ErrorInfo,
  type ObjectPathInfo,
  type RequestBody,
  type RequestMessage,
  type ResponseBody,
  type ResponseMessage,
} from './protocol';

/** UTF-8 length of a string, without allocating its bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface SyncRecord {
  /** UTF-8 bytes of the request body's JSON. */
  readonly requestBytes: number;
  /** UTF-8 bytes of the response body's JSON (0 when the request was refused). */
  readonly responseBytes: number;
  readonly actions: number;
  /** The error code the request ended with, if any. */
  readonly error?: string;
}

export interface HostStats {
  /** Requests that reached the host (each `context.sync()` with something to send). */
  syncs: number;
  readonly records: SyncRecord[];
  /** Excel on the web refuses a request or response larger than this. */
  payloadLimit: number;
}

/** What the executor needs from the host: the root object, stats, and the cell-edit gate. */
export interface ExecutorHost {
  readonly root: WorkbookObject;
  readonly stats: HostStats;
  /** Resolves when the workbook may run a batch: now, or (delayForCellEdit) once cell edit ends. */
  admit(delay: boolean): Promise<void> | 'refused';
  /** Called around each request's actions: changes made by it are one undo record and raise events. */
  beginRequest(): void;
  endRequest(): void;
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function refusal(code: string, message: string, status: number): ResponseMessage {
  return { HttpStatusCode: status, ErrorCode: code, ErrorMessage: message, Headers: {}, Body: null };
}

let referenceCount = 0;

/** Runs one request's actions; the error, if any, stops the actions after it (as in Excel). */
class Batch {
  private readonly resolved = new Map<number, HostObject | null>();
  readonly results: ActionResult[] = [];
  readonly traceIds: number[] = [];
  error: ErrorInfo | undefined;

  constructor(
    private readonly root: WorkbookObject,
    private readonly body: RequestBody,
  ) {}

  run(): void {
    this.body.Actions.forEach((action, index) => {
      if (this.error) return;
      try {
        this.action(action);
      } catch (e) {
        const code = e instanceof ModelError ? e.code : 'GeneralException';
        const message = e instanceof Error ? e.message : String(e);
        this.error = {
          Code: code,
          Message: message,
          HttpStatusCode: code === 'AccessDenied' ? 403 : code === 'ItemNotFound' ? 404 : 400,
          ActionIndex: index,
          Location: this.location(action),
        };
      }
    });
  }

  private location(action: ActionInfo): string {
    const path = this.body.ObjectPaths[String(action.ObjectPathId)];
    const obj = this.resolved.get(action.ObjectPathId);
    const type = obj?.className ?? path?.Name ?? '';
    return action.Name ? `${type}.${action.Name}` : type;
  }

  /** A method's arguments, with client objects (sent as the ids of their paths) resolved. */
  private args(info: ArgumentInfo | undefined): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    info?.ReferencedObjectPathIds?.forEach((id, i) => {
      if (typeof id === 'number' && id !== 0) args[i] = this.resolve(id);
    });
    return args;
  }

  private action(action: ActionInfo): void {
    const args = this.args(action.ArgumentInfo);
    switch (action.ActionType) {
      case ActionType.Instantiate: {
        const obj = this.resolve(action.ObjectPathId);
        this.results.push({ ActionId: action.Id, Value: obj === null ? null : identity(obj) });
        return;
      }
      case ActionType.Query: {
        const obj = this.resolve(action.ObjectPathId);
        const q = action.QueryInfo ?? {};
        this.results.push({ ActionId: action.Id, Value: obj === null ? null : query(obj, q.Select, q.Expand, q) });
        return;
      }
      case ActionType.SetProperty: {
        const obj = this.resolve(action.ObjectPathId);
        if (obj === null) return;
        const set = obj.setters()[action.Name];
        if (!set)
          throw new ModelError(
            'InvalidArgument',
            `${obj.className}.${action.Name} cannot be set (read-only, or not modelled by this host).`,
          );
        set(args[0]);
        return;
      }
      case ActionType.Method: {
        const obj = this.resolve(action.ObjectPathId);
        if (obj === null) {
          this.results.push({ ActionId: action.Id, Value: null });
          return;
        }
        if (action.Name === '_KeepReference') {
          if (obj.referenceId === null) {
            obj.referenceId = `{ref-${++referenceCount}}${obj.className}`;
            this.root.references.set(obj.referenceId, obj);
          }
          this.results.push({ ActionId: action.Id, Value: null });
          return;
        }
        const method = obj.methods()[action.Name];
        if (!method)
          throw new ModelError('NotImplemented', `${obj.className}.${action.Name} is not modelled by this host.`);
        const value = method(args);
        this.results.push({ ActionId: action.Id, Value: value instanceof HostObject ? null : (value ?? null) });
        return;
      }
      case ActionType.Trace:
        this.traceIds.push(action.Id);
        this.results.push({ ActionId: action.Id, Value: null });
        return;
      case ActionType.EnsureUnchanged:
        return;
      default:
        throw new ModelError('NotImplemented', `Action type ${action.ActionType} is not modelled by this host.`);
    }
  }

  /** The object a path reaches in this request (resolved once, in the order actions need it). */
  private resolve(id: number): HostObject | null {
    if (this.resolved.has(id)) return this.resolved.get(id)!;
    const info: ObjectPathInfo | undefined = this.body.ObjectPaths[String(id)];
    if (!info) throw new ModelError('InvalidObjectPath', `Object path ${id} is not in the request.`);
    const obj = this.reach(info);
    this.resolved.set(id, obj);
    return obj;
  }

  private reach(info: ObjectPathInfo): HostObject | null {
    const args = this.args(info.ArgumentInfo);
    switch (info.ObjectPathType) {
      case PathType.Global:
        return this.root;
      case PathType.NullObject:
        return null;
      case PathType.ReferenceId: {
        const kept = this.root.references.get(info.Name);
        if (!kept) throw new ModelError('InvalidObjectPath', `The object reference ${info.Name} is no longer valid.`);
        return kept;
      }
      case PathType.Property:
      case PathType.Method:
      case PathType.Indexer: {
        if (info.ParentObjectPathId === undefined) throw new ModelError('InvalidObjectPath', 'The path has no parent.');
        const parent = this.resolve(info.ParentObjectPathId);
        if (parent === null) return null;
        if (info.ObjectPathType === PathType.Indexer) return parent.index(args[0]);
        if (info.ObjectPathType === PathType.Property) {
          const nav = parent.navs()[info.Name];
          if (!nav)
            throw new ModelError('NotImplemented', `${parent.className}.${info.Name} is not modelled by this host.`);
          return nav();
        }
        const method = parent.methods()[info.Name];
        if (!method)
          throw new ModelError('NotImplemented', `${parent.className}.${info.Name} is not modelled by this host.`);
        const obj = method(args);
        if (obj !== null && !(obj instanceof HostObject))
          throw new ModelError('InvalidObjectPath', `${parent.className}.${info.Name} does not return an object.`);
        return obj;
      }
      default:
        throw new ModelError('NotImplemented', `Object path type ${info.ObjectPathType} is not modelled by this host.`);
    }
  }
}

/** What an instantiation answers: the object's id (so the client finds it by id) and reference. */
function identity(obj: HostObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const id = obj.id();
  if (id !== null) out['Id'] = id;
  if (obj.referenceId !== null) out['_ReferenceId'] = obj.referenceId;
  return out;
}

/** A load: the selected scalar properties and navigations (camelCase paths), PascalCase keys. */
function query(
  obj: HostObject,
  select: readonly string[] | undefined,
  expand: readonly string[] | undefined,
  page: { readonly Top?: number; readonly Skip?: number } = {},
): unknown {
  const items = obj.items();
  if (items !== null) {
    const skip = page.Skip ?? 0;
    const chosen = items.slice(skip, page.Top === undefined ? undefined : skip + page.Top);
    return { _Items: chosen.map((item) => one(item, select, expand)) };
  }
  return one(obj, select, expand);
}

function one(obj: HostObject, select: readonly string[] | undefined, expand: readonly string[] | undefined): unknown {
  const out: Record<string, unknown> = {};
  const id = obj.id();
  if (id !== null) out['Id'] = id;
  const scalars = obj.scalars();
  const navs = obj.navs();
  const paths = [...(select ?? [])];
  // No select (or '*', what `load('items')` sends for the items): every scalar property.
  const all = paths.length === 0 || paths.includes('*');
  if (all) for (const [name, read] of Object.entries(scalars)) out[name] = read();
  // Expand without a select of its own loads the navigation's scalars.
  for (const e of expand ?? []) if (!paths.some((p) => p === e || p.startsWith(`${e}/`))) paths.push(e);
  const byHead = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split('/');
    if (!head || head === '*') continue;
    const list = byHead.get(head) ?? [];
    if (rest.length) list.push(rest.join('/'));
    byHead.set(head, list);
  }
  for (const [head, rest] of byHead) {
    const name = pascal(head);
    const read = scalars[name];
    if (read && rest.length === 0) {
      out[name] = read();
      continue;
    }
    const nav = navs[name];
    if (!nav)
      throw new ModelError(
        'InvalidArgument',
        `The property '${head}' is not available on ${obj.className} (or not modelled by this host).`,
      );
    const child = nav();
    out[name] = child === null ? null : query(child, rest, undefined);
  }
  return out;
}

/**
 * The executor Office.js calls through `SessionBase._createRequestExecutorOrNull()`:
 * `executeAsync(customData, requestFlags, { Url, Headers, Body })`.
 */
export class MemoryRequestExecutor {
  constructor(private readonly host: ExecutorHost) {}

  async executeAsync(_customData: string, requestFlags: number, message: RequestMessage): Promise<ResponseMessage> {
    const { stats } = this.host;
    // The body crosses to the host as JSON: what does not survive that (undefined, NaN, functions) does not arrive.
    const requestText = JSON.stringify(message.Body);
    const requestBytes = utf8Length(requestText);
    const actions = message.Body.Actions.length;
    stats.syncs++;
    if (requestBytes > stats.payloadLimit) {
      stats.records.push({ requestBytes, responseBytes: 0, actions, error: 'RequestPayloadSizeLimitExceeded' });
      return refusal('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.', 413);
    }
    const admitted = this.host.admit((requestFlags & DELAY_FOR_CELL_EDIT) !== 0);
    if (admitted === 'refused') {
      stats.records.push({ requestBytes, responseBytes: 0, actions, error: 'InvalidOperationInCellEditMode' });
      return refusal(
        'InvalidOperationInCellEditMode',
        'The operation isn’t available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.',
        400,
      );
    }
    await admitted;
    const request = new Batch(this.host.root, JSON.parse(requestText) as RequestBody);
    this.host.beginRequest();
    try {
      request.run();
    } finally {
      this.host.endRequest();
    }
    const body: ResponseBody = request.error
      ? { Results: request.results, TraceIds: request.traceIds, Error: request.error }
      : { Results: request.results, TraceIds: request.traceIds };
    const responseText = JSON.stringify(body);
    const responseBytes = utf8Length(responseText);
    if (responseBytes > stats.payloadLimit) {
      stats.records.push({ requestBytes, responseBytes, actions, error: 'ResponsePayloadSizeLimitExceeded' });
      return refusal('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.', 413);
    }
    stats.records.push(
      request.error
        ? { requestBytes, responseBytes, actions, error: request.error.Code }
        : { requestBytes, responseBytes, actions },
    );
    // Answered after a turn of the event loop, as a host across a message channel does.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    return {
      HttpStatusCode: 200,
      ErrorCode: null,
      ErrorMessage: null,
      Headers: {},
      Body: JSON.parse(responseText) as ResponseBody,
    };
  }
}
