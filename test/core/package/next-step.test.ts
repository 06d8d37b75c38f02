import { enrollmentEmail, MAILTO_MAX_LENGTH, SPOT_ENROLLMENT_CONTACT } from '../../../src/core/package/next-step';
import { ticketText } from '../../../src/core/package/ticket';
import { enrollmentOf } from './helpers';

describe('the e-mail that takes the package to Spot', () => {
  it('goes to the account rep and the enrollment contact, with the ticket as body', () => {
    const e = enrollmentOf();
    const ticket = ticketText(e);
    const mail = enrollmentEmail(e, ticket, 'p.zip');
    expect(mail.to).toEqual(['rep@spot.example', SPOT_ENROLLMENT_CONTACT]);
    expect(mail.body).toBe(ticket);
    expect(mail.bodyInMailto).toBe(true);
    const url = new URL(mail.mailto);
    expect(url.protocol).toBe('mailto:');
    expect(url.searchParams.get('body')).toBe(`${ticket}\n\nThe package p.zip is attached.\n`);
    // Spaces as %20: a "+" would reach the mail program as a plus sign.
    expect(mail.mailto).not.toContain('+');
  });

  it('without an Account Rep Email, only the enrollment contact; a rep equal to it is named once', () => {
    const e = enrollmentOf();
    const none = { ...e, msp: { ...e.msp, accountRepEmail: null } };
    expect(enrollmentEmail(none, 't', 'p.zip').to).toEqual([SPOT_ENROLLMENT_CONTACT]);
    const same = { ...e, msp: { ...e.msp, accountRepEmail: SPOT_ENROLLMENT_CONTACT } } as typeof e;
    expect(enrollmentEmail(same, 't', 'p.zip').to).toEqual([SPOT_ENROLLMENT_CONTACT]);
  });

  it('a ticket too long for a mailto: link asks for a paste instead, and the copy text stays whole', () => {
    const e = enrollmentOf();
    const long = 'x'.repeat(MAILTO_MAX_LENGTH);
    const mail = enrollmentEmail(e, long, 'p.zip');
    expect(mail.bodyInMailto).toBe(false);
    expect(mail.mailto.length).toBeLessThan(MAILTO_MAX_LENGTH);
    expect(new URL(mail.mailto).searchParams.get('body')).toMatch(/^Paste the copied e-mail text here/);
    expect(mail.body).toBe(long);
  });
});
