/**
 * enrollment.schema.json: the JSON Schema of enrollment.json, generated from the zod schemas
 * (`EnrollmentSchema` and, through it, every rule's parameter schema); never written by hand.
 *
 * zod's `z.toJSONSchema` (draft 2020-12), in `output` mode: enrollment.json holds the parsed
 * model, so a parameter with a default (retain-discounts' `subsets`, `accounts`) is required.
 * Brands leave no trace (an ID is a 12-digit string pattern). Refinements that JSON Schema cannot
 * say are left out by zod: lists without duplicates, "at least one condition in `when`", retain-
 * discounts' "a subset or an account", at most 4 decimals in a percent, and every cross-sheet rule
 * of the contract. The schema checks the shape; `verify` checks the rest (see docs/package.md).
 */
import { z } from 'zod';
import { ENROLLMENT_SCHEMA_VERSION, EnrollmentSchema } from '../enrollment';
import { canonicalJson } from './canonical-json';

/** The JSON Schema as an object (a fresh copy each call). */
export function enrollmentJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(EnrollmentSchema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
  });
  return {
    ...generated,
    title: `Spot MSP enrollment (enrollment.json, schemaVersion ${ENROLLMENT_SCHEMA_VERSION})`,
    description:
      'The enrollment workbook as validated by msp-enroll. Generated from its zod schemas; the rules this schema cannot express (no duplicates in lists, the cross-sheet rules of the workbook contract) are checked by msp-enroll verify.',
  };
}

let cached: string | undefined;

/** enrollment.schema.json's text (canonical JSON). */
export function enrollmentSchemaText(): string {
  cached ??= canonicalJson(enrollmentJsonSchema());
  return cached;
}
