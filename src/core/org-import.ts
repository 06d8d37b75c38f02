/**
 * Reads an AWS Organizations account list: the JSON that `aws organizations list-accounts`
 * prints (one page or several concatenated), or the CSV the AWS console exports. Pure: the
 * caller reads the file. IDs stay 12-digit text; lost leading zeros are restored and said.
 */

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, ... as AWS gives it; '' when the export has none. */
  readonly status: string;
}

/** `name` is the account's name in the export ('' when it has none), so problems can name the account. */
export type OrgImportProblem =
  | { readonly kind: 'not-recognised'; readonly detail: string }
  | { readonly kind: 'bad-id'; readonly line: number; readonly value: string; readonly name?: string }
  | {
      readonly kind: 'padded-id';
      readonly line: number;
      readonly value: string;
      readonly id: string;
      readonly name?: string;
    }
  | {
      readonly kind: 'separators-removed';
      readonly line: number;
      readonly value: string;
      readonly id: string;
      readonly name?: string;
    };

export interface OrgImport {
  readonly format: 'json' | 'csv' | 'unknown';
  readonly accounts: readonly OrgAccount[];
  readonly problems: readonly OrgImportProblem[];
  /**
   * The NextToken of the last page of list-accounts JSON: the export is a first page (or a run of
   * pages) only, and more accounts exist. Null when the export is complete (or CSV).
   */
  readonly nextToken?: string | null;
}

/** Statuses of accounts that are going away: listed apart, imported only when the user asks. */
const LEAVING = new Set(['SUSPENDED', 'PENDING_CLOSURE']);
export const isLeaving = (a: OrgAccount): boolean => LEAVING.has(a.status.trim().toUpperCase());

export function parseOrgExport(text: string): OrgImport {
  const t = text.replace(/^\ufeff/, '').trim();
  if (t.startsWith('{') || t.startsWith('[')) return parseJson(t);
  if (t === '')
    return { format: 'unknown', accounts: [], problems: [{ kind: 'not-recognised', detail: 'the file is empty' }] };
  return parseCsv(t);
}

/**
 * 12 digits; fewer (a spreadsheet dropped the zeros) are padded, and spaces or dashes inside
 * (`1234-5678-9012`, as the console shows IDs) removed, as validation's fix would: both reported.
 */
function normaliseId(raw: unknown, line: number, problems: OrgImportProblem[], name: string): string | null {
  const value = typeof raw === 'number' ? raw.toFixed(0) : typeof raw === 'string' ? raw.trim().replace(/^'/, '') : '';
  const named = name === '' ? {} : { name };
  if (/^\d{12}$/.test(value)) return value;
  if (/^\d{1,11}$/.test(value)) {
    const id = value.padStart(12, '0');
    problems.push({ kind: 'padded-id', line, value, id, ...named });
    return id;
  }
  const digits = value.replace(/[\s\u00a0-]+/g, '');
  if (digits !== value && /^\d{12}$/.test(digits)) {
    problems.push({ kind: 'separators-removed', line, value, id: digits, ...named });
    return digits;
  }
  problems.push({ kind: 'bad-id', line, value: String(raw ?? ''), ...named });
  return null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function parseJson(t: string): OrgImport {
  const problems: OrgImportProblem[] = [];
  const pages: unknown[] = [];
  try {
    pages.push(JSON.parse(t));
  } catch {
    // `aws ... --no-paginate` pages saved one after another: {...}{...}
    const parts = t.split(/}\s*(?={)/).map((p, i, all) => (i < all.length - 1 ? `${p}}` : p));
    try {
      for (const p of parts) pages.push(JSON.parse(p));
    } catch {
      return {
        format: 'json',
        accounts: [],
        problems: [{ kind: 'not-recognised', detail: 'the file is not valid JSON' }],
      };
    }
  }
  const records: unknown[] = [];
  let nextToken: string | null = null;
  for (const page of pages) {
    const token = typeof page === 'object' && page !== null ? (page as { NextToken?: unknown }).NextToken : undefined;
    nextToken = typeof token === 'string' && token !== '' ? token : null;
    const list = Array.isArray(page)
      ? page
      : typeof page === 'object' && page !== null && Array.isArray((page as { Accounts?: unknown }).Accounts)
        ? (page as { Accounts: unknown[] }).Accounts
        : null;
    if (list === null) {
      return {
        format: 'json',
        accounts: [],
        problems: [
          {
            kind: 'not-recognised',
            detail: 'no "Accounts" list: expected the output of aws organizations list-accounts',
          },
        ],
      };
    }
    records.push(...list);
  }
  const accounts: OrgAccount[] = [];
  records.forEach((r, i) => {
    const rec = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const id = normaliseId(rec['Id'], i + 1, problems, str(rec['Name']));
    if (id !== null)
      accounts.push({ id, name: str(rec['Name']), email: str(rec['Email']), status: str(rec['Status']) });
  });
  return { format: 'json', accounts, problems, nextToken };
}

/** The separator of the header line: comma, or the semicolon or tab some locales and tools use. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string): number => first.split(d).length - 1;
  return [',', ';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** RFC 4180 CSV: quoted fields, doubled quotes, separators and line breaks inside quotes. */
export function parseCsvRows(text: string, delimiter = delimiterOf(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function parseCsv(t: string): OrgImport {
  const [header, ...rows] = parseCsvRows(t);
  const keys = (header ?? []).map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  );
  const col = (...names: string[]): number => keys.findIndex((k) => names.includes(k));
  const idCol = col('accountid', 'id', 'awsaccountid');
  if (idCol < 0) {
    return {
      format: 'csv',
      accounts: [],
      problems: [{ kind: 'not-recognised', detail: 'no "Account ID" (or "Id") column in the first row' }],
    };
  }
  const nameCol = col('accountname', 'name');
  const emailCol = col('email', 'accountemail', 'emailaddress', 'awsaccountemail');
  const statusCol = col('status', 'accountstatus', 'state');
  const problems: OrgImportProblem[] = [];
  const accounts: OrgAccount[] = [];
  rows.forEach((r, i) => {
    const at = (c: number): string => (c < 0 ? '' : (r[c] ?? '').trim());
    const id = normaliseId(r[idCol] ?? '', i + 2, problems, at(nameCol));
    if (id !== null) accounts.push({ id, name: at(nameCol), email: at(emailCol), status: at(statusCol) });
  });
  return { format: 'csv', accounts, problems };
}

export interface MergePlan {
  /** Accounts to append, in export order. */
  readonly add: readonly OrgAccount[];
  /** Accounts already in the sheet (by ID), left as they are. */
  readonly alreadyListed: readonly OrgAccount[];
  /** Accounts listed twice in the export itself (the later copies). */
  readonly repeated: readonly OrgAccount[];
}

/** What an import adds to a sheet that already lists `existing` IDs: never changes what is there. */
export function planImport(accounts: readonly OrgAccount[], existing: Iterable<string>): MergePlan {
  const have = new Set(existing);
  const seen = new Set<string>();
  const add: OrgAccount[] = [];
  const alreadyListed: OrgAccount[] = [];
  const repeated: OrgAccount[] = [];
  for (const a of accounts) {
    if (seen.has(a.id)) repeated.push(a);
    else if (have.has(a.id)) alreadyListed.push(a);
    else add.push(a);
    seen.add(a.id);
  }
  return { add, alreadyListed, repeated };
}
