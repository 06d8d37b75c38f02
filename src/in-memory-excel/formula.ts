/**
 * A small formula evaluator: enough for what people type into the harness grid and for the
 * conditional-format formulas the add-in writes. Arithmetic, `&`, comparisons, references
 * (`A1`, `$A$1`, `Sheet!A1`, `'Sheet name'!A1:B2`) and a set of functions; anything else is #NAME?.
 */
import { isError, type ErrorValue, type Scalar } from './values';

export interface FormulaEnv {
  /** The value of a cell (zero-based), on the named sheet or the formula's own (null). */
  value(sheet: string | null, row: number, col: number): Scalar;
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'err'; v: string }
  | { t: 'ref'; sheet: string | null; a: RefPart; b: RefPart | null }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string };

interface RefPart {
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;

function cellPart(src: string): { part: RefPart; len: number } | null {
  const m = CELL.exec(src);
  if (!m) return null;
  let col = 0;
  for (const ch of m[2]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return {
    part: { row: Number(m[4]) - 1, col: col - 1, rowAbs: m[3] === '$', colAbs: m[1] === '$' },
    len: m[0].length,
  };
}

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let s = '';
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (src[i] === '"') break;
        else s += src[i++];
      }
      if (src[i] !== '"') return null;
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (ch === '#') {
      const m = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/i.exec(src.slice(i));
      if (!m) return null;
      out.push({ t: 'err', v: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && !/^[A-Za-z$]/.test(ch)) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    // Sheet-qualified reference: 'Sheet name'!A1 or Sheet1!A1
    let sheet: string | null = null;
    let j = i;
    if (ch === "'") {
      let s = '';
      j++;
      while (j < src.length) {
        if (src[j] === "'" && src[j + 1] === "'") {
          s += "'";
          j += 2;
        } else if (src[j] === "'") break;
        else s += src[j++];
      }
      if (src[j] !== "'" || src[j + 1] !== '!') return null;
      sheet = s;
      j += 2;
    } else {
      const m = /^([A-Za-z_][A-Za-z0-9_.]*)!/.exec(src.slice(i));
      if (m) {
        sheet = m[1]!;
        j = i + m[0].length;
      }
    }
    const a = cellPart(src.slice(j));
    if (a && !/^[A-Za-z0-9_(]/.test(src.slice(j + a.len, j + a.len + 1))) {
      j += a.len;
      let b: RefPart | null = null;
      if (src[j] === ':') {
        const bb = cellPart(src.slice(j + 1));
        if (bb) {
          b = bb.part;
          j += 1 + bb.len;
        }
      }
      out.push({ t: 'ref', sheet, a: a.part, b });
      i = j;
      continue;
    }
    if (sheet !== null) return null;
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0].toUpperCase() });
      i += name[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>(),:%])/.exec(src.slice(i));
    if (!op) return null;
    out.push({ t: 'op', v: op[0] });
    i += op[0].length;
  }
  return out;
}

type Val = Scalar | Val[];
type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; tok: Extract<Token, { t: 'ref' }> }
  | { k: 'un'; op: string; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'call'; name: string; args: Node[] };

class Parser {
  i = 0;
  constructor(private readonly toks: Token[]) {}
  peek(): Token | undefined {
    return this.toks[this.i];
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }
  expect(v: string): void {
    if (!this.isOp(v)) throw new SyntaxError(v);
    this.i++;
  }
  parse(): Node {
    const n = this.comparison();
    if (this.i !== this.toks.length) throw new SyntaxError('trailing');
    return n;
  }
  binary(next: () => Node, ops: string[]): Node {
    let l = next();
    for (;;) {
      const t = this.peek();
      if (t?.t !== 'op' || !ops.includes(t.v)) return l;
      this.i++;
      l = { k: 'bin', op: t.v, l, r: next() };
    }
  }
  comparison = (): Node => this.binary(this.concat, ['=', '<>', '<', '>', '<=', '>=']);
  concat = (): Node => this.binary(this.additive, ['&']);
  additive = (): Node => this.binary(this.term, ['+', '-']);
  term = (): Node => this.binary(this.power, ['*', '/']);
  power = (): Node => this.binary(this.unary, ['^']);
  unary = (): Node => {
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.primary();
  };
  primary(): Node {
    const t = this.toks[this.i++];
    if (!t) throw new SyntaxError('end');
    switch (t.t) {
      case 'num':
        return { k: 'lit', v: t.v };
      case 'str':
        return { k: 'lit', v: t.v };
      case 'err':
        return { k: 'lit', v: { error: t.v } };
      case 'ref':
        return { k: 'ref', tok: t };
      case 'name': {
        if (this.isOp('(')) {
          this.i++;
          const args: Node[] = [];
          if (!this.isOp(')')) {
            args.push(this.comparison());
            while (this.isOp(',')) {
              this.i++;
              args.push(this.comparison());
            }
          }
          this.expect(')');
          return { k: 'call', name: t.v, args };
        }
        if (t.v === 'TRUE' || t.v === 'FALSE') return { k: 'lit', v: t.v === 'TRUE' };
        return { k: 'lit', v: { error: '#NAME?' } };
      }
      case 'op':
        if (t.v === '(') {
          const e = this.comparison();
          this.expect(')');
          return e;
        }
        throw new SyntaxError(t.v);
    }
  }
}

