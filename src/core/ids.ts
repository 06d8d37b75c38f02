import { z } from 'zod';

/**
 * Branded identifiers. A plain string cannot be passed where an `AwsAccountId` is expected:
 * it has to go through the schema, which is where the 12-digit rule lives.
 */

export const AwsAccountIdSchema = z
  .string()
  .regex(/^\d{12}$/, 'an AWS account ID is exactly 12 digits, written as text')
  .brand<'AwsAccountId'>();
export type AwsAccountId = z.infer<typeof AwsAccountIdSchema>;

export const SpotOrgIdSchema = z
  .string()
  .regex(/^\d{12}$/, 'a Spot organization ID is exactly 12 digits')
  .brand<'SpotOrgId'>();
export type SpotOrgId = z.infer<typeof SpotOrgIdSchema>;

/**
 * A plain address: one `@`, no spaces, a dotted domain. Deliberately simpler than RFC 5322:
 * the addresses here are people's work mailboxes, and a simple rule gives clear messages.
 */
export const EMAIL_PATTERN =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const EmailSchema = z
  .string()
  .regex(EMAIL_PATTERN, 'an e-mail address such as name@example.com')
  .brand<'Email'>();
export type Email = z.infer<typeof EmailSchema>;

/** Subset and workflow names are compared trimmed, case-insensitively, with runs of spaces as one. */
export function nameKey(name: string): string {
  // The same few hundred subset names recur on every account row: remember them.
  let key = NAME_KEYS.get(name);
  if (key === undefined) {
    key = name.trim().replace(/\s+/g, ' ').toLowerCase();
    if (NAME_KEYS.size > 10_000) NAME_KEYS.clear();
    NAME_KEYS.set(name, key);
  }
  return key;
}
const NAME_KEYS = new Map<string, string>();
