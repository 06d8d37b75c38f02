/**
 * The enrollment as validated: the model every host works from after validation, and what the
 * submit package carries as `enrollment.json`. Its zod schema is the source of the JSON Schema.
 */
import { z } from 'zod';
import { AwsAccountIdSchema, EmailSchema, SpotOrgIdSchema } from './ids';
import { StepSchema } from './rules';
import type { AccountRow, EndCustomerRow, MspFields, SubsetRow } from './validate';
import { toWorkflow, type WorkflowDraft } from './workflows';

/** Bumped whenever a field changes meaning or shape. */
export const ENROLLMENT_SCHEMA_VERSION = 1;

const Name = z.string().min(1);

export const EnrollmentSchema = z.strictObject({
  schemaVersion: z.literal(ENROLLMENT_SCHEMA_VERSION),
  msp: z.strictObject({
    name: Name,
    spotOrgId: SpotOrgIdSchema,
    managementAccountId: AwsAccountIdSchema,
    contactEmail: EmailSchema,
    accountRepEmail: EmailSchema.nullable(),
  }),
  /** Null when the workbook has no Accounts sheet (the subsets already exist in the Spot console). */
  accounts: z
    .array(
      z.strictObject({
        name: z.string(),
        email: EmailSchema.nullable(),
        accountId: AwsAccountIdSchema,
        subset: Name,
      }),
    )
    .nullable(),
  subsets: z.array(z.strictObject({ name: Name, workflow: Name })),
  workflows: z.array(z.strictObject({ name: Name, steps: z.array(StepSchema).min(1) })),
  /** Null when the workbook has no End Customers sheet (that step comes later). */
  endCustomers: z
    .array(
      z.strictObject({
        consoleEmail: EmailSchema,
        spotOrgId: SpotOrgIdSchema,
        subset: Name,
        workflow: Name,
      }),
    )
    .nullable(),
});

export type Enrollment = z.infer<typeof EnrollmentSchema>;

export interface EnrollmentParts {
  readonly msp: MspFields;
  readonly accounts: readonly AccountRow[] | null;
  readonly subsets: readonly SubsetRow[];
  readonly workflows: readonly WorkflowDraft[];
  readonly endCustomers: readonly EndCustomerRow[] | null;
}

/**
 * Assembles the model from what validation read. Called only when validation found no error,
 * so every part is present; the schema parse brands the IDs and is the last line of defence.
 */
export function buildEnrollment(parts: EnrollmentParts): Enrollment | null {
  const parsed = EnrollmentSchema.safeParse({
    schemaVersion: ENROLLMENT_SCHEMA_VERSION,
    msp: {
      name: parts.msp.name,
      spotOrgId: parts.msp.spotOrgId,
      managementAccountId: parts.msp.managementAccountId,
      contactEmail: parts.msp.contactEmail,
      accountRepEmail: parts.msp.accountRepEmail,
    },
    accounts: parts.accounts,
    subsets: parts.subsets,
    workflows: parts.workflows.map(toWorkflow),
    endCustomers: parts.endCustomers,
  });
  return parsed.success ? parsed.data : null;
}
