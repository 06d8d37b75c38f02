/**
 * What the pane says when a host call rejects: Excel's own message and code (an
 * OfficeExtension.Error carries `code` and `debugInfo.errorLocation`), or any other error's message.
 */

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export interface ErrorDescription {
  readonly message: string;
  /** Excel's error code and where it happened, such as `InvalidArgument at Worksheet.getRange`. */
  readonly detail: string | undefined;
}

export function describeError(error: unknown): ErrorDescription {
  const message =
    text(field(error, 'message')) ??
    text(error) ??
    'Something went wrong and Excel gave no reason. Try again; if it keeps happening, close and reopen the pane.';
  const code = text(field(error, 'code'));
  const location = text(field(field(error, 'debugInfo'), 'errorLocation'));
  const parts = [code && `code ${code}`, location && `at ${location}`].filter((p): p is string => Boolean(p));
  return { message, detail: parts.length ? parts.join(', ') : undefined };
}

/**
 * Excel refused the batch because the user is editing a cell (InvalidOperationInCellEditMode):
 * not a failure of the request, just a moment to wait for (issue 9, item 1).
 */
export function isCellEditError(error: unknown): boolean {
  return field(error, 'code') === 'InvalidOperationInCellEditMode';
}
