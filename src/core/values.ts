/**
 * Cell-level judgement: turns one cell of the port into a clean value or an Issue. Knows how
 * spreadsheets damage IDs (lost leading zeros, scientific notation, separators) and names the fix.
 */
import { issue, type Issue } from './findings';
import { EMAIL_PATTERN } from './ids';
import type { Cell } from './port';

/** What a cell check returns: the clean value, or what is wrong (or both, for warnings). */
export interface Judged<T> {
  readonly value: T | null;
  readonly issue?: Issue;
}

const ok = <T>(value: T): Judged<T> => ({ value });
const bad = <T>(found: Issue, value: T | null = null): Judged<T> => ({ value, issue: found });

/**
 * White space as the contract means it: every Unicode space and line break (JavaScript's `\s`:
 * tab, line feed, no-break space, ideographic space, ...; plus next line U+0085, which `\s`
 * lacks), and the zero-width characters copy-paste brings along.
 */
const EDGE_SPACE = /^[\s\u0085\u200b-\u200d\u2060\ufeff]+|[\s\u0085\u200b-\u200d\u2060\ufeff]+$/g;
/** The spaces beyond ASCII; inside a text they become plain spaces. */
const ODD_SPACE = /[\u0085\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;
const HAS_ODD_SPACE = /[\u0085\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;

/** Surrounding white space trimmed; odd spaces inside (no-break, zero-width, ...) made plain spaces. */
export function cleanText(s: string): string {
  // Most cells are plain: no allocation for them.
  const plain = s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 && !HAS_ODD_SPACE.test(s);
  return plain ? s : s.replace(EDGE_SPACE, '').replace(ODD_SPACE, ' ');
}

/** A cell as display text for messages and for name columns; '' for empty, null for an error value. */
export function cellText(cell: Cell): string | null {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cleanText(cell.value);
    case 'number':
      // No spreadsheet holds NaN or an infinity in a number cell (Excel shows #NUM!): a reader that
      // hands one over (a damaged file) gets the error value's treatment, not "NaN" in a message.
      return Number.isFinite(cell.value) ? numberText(cell.value) : null;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return Number.isNaN(cell.value.getTime()) ? '' : cell.value.toISOString().slice(0, 10);
    case 'error':
      return null;
  }
}

/** Integers print in full (no exponent below 1e21); other numbers as JavaScript prints them. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** Empty, or only white space. A formula without a saved result is not blank: its value is unknown. */
export function isBlank(cell: Cell): boolean {
  return (
    (cell.type === 'empty' && cell.formula === undefined) || (cell.type === 'text' && cleanText(cell.value) === '')
  );
}

/** Excel's General format shows integers of 12 or more digits in scientific notation. */
function excelScientific(n: number): string {
  const [mantissa, exponent] = n.toExponential(5).split('e');
  const m = String(Number(mantissa));
  const e = Number(exponent);
  return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** A number format that pads with zeros to 12 or more digits (`000000000000`). */
function padWidth(format: string | undefined): number {
  const f = (format ?? '').replace(/\\|"|;.*$/g, '');
  return /^0+$/.test(f) ? f.length : 0;
}

const showsAsScientific = (format: string | undefined): boolean => {
  const f = (format ?? 'General').trim().toLowerCase();
  return f === '' || f === 'general' || /e[+-]/.test(f);
};

const SCIENTIFIC_TEXT = /^(\d)(?:[.,](\d+))?e\+?(\d{1,2})$/i;
const SEPARATORS = /[\s\u0085\u200b-\u200d\u2060\-\u2010-\u2015.'\u2019_/]/g;

interface IdCodes {
  readonly kind: 'account' | 'org';
}

type IdResult = Judged<string>;

/** The ID checks shared by AWS account IDs and Spot org IDs. */
function judgeId(cell: Cell, { kind }: IdCodes): IdResult {
  if (cell.type === 'number') return judgeNumberId(cell.value, cell.format, kind);
  if (cell.type !== 'text') {
    const shown = cellText(cell) ?? '';
    return bad(
      kind === 'account'
        ? issue('account-id-invalid', { value: shown, digits: 0 })
        : issue('spot-org-id-invalid', { value: shown }),
    );
  }
  const t = cleanText(cell.value);
  if (/^\d{12}$/.test(t)) return ok(t);
  const sci = SCIENTIFIC_TEXT.exec(t);
  if (sci) {
    const mantissaDigits = 1 + (sci[2]?.length ?? 0);
    const exact = Number(sci[3]) + 1 === 12 && mantissaDigits >= 12;
    const digits = exact ? `${sci[1]}${sci[2]}`.slice(0, 12) : null;
    if (kind === 'org') return bad(issue('spot-org-id-scientific-notation', { shown: t }));
    return bad(
      issue(
        'account-id-scientific-notation',
        { shown: t, digitsLost: !exact },
        digits === null ? undefined : { value: digits },
      ),
    );
  }
  const stripped = t.replace(SEPARATORS, '');
  if (stripped !== t && /^\d{12}$/.test(stripped)) {
    return bad(
      kind === 'account'
        ? issue('account-id-separators', { id: stripped }, { value: stripped })
        : issue('spot-org-id-separators', { id: stripped }, { value: stripped }),
    );
  }
  const digits = /^\d+$/.test(t) ? t.length : 0;
  return bad(
    kind === 'account' ? issue('account-id-invalid', { value: t, digits }) : issue('spot-org-id-invalid', { value: t }),
  );
}

function judgeNumberId(n: number, format: string | undefined, kind: 'account' | 'org'): IdResult {
  const text = numberText(n);
  if (!Number.isInteger(n) || n < 0 || text.length > 12) {
    return bad(
      kind === 'account'
        ? issue('account-id-invalid', { value: text, digits: 0 })
        : issue('spot-org-id-invalid', { value: text }),
    );
  }
  const id = text.padStart(12, '0');
  const padded = padWidth(format) >= 12;
  if (text.length === 12 || padded) {
    // The digits are all there; only how they are stored or shown is wrong.
    if (text.length === 12 && showsAsScientific(format) && !padded) {
      const shown = excelScientific(n);
      return bad<string>(
        kind === 'account'
          ? issue('account-id-scientific-notation', { shown, digitsLost: false }, { value: id })
          : issue('spot-org-id-scientific-notation', { shown }),
      );
    }
    return bad(
      kind === 'account'
        ? issue('account-id-stored-as-number', { id }, { value: id })
        : issue('spot-org-id-stored-as-number', { id }, { value: id }),
      id,
    );
  }
  if (kind === 'org') return bad(issue('spot-org-id-invalid', { value: text }));
  return bad(issue('account-id-leading-zeros-lost', { shown: text, probable: id }, { value: id }));
}

const ID_12 = /^\d{12}$/;

/** An AWS account ID cell (non-blank; blank is the caller's business). */
export function judgeAccountId(cell: Cell): IdResult {
  // The common case, a clean 12-digit text, without the general path's work.
  if (cell.type === 'text' && ID_12.test(cell.value)) return { value: cell.value };
  return judgeId(cell, { kind: 'account' });
}

/** A Spot organization ID cell (non-blank). A valid one not starting with 606 is a warning. */
export function judgeSpotOrgId(cell: Cell): IdResult {
  const r = judgeId(cell, { kind: 'org' });
  if (r.value !== null && r.issue === undefined && !r.value.startsWith('606')) {
    return bad(issue('spot-org-id-prefix', { id: r.value }), r.value);
  }
  return r;
}

/**
 * Words people leave in a template instead of an address: `email1`, `<email>`, `TBD`. It only
 * runs on at most 254 characters, and is linear even so: no two adjacent quantifiers match the
 * same characters (the old `\s*#?\s*` and `\s*.*` backtracked quadratically, 74 s on 40 cells of
 * 32,767 characters, and the pane judges as the user types). `(?:\s*LT)?.*` is the old `\s*.*`:
 * line breaks only in the leading spaces.
 */
export const EMAIL_PLACEHOLDER =
  /^(?:[<[{(](?:\s*[\n\r\u2028\u2029])?.*[>\]})]|(?:e-?mail|mail|address|email address|user|username|name|contact|customer|tbd|tba|todo|n\/?a|none|null|test|sample|example|placeholder|x+|\?+|-+)\s*(?:#\s*)?\d*)$/i;

/** RFC 5321 limits a path to 256 octets, so an address (without its angle brackets) to 254. */
export const EMAIL_MAX_LENGTH = 254;

export function judgeEmail(cell: Cell, column: string): Judged<string> {
  if (cell.type === 'text' && cell.value.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(cell.value)) {
    return { value: cell.value };
  }
  const shown = cellText(cell) ?? '';
  const t = shown.replace(/^mailto:/i, '');
  // Lengths first: no pattern ever runs on more than 254 characters.
  if (t.length > EMAIL_MAX_LENGTH) return bad(issue('email-too-long', { length: t.length, column }));
  if (cell.type === 'text' && EMAIL_PATTERN.test(t)) return ok(t);
  if (!t.includes('@') && EMAIL_PLACEHOLDER.test(t)) return bad(issue('email-placeholder', { value: shown, column }));
  return bad(issue('email-invalid', { value: shown, column }));
}

/** A name (subset, workflow, MSP): any non-error value, as text. */
export function judgeName(cell: Cell): string | null {
  return cellText(cell);
}
