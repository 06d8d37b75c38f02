/** What `msp-enroll validate` prints: findings for people, or the contract's JSON for tools. */
import { toContractJson, type Finding } from '../core/findings';

/**
 * A sheet name as Excel writes it in a reference: quoted (`'Subset Workflows'!B3`) when it holds
 * anything but letters, digits and underscores, starts with a digit, or looks like a cell.
 */
export function sheetRef(sheet: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^[RrCc]\d*$/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** `Accounts!C3`, or just the sheet for a finding about the whole sheet. */
export function findingRef(finding: Finding): string {
  return finding.cell === null ? sheetRef(finding.sheet) : `${sheetRef(finding.sheet)}!${finding.cell}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning in 4 sheets", or "No problems found". */
export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No problems found';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const counts = [errors > 0 ? plural(errors, 'error') : null, warnings > 0 ? plural(warnings, 'warning') : null]
    .filter((s): s is string => s !== null)
    .join(', ');
  return `${counts} in ${plural(new Set(findings.map((f) => f.sheet)).size, 'sheet')}`;
}

/**
 * One line per finding, `Accounts!C3  error  <message>`, grouped by sheet (in the order the
 * findings come, which is the validator's: contract order) with a blank line between sheets,
 * then the summary line.
 */
export function formatHuman(findings: readonly Finding[]): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.sheet);
    if (group === undefined) groups.set(f.sheet, [f]);
    else group.push(f);
  }
  const blocks = [...groups.values()].map((group) =>
    group.map((f) => `${findingRef(f)}  ${f.severity}  ${oneLine(f.message)}`).join('\n'),
  );
  return [...blocks, summaryLine(findings)].join('\n\n') + '\n';
}

/** `{"findings": [...]}` with the five contract fields of each finding, and nothing else. */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify({ findings: findings.map(toContractJson) }, null, 2) + '\n';
}

/** Messages are one line already; a cell's text quoted in one may not be. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
