/**
 * What a cell's formula can do when Spot's staff open the workbook in Excel (issue 16). A formula
 * in a cell the contract checks is a finding: an error when it reaches outside the workbook
 * (DDE, external workbook references, web functions, hyperlinks, add-in and code calls), a warning
 * otherwise (the cell is still judged by its value). Linear in the formula's length: one pass
 * that sets string literals and quoted sheet names aside, then plain searches.
 */

/** Why a formula is not accepted: what it reaches. */
export type FormulaReach = 'dde' | 'external-workbook' | 'web' | 'hyperlink' | 'code';

export interface FormulaRisk {
  readonly reach: FormulaReach;
  /** The function or syntax that reaches out, as the formula spells it (`WEBSERVICE`, `|`, `[1]`). */
  readonly via: string;
}

/** Functions that fetch from the web (`_xlfn.` prefixes dropped). */
const WEB = new Set(['WEBSERVICE', 'FILTERXML', 'IMAGE', 'STOCKHISTORY', 'ENCODEURL']);
/** Functions that talk to other programs or run code: DDE, real-time data servers, DLL calls. */
const DDE = new Set(['DDE', 'DDEAUTO']);
const CODE = new Set(['RTD', 'CALL', 'REGISTER', 'REGISTER.ID', 'EXEC', 'EXECUTE', 'RUN']);

interface Split {
  /** The formula with every string literal and quoted name emptied (`""`, `''`). */
  readonly code: string;
  /** The quoted sheet or workbook names (`'C:\x\[Book.xlsx]Sheet'`), without their quotes. */
  readonly quoted: readonly string[];
}

/** Sets string literals ("a""b") and quoted names ('it''s') aside, in one pass. */
function split(formula: string): Split {
  let code = '';
  const quoted: string[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch !== '"' && ch !== "'") {
      const next = nextQuote(formula, i);
      code += formula.slice(i, next);
      i = next;
      continue;
    }
    // A literal ends at a lone quote; a doubled quote is one quote inside it.
    let j = i + 1;
    let inner = '';
    for (;;) {
      const end = formula.indexOf(ch, j);
      if (end < 0) {
        inner += formula.slice(j);
        j = formula.length;
        break;
      }
      inner += formula.slice(j, end);
      if (formula[end + 1] === ch) {
        inner += ch;
        j = end + 2;
        continue;
      }
      j = end + 1;
      break;
    }
    code += ch + ch;
    if (ch === "'") quoted.push(inner);
    i = j;
  }
  return { code, quoted };
}

function nextQuote(s: string, from: number): number {
  const a = s.indexOf('"', from);
  const b = s.indexOf("'", from);
  if (a < 0) return b < 0 ? s.length : b;
  return b < 0 ? a : Math.min(a, b);
}

/**
 * A function name before `(`, with an optional `_xlfn.` / `_xlws.` prefix (how the file stores
 * newer functions). Tried only where a name starts (the look-behind), so linear.
 */
const CALL = /(?<![A-Za-z0-9_.])(?:_xl(?:fn|ws)\.)?([A-Za-z][A-Za-z0-9_.]*)\(/g;
/** `[1]Sheet!A1` (the file's external-link index) or `[Book.xlsx]Sheet!A1`; no scan crosses a `[`. */
const EXTERNAL_BRACKET = /\[(?:\d+|[^\][]*\.xl[a-z]*)\]/i;

/** What the formula reaches outside the workbook, or null when it stays inside. */
export function formulaRisk(formula: string): FormulaRisk | null {
  const { code, quoted } = split(formula);
  for (const m of code.matchAll(CALL)) {
    const name = m[1]!.toUpperCase();
    if (DDE.has(name)) return { reach: 'dde', via: m[1]! };
    if (CODE.has(name)) return { reach: 'code', via: m[1]! };
    if (WEB.has(name)) return { reach: 'web', via: m[1]! };
    if (name === 'HYPERLINK') return { reach: 'hyperlink', via: m[1]! };
  }
  // DDE: `=cmd|' /C calc'!A0`, `=MSEXCEL|'...'!''`: a `|` outside any literal.
  if (code.includes('|')) return { reach: 'dde', via: '|' };
  const bracket = EXTERNAL_BRACKET.exec(code);
  if (bracket) return { reach: 'external-workbook', via: bracket[0] };
  const path = quoted.find((q) => /[[\]\\/]|^[A-Za-z]:|:\/\//.test(q));
  if (path !== undefined) return { reach: 'external-workbook', via: `'${path}'` };
  return null;
}

/** The words the findings use for each reach. */
export const REACH_WORDS: Readonly<Record<FormulaReach, string>> = {
  dde: 'starts another program through DDE',
  'external-workbook': 'reads another workbook',
  web: 'fetches data from the web',
  hyperlink: 'is a hyperlink',
  code: 'calls code outside the workbook',
};
