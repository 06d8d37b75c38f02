/**
 * Text that looks like a credential (issue 16): AWS access key IDs (`AKIA…`, `ASIA…`), AWS secret
 * access keys (40 characters of base64, in context: the word "secret" in the cell, beside it or
 * in its column's header, or an access key ID on the same row), bearer tokens and JWTs, and PEM
 * private keys. Any of them in what would ship blocks packaging, with the place named. Every
 * pattern is linear: fixed-length tokens behind look-arounds, no nested quantifiers.
 */
import { a1 } from '../a1';
import type { Cell, WorkbookInput } from '../port';

export type CredentialKind = 'aws-access-key-id' | 'aws-secret-access-key' | 'bearer-token' | 'private-key';

export interface CredentialHit {
  readonly kind: CredentialKind;
  /** Where it is, as a person finds it: `Keys!B2`, `a comment at Accounts!C3`, `document property "Company"`. */
  readonly place: string;
  /** The sheet and cell when it is in a cell (or a cell's comment), else null. */
  readonly sheet: string | null;
  readonly cell: string | null;
}

export const CREDENTIAL_WORDS: Readonly<Record<CredentialKind, string>> = {
  'aws-access-key-id': 'an AWS access key ID',
  'aws-secret-access-key': 'an AWS secret access key',
  'bearer-token': 'a bearer token',
  'private-key': 'a private key',
};

const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
const SECRET_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_WORD = /secret/i;
const BEARER = /\bbearer\s{1,8}[A-Za-z0-9\-._~+/]{16}/i;
const JWT_START = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8}/g;
const BASE64URL_RUN = /[A-Za-z0-9_-]*/y;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----/;

/** A 40-character token that is key-like: letters and digits mixed (not a word or a hash of one kind). */
function hasSecretKey(text: string): boolean {
  for (const m of text.matchAll(SECRET_KEY)) {
    const t = m[0];
    if (/[A-Z]/.test(t) && /[a-z]/.test(t) && /[0-9/+]/.test(t)) return true;
  }
  return false;
}

/** A JWT: `eyJ…` (a JSON header in base64url), a dot, `eyJ…` (its payload). One pass over the text. */
function hasJwt(text: string): boolean {
  JWT_START.lastIndex = 0;
  for (let m = JWT_START.exec(text); m !== null; m = JWT_START.exec(text)) {
    BASE64URL_RUN.lastIndex = JWT_START.lastIndex;
    BASE64URL_RUN.exec(text);
    const end = BASE64URL_RUN.lastIndex;
    if (text.startsWith('.eyJ', end)) return true;
    // Go on after this run: every later start is past it, so no character is scanned twice.
    JWT_START.lastIndex = end;
  }
  return false;
}

/**
 * The credential in `text`, if any. `context` is the text around it (the cell beside it, its
 * column's header, the rest of its row) that can make a 40-character token a secret key.
 */
export function credentialIn(text: string, context: string | (() => boolean) = ''): CredentialKind | null {
  if (PRIVATE_KEY.test(text)) return 'private-key';
  if (ACCESS_KEY_ID.test(text)) return 'aws-access-key-id';
  if (BEARER.test(text) || hasJwt(text)) return 'bearer-token';
  if (!hasSecretKey(text)) return null;
  const inContext =
    SECRET_WORD.test(text) ||
    (typeof context === 'string' ? SECRET_WORD.test(context) || ACCESS_KEY_ID.test(context) : context());
  return inContext ? 'aws-secret-access-key' : null;
}

const cellString = (cell: Cell | undefined): string => {
  if (cell === undefined) return '';
  const value = cell.type === 'text' ? cell.value : '';
  return cell.formula === undefined ? value : `${value} ${cell.formula}`;
};

/** Every credential in the workbook's cells (text values and formulas), by cell. */
export function credentialsInCells(input: WorkbookInput): CredentialHit[] {
  const hits: CredentialHit[] = [];
  for (const sheet of input.sheets) {
    const header = sheet.rows[0] ?? [];
    sheet.rows.forEach((row, r) => {
      if (row === undefined) return;
      // Whether the row holds an access key ID: looked at once, and only for a key-like token.
      let rowHasKeyId: boolean | undefined;
      row.forEach((cell, c) => {
        const text = cellString(cell);
        if (text.length < 16) return;
        const context = (): boolean =>
          SECRET_WORD.test(cellString(row[c - 1])) ||
          (r > 0 && SECRET_WORD.test(cellString(header[c]))) ||
          (rowHasKeyId ??= row.some((other) => ACCESS_KEY_ID.test(cellString(other))));
        const kind = credentialIn(text, context);
        if (kind !== null) {
          const ref = a1(r, c);
          hits.push({ kind, place: `${sheet.name}!${ref}`, sheet: sheet.name, cell: ref });
        }
      });
    });
  }
  return hits;
}