const err = (code: string): ErrorValue => ({ error: code });
const firstError = (vals: Scalar[]): ErrorValue | undefined => vals.find(isError) as ErrorValue | undefined;

function toNumber(v: Scalar): number | ErrorValue {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isError(v)) return v;
  const t = v.trim();
  return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : err('#VALUE!');
}

function toText(v: Scalar): string | ErrorValue {
  if (v === null) return '';
  if (isError(v)) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return v;
}

function toBool(v: Scalar): boolean | ErrorValue {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isError(v)) return v;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return err('#VALUE!');
}

/** Excel's comparison order: numbers < text < booleans; text case-insensitively. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar): number => (typeof v === 'number' || v === null ? 0 : typeof v === 'string' ? 1 : 2);
  const x = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const y = b === null ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string' && typeof y === 'string') return x.toLowerCase().localeCompare(y.toLowerCase());
  return Number(x) - Number(y);
}

const scalar = (v: Val): Scalar => (Array.isArray(v) ? scalar(v[0] ?? null) : v);
const flat = (v: Val): Scalar[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

type Fn = (args: Val[]) => Scalar;
const FUNCTIONS: Record<string, Fn> = {
  AND: (a) => {
    const vals = a.flatMap(flat).filter((v) => v !== null);
    const e = firstError(vals);
    if (e) return e;
    const bools = vals.map(toBool);
    const be = bools.find(isError);
    return be ?? bools.every((b) => b === true);
  },
  OR: (a) => {
    const vals = a.flatMap(flat).filter((v) => v !== null);
    const e = firstError(vals);
    if (e) return e;
    const bools = vals.map(toBool);
    return bools.find(isError) ?? bools.some((b) => b === true);
  },
  NOT: (a) => {
    const b = toBool(scalar(a[0] ?? null));
    return isError(b) ? b : !b;
  },
  IF: (a) => {
    const c = toBool(scalar(a[0] ?? null));
    if (isError(c)) return c;
    return c ? scalar(a[1] ?? true) : scalar(a[2] ?? false);
  },
  EXACT: (a) => {
    const x = toText(scalar(a[0] ?? null));
    const y = toText(scalar(a[1] ?? null));
    if (isError(x)) return x;
    if (isError(y)) return y;
    return x === y;
  },
  LEN: (a) => {
    const x = toText(scalar(a[0] ?? null));
    return isError(x) ? x : x.length;
  },
  LEFT: (a) => {
    const x = toText(scalar(a[0] ?? null));
    const n = a[1] === undefined ? 1 : toNumber(scalar(a[1]));
    if (isError(x)) return x;
    if (isError(n)) return n;
    return x.slice(0, Math.max(0, n));
  },
  RIGHT: (a) => {
    const x = toText(scalar(a[0] ?? null));
    const n = a[1] === undefined ? 1 : toNumber(scalar(a[1]));
    if (isError(x)) return x;
    if (isError(n)) return n;
    return n <= 0 ? '' : x.slice(-n);
  },
  TRIM: (a) => {
    const x = toText(scalar(a[0] ?? null));
    return isError(x) ? x : x.trim().replace(/ +/g, ' ');
  },
  UPPER: (a) => {
    const x = toText(scalar(a[0] ?? null));
    return isError(x) ? x : x.toUpperCase();
  },
  LOWER: (a) => {
    const x = toText(scalar(a[0] ?? null));
    return isError(x) ? x : x.toLowerCase();
  },
  CONCATENATE: (a) => {
    const parts = a.flatMap(flat).map(toText);
    return parts.find(isError) ?? (parts as string[]).join('');
  },
  /** Text of a number in a zero-padded or plain format (TEXT(x,"000000000000")). */
  TEXT: (a) => {
    const v = scalar(a[0] ?? null);
    const f = toText(scalar(a[1] ?? ''));
    if (isError(f)) return f;
    const n = toNumber(v);
    if (isError(n)) return typeof v === 'string' ? v : n;
    return /^0+$/.test(f) ? Math.round(n).toFixed(0).padStart(f.length, '0') : String(n);
  },
  N: (a) => {
    const v = scalar(a[0] ?? null);
    return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : isError(v) ? v : 0;
  },
  SUM: (a) => {
    let total = 0;
    for (const v of a.flatMap(flat)) {
      if (isError(v)) return v;
      if (typeof v === 'number') total += v;
    }
    return total;
  },
  ISBLANK: (a) => scalar(a[0] ?? null) === null,
  ISNUMBER: (a) => typeof scalar(a[0] ?? null) === 'number',
  ISTEXT: (a) => typeof scalar(a[0] ?? null) === 'string',
  ISLOGICAL: (a) => typeof scalar(a[0] ?? null) === 'boolean',
  ISERROR: (a) => isError(scalar(a[0] ?? null)),
  NA: () => err('#N/A'),
};

