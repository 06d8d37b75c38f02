/**
 * The rule workbook.xlsx is held to, by the packager and by verify alike (issue 16): an .xlsx of
 * visible sheets and values only, with no document properties, comments, external links,
 * formulas, macros or embedded parts, and no text that looks like a credential, in it or in
 * enrollment.json. `workbookToXlsx` writes exactly such a file; the hosts rebuild it from the
 * shipped sheets (see shipment.ts).
 */
import type { Enrollment } from '../enrollment';
import { ContentsError, inspectXlsx } from './contents';
import { CREDENTIAL_WORDS, credentialIn, credentialsInCells } from './credentials';
import { ENROLLMENT_FILE, WORKBOOK_FILE } from './files';
import { problem, type PackageProblem } from './problems';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What makes these workbook bytes unfit to ship; [] when they are clean. */
export function workbookProblems(bytes: Uint8Array): PackageProblem[] {
  let contents;
  try {
    contents = inspectXlsx(bytes);
  } catch (e) {
    if (!(e instanceof ContentsError)) throw e;
    return [problem('workbook-not-clean', WORKBOOK_FILE, { what: `it is not an .xlsx package (${e.message})` })];
  }
  const found: string[] = [];
  for (const s of contents.sheets) {
    if (s.state !== 'visible')
      found.push(`sheet "${s.name}" is ${s.state === 'veryHidden' ? 'very hidden' : 'hidden'}`);
  }
  if (contents.properties.length > 0)
    found.push(`document properties (${contents.properties.map((p) => p.name).join(', ')})`);
  if (contents.comments.length > 0) found.push(count(contents.comments.length, 'comment', 'comments'));
  if (contents.externalLinks.length > 0)
    found.push(count(contents.externalLinks.length, 'external link', 'external links'));
  const [first] = contents.formulas;
  if (first !== undefined)
    found.push(`${count(contents.formulas.length, 'formula', 'formulas')} (the first at ${first.sheet}!${first.cell})`);
  if (contents.otherParts.length > 0) found.push(`other parts (${contents.otherParts.join(', ')})`);
  const out = found.map((what) => problem('workbook-not-clean', WORKBOOK_FILE, { what }));
  for (const hit of credentialsInCells(contents.cells)) {
    out.push(problem('credential-found', WORKBOOK_FILE, { place: hit.place, what: CREDENTIAL_WORDS[hit.kind] }));
  }
  return out;
}

/** Credentials among enrollment.json's strings, each named by its path (`subsets[2].name`). */
export function enrollmentCredentialProblems(enrollment: Enrollment): PackageProblem[] {
  const out: PackageProblem[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const kind = credentialIn(value);
      if (kind !== null)
        out.push(problem('credential-found', ENROLLMENT_FILE, { place: path, what: CREDENTIAL_WORDS[kind] }));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
    }
  };
  walk(enrollment, '');
  return out;
}
