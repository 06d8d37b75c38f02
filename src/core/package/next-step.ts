/**
 * What the MSP does with the package when there is no intake address (the procedure's usual
 * case, e-mail): send it to the Spot account representative (the Enrollment sheet's Account Rep
 * Email) and to Spot's enrollment contact, with the ticket as the text. The package itself is
 * attached by the user: a mailto: link cannot carry files.
 */
import type { Enrollment } from '../enrollment';

/** Spot's enrollment contact, as the enrollment procedure names it (Step 5: "Contact your account representative and …"). */
export const SPOT_ENROLLMENT_CONTACT = 'ben.swoboda@netapp.com';

/**
 * Longest mailto: URL offered with the ticket as its body. Mail programs and browsers cut or
 * refuse long links, at limits that differ and are not documented alike; 8,000 characters holds
 * the ticket of a few dozen subsets. Beyond it the body asks the user to paste the copied text.
 */
export const MAILTO_MAX_LENGTH = 8000;

export interface EnrollmentEmail {
  /** The account rep first (when given), then Spot's enrollment contact. */
  readonly to: readonly string[];
  readonly subject: string;
  /** The ticket text: what "Copy e-mail text" copies. */
  readonly body: string;
  /** A mailto: URL with recipients, subject and (when short enough) the ticket as body. */
  readonly mailto: string;
  /** False when the ticket was too long for the mailto: URL and the body asks for a paste. */
  readonly bodyInMailto: boolean;
}

export function enrollmentEmail(enrollment: Enrollment, ticket: string, fileName: string): EnrollmentEmail {
  const to = [enrollment.msp.accountRepEmail, SPOT_ENROLLMENT_CONTACT].filter(
    (a, i, all): a is string => a !== null && all.indexOf(a) === i,
  );
  const subject = `Spot MSP enrollment: ${enrollment.msp.name.replace(/\s+/g, ' ')} (${enrollment.msp.managementAccountId})`;
  // encodeURIComponent, not URLSearchParams: mail programs read "+" as a plus sign, not a space.
  const url = (body: string): string =>
    `mailto:${to.map(encodeURIComponent).join(',')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  const full = url(`${ticket}\n\nThe package ${fileName} is attached.\n`);
  const bodyInMailto = full.length <= MAILTO_MAX_LENGTH;
  const mailto = bodyInMailto ? full : url(`Paste the copied e-mail text here, and attach the package ${fileName}.\n`);
  return { to, subject, body: ticket, mailto, bodyInMailto };
}
