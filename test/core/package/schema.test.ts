import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { EnrollmentSchema } from '../../../src/core/enrollment';
import { canonicalJson, enrollmentJsonSchema, enrollmentSchemaText } from '../../../src/core/package';
import { RULE_IDS } from '../../../src/core/rules';
import { validWorkbook } from '../fixtures/workbooks';
import { enrollmentOf, everyRuleWorkbook, without } from './helpers';

/** enrollment.json, loosely typed, to break it in tests. */
interface EnrollmentJson {
  schemaVersion: unknown;
  msp: Record<string, unknown>;
  accounts: Record<string, unknown>[];
  workflows: { steps: { rule: unknown; parameters: Record<string, unknown> }[] }[];
}

/** A validator of the shipped schema text, as a consumer of the package would build one. */
function validator(): (data: unknown) => { ok: boolean; errors: string } {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(JSON.parse(enrollmentSchemaText()) as object);
  return (data) => {
    const ok = validate(data);
    return { ok, errors: ajv.errorsText(validate.errors) };
  };
}

/** enrollment.json as the package holds it, parsed as a consumer would. */
const shipped = (input = everyRuleWorkbook()): EnrollmentJson =>
  JSON.parse(canonicalJson(enrollmentOf(input))) as EnrollmentJson;

describe('enrollment.schema.json', () => {
  it('is a draft 2020-12 schema that a strict validator compiles', () => {
    const schema = JSON.parse(enrollmentSchemaText()) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['title']).toBe('Spot MSP enrollment (enrollment.json, schemaVersion 1)');
    expect(() => validator()).not.toThrow();
  });

  it('is generated from the zod schema: the text is zod’s output, canonical, plus a title and description', () => {
    const generated = z.toJSONSchema(EnrollmentSchema, { target: 'draft-2020-12', io: 'output' }) as Record<
      string,
      unknown
    >;
    const shippedSchema = JSON.parse(enrollmentSchemaText()) as Record<string, unknown>;
    const { title, description, ...rest } = shippedSchema;
    expect(typeof title).toBe('string');
    expect(typeof description).toBe('string');
    expect(rest).toEqual(generated);
    expect(enrollmentSchemaText()).toBe(canonicalJson(enrollmentJsonSchema()));
  });

  it('names every rule of the catalog as a step alternative', () => {
    const text = enrollmentSchemaText();
    for (const id of RULE_IDS) expect(text).toContain(`"const": "${id}"`);
  });

  it.each([
    ['the fixture workbook', validWorkbook()],
    ['a workbook using every rule', everyRuleWorkbook()],
    ['a workbook without Accounts and End Customers (both null)', without('Accounts', 'End Customers')],
  ])('validates the enrollment.json of %s', (_, input) => {
    const result = validator()(shipped(input));
    expect(result.errors).toBe('No errors');
    expect(result.ok).toBe(true);
  });

  it.each<[string, (e: EnrollmentJson) => void, RegExp]>([
    [
      'an account ID as a number',
      (e) => (e.accounts[0]!['accountId'] = 12345678901),
      /accounts\/0\/accountId must be string/,
    ],
    [
      'an account ID of 11 digits',
      (e) => (e.accounts[0]!['accountId'] = '12345678901'),
      /accounts\/0\/accountId must match pattern/,
    ],
    ['no MSP name', (e) => delete e.msp['name'], /msp must have required property 'name'/],
    ['an unknown field', (e) => (e.msp['phone'] = '555'), /msp must NOT have additional properties/],
    ['another schemaVersion', (e) => (e.schemaVersion = 2), /schemaVersion must be equal to constant/],
    [
      'an unknown rule',
      (e) => (e.workflows[0]!.steps[0]!.rule = 'free-lunch'),
      /workflows\/0\/steps\/0 must match exactly one schema/,
    ],
    [
      'a bad parameter',
      (e) => (e.workflows[0]!.steps[3]!.parameters['percent'] = '3'),
      /workflows\/0\/steps\/3 must match exactly one schema/,
    ],
    [
      'a workflow without steps',
      (e) => (e.workflows[2]!.steps = []),
      /workflows\/2\/steps must NOT have fewer than 1 items/,
    ],
    ['a placeholder e-mail', (e) => (e.msp['contactEmail'] = 'email1'), /msp\/contactEmail must match pattern/],
  ])('rejects an enrollment.json with %s', (_, edit, message) => {
    const e = shipped();
    edit(e);
    const result = validator()(e);
    expect(result.ok).toBe(false);
    expect(result.errors).toMatch(message);
  });

  it('leaves to verify what JSON Schema cannot say (a duplicate account passes the schema)', () => {
    const e = shipped();
    e.accounts.push({ ...e.accounts[0]! });
    expect(validator()(e).ok).toBe(true);
  });
});