export interface Shift {
  readonly rows: number;
  readonly cols: number;
}

function evaluateNode(n: Node, env: FormulaEnv, shift: Shift): Val {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'ref': {
      const at = (p: RefPart): [number, number] => [
        p.row + (p.rowAbs ? 0 : shift.rows),
        p.col + (p.colAbs ? 0 : shift.cols),
      ];
      const [r1, c1] = at(n.tok.a);
      if (r1 < 0 || c1 < 0) return err('#REF!');
      if (!n.tok.b) return env.value(n.tok.sheet, r1, c1);
      const [r2, c2] = at(n.tok.b);
      const out: Val[] = [];
      for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
        for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(env.value(n.tok.sheet, r, c));
      }
      return out;
    }
    case 'un': {
      const v = toNumber(scalar(evaluateNode(n.e, env, shift)));
      return isError(v) ? v : n.op === '-' ? -v : v;
    }
    case 'bin': {
      const l = scalar(evaluateNode(n.l, env, shift));
      const r = scalar(evaluateNode(n.r, env, shift));
      if (isError(l)) return l;
      if (isError(r)) return r;
      if (n.op === '&') {
        return `${toText(l) as string}${toText(r) as string}`;
      }
      if (['=', '<>', '<', '>', '<=', '>='].includes(n.op)) {
        const c = compare(l, r);
        return n.op === '='
          ? c === 0
          : n.op === '<>'
            ? c !== 0
            : n.op === '<'
              ? c < 0
              : n.op === '>'
                ? c > 0
                : n.op === '<='
                  ? c <= 0
                  : c >= 0;
      }
      const x = toNumber(l);
      const y = toNumber(r);
      if (isError(x)) return x;
      if (isError(y)) return y;
      if (n.op === '+') return x + y;
      if (n.op === '-') return x - y;
      if (n.op === '*') return x * y;
      if (n.op === '/') return y === 0 ? err('#DIV/0!') : x / y;
      return x ** y;
    }
    case 'call': {
      const fn = FUNCTIONS[n.name];
      if (!fn) return err('#NAME?');
      return fn(n.args.map((a) => evaluateNode(a, env, shift)));
    }
  }
}

/** Evaluates `=...` (with relative references moved by `shift`); a formula it cannot read is #NAME?. */
export function evaluate(formula: string, env: FormulaEnv, shift: Shift = { rows: 0, cols: 0 }): Scalar {
  const toks = tokenize(formula.replace(/^=/, ''));
  if (!toks) return err('#NAME?');
  let node: Node;
  try {
    node = new Parser(toks).parse();
  } catch {
    return err('#NAME?');
  }
  return scalar(evaluateNode(node, env, shift));
}
