/**
 * The messages between Microsoft's Office.js client and an Excel host, as the client builds and
 * parses them (`ClientRequest.buildRequestMessageBodyAndRequestFlags`,
 * `ClientRequestContext.processRequestExecutorResponseMessage` in @microsoft/office-js): the
 * request body's object paths and actions, and the response's results, trace ids and error.
 */

/** How an object is reached: from the root, a property, a method, an indexer, a kept reference. */
export const PathType = {
  Global: 1,
  NewObject: 2,
  Method: 3,
  Property: 4,
  Indexer: 5,
  ReferenceId: 6,
  NullObject: 7,
} as const;

export const ActionType = {
  Instantiate: 1,
  Query: 2,
  Method: 3,
  SetProperty: 4,
  Trace: 5,
  EnsureUnchanged: 6,
  RecursiveQuery: 7,
} as const;

/** Request flag set by `Excel.run({ delayForCellEdit: true }, ...)`. */
export const DELAY_FOR_CELL_EDIT = 64;

export interface ArgumentInfo {
  readonly Arguments?: readonly unknown[];
  /** Where an argument is a client object: the id of its object path (0 elsewhere). */
  readonly ReferencedObjectPathIds?: readonly unknown[];
}

export interface ObjectPathInfo {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: ArgumentInfo;
}

export interface QueryInfo {
  readonly Select?: readonly string[];
  readonly Expand?: readonly string[];
  readonly Top?: number;
  readonly Skip?: number;
}

export interface ActionInfo {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: ArgumentInfo;
  readonly QueryInfo?: QueryInfo;
}

export interface RequestBody {
  readonly AutoKeepReference?: boolean;
  readonly Actions: readonly ActionInfo[];
  readonly ObjectPaths: Readonly<Record<string, ObjectPathInfo>>;
}

export interface RequestMessage {
  readonly Url: string;
  readonly Headers: Record<string, string>;
  readonly Body: RequestBody;
}

export interface ActionResult {
  readonly ActionId: number;
  readonly Value: unknown;
}

export interface ErrorInfo {
  readonly Code: string;
  readonly Message: string;
  readonly HttpStatusCode: number;
  readonly ActionIndex: number;
  readonly Location: string;
}

export interface ResponseBody {
  readonly Results: ActionResult[];
  readonly TraceIds: number[];
  readonly Error?: ErrorInfo;
}

export interface ResponseMessage {
  readonly HttpStatusCode: number;
  readonly ErrorCode: string | null;
  readonly ErrorMessage: string | null;
  readonly Headers: Record<string, string>;
  readonly Body: ResponseBody | null;
}
