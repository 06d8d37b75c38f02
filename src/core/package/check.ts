/**
 * The checks of enrollment.json that the packager runs before it writes a package and `verify`
 * runs on one: the schema, the workbook contract's rules (by validating the workbook the
 * enrollment gives, `enrollmentToWorkbook`), and that the text is exactly what the packager
 * writes for that enrollment.
 */
import { ENROLLMENT_SCHEMA_VERSION, EnrollmentSchema, type Enrollment } from '../enrollment';
import { validateWorkbook } from '../validate';
import { canonicalJson } from './canonical-json';
import { enrollmentPath, enrollmentToWorkbook } from './enrollment-workbook';
import { ENROLLMENT_FILE } from './files';
import { problem, type PackageProblem } from './problems';

export interface EnrollmentCheck {
  /** The parsed enrollment when it fits the schema (even if a rule of the contract fails). */
  readonly enrollment: Enrollment | null;
  readonly problems: PackageProblem[];
}

/** `accounts[1].accountId` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(the whole file)' : out;
}

/** 1-based number of the first line where the two texts differ. */
export function firstDifferentLine(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

const MAX_LISTED = 5;

export function checkEnrollmentText(text: string): EnrollmentCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      enrollment: null,
      problems: [problem('json-invalid', ENROLLMENT_FILE, { name: ENROLLMENT_FILE, reason: reasonOf(e) })],
    };
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    'schemaVersion' in json &&
    json.schemaVersion !== ENROLLMENT_SCHEMA_VERSION
  ) {
    return {
      enrollment: null,
      problems: [
        problem('schema-version-unsupported', ENROLLMENT_FILE, {
          found: JSON.stringify(json.schemaVersion) ?? 'undefined',
          supported: ENROLLMENT_SCHEMA_VERSION,
        }),
      ],
    };
  }
  const parsed = EnrollmentSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues.slice(0, MAX_LISTED).map((i) => `${formatPath(i.path)}: ${i.message}`);
    if (issues.length > MAX_LISTED) listed.push(`and ${issues.length - MAX_LISTED} more`);
    return {
      enrollment: null,
      problems: [problem('schema-invalid', ENROLLMENT_FILE, { problems: listed.join('; ') })],
    };
  }
  const enrollment = parsed.data;
  const result = validateWorkbook(enrollmentToWorkbook(enrollment));
  const errors = result.findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (first !== undefined) {
    const where = enrollmentPath(enrollment, first.sheet, first.cell);
    const cell = first.cell === null ? first.sheet : `${first.sheet}!${first.cell}`;
    return {
      enrollment,
      problems: [
        problem(
          'revalidation-failed',
          ENROLLMENT_FILE,
          { count: errors.length, first: `${where ?? cell} (${cell} of the workbook it gives): ${first.message}` },
          errors,
        ),
      ],
    };
  }
  const expected = result.enrollment === null ? null : canonicalJson(result.enrollment);
  if (expected !== text) {
    return {
      enrollment,
      problems: [
        problem('enrollment-not-canonical', ENROLLMENT_FILE, {
          line: expected === null ? 1 : firstDifferentLine(expected, text),
        }),
      ],
    };
  }
  return { enrollment, problems: [] };
}

function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() || 'unknown error';
}
