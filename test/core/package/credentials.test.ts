/**
 * What looks like a credential (issue 16, item 2), and what does not: the enrollment's own
 * values (12-digit IDs, e-mails, rule parameters) must never trip it.
 */
import { credentialIn, credentialsInCells } from '../../../src/core/package/credentials';
import { canonicalJson } from '../../../src/core/package';
import { validWorkbook } from '../fixtures/workbooks';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET, enrollmentOf } from './helpers';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('credentialIn', () => {
  it.each([
    [EXAMPLE_KEY_ID, 'aws-access-key-id'],
    [`key id: ASIAY34FZKBOKMUTVV7A, for prod`, 'aws-access-key-id'],
    [`aws_secret_access_key = ${EXAMPLE_SECRET}`, 'aws-secret-access-key'],
    [`Authorization: Bearer ${'a1B2'.repeat(6)}`, 'bearer-token'],
    [JWT, 'bearer-token'],
    [PEM, 'private-key'],
    ['-----BEGIN PRIVATE KEY-----', 'private-key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'private-key'],
  ])('%s is %s', (text, kind) => {
    expect(credentialIn(text)).toBe(kind);
  });

  it('a 40-character key is a secret only in context', () => {
    expect(credentialIn(EXAMPLE_SECRET)).toBeNull();
    expect(credentialIn(EXAMPLE_SECRET, 'Secret access key')).toBe('aws-secret-access-key');
    expect(credentialIn(EXAMPLE_SECRET, `the row's key ID ${EXAMPLE_KEY_ID}`)).toBe('aws-secret-access-key');
    expect(credentialIn(EXAMPLE_SECRET, () => true)).toBe('aws-secret-access-key');
    // Not key-like: one case only, or no digit or / or +.
    expect(credentialIn(`secret: ${'a'.repeat(40)}`)).toBeNull();
    expect(credentialIn(`secret: ${'abcdefghij'.repeat(4).toUpperCase()}`)).toBeNull();
    // Part of a longer token is not a 40-character key.
    expect(credentialIn(`secret: ${EXAMPLE_SECRET}x`)).toBeNull();
  });

  it.each([
    'AKIAIOSFODNN7EXAMPL', // 19 characters
    'XAKIAIOSFODNN7EXAMPLE', // inside a longer word
    'akiaiosfodnn7example', // lower case
    'the bearer of this note',
    'Bearer short',
    '-----BEGIN CERTIFICATE-----',
    'finance@acme-cloud.example',
    '012345678901',
    'eyJhbGciOiJIUzI1NiJ9 without a payload',
  ])('%s is not a credential', (text) => {
    expect(credentialIn(text)).toBeNull();
  });

  it('the fixture enrollment (every value in it) holds none', () => {
    expect(credentialsInCells(validWorkbook())).toEqual([]);
    expect(credentialIn(canonicalJson(enrollmentOf()), 'secret')).toBeNull();
  });

  it('is linear on cells of 32,767 characters shaped to make a scan backtrack', () => {
    const max = 32767;
    for (const text of [
      `-eyJ${'a'.repeat(10)}`.repeat(Math.floor(max / 15)),
      'A'.repeat(max),
      `${'a1B/'.repeat(Math.floor(max / 4))}`,
      `Bearer ${' '.repeat(max - 8)}`,
      `-----BEGIN ${'A '.repeat(Math.floor(max / 2) - 8)}`,
    ]) {
      expect(credentialIn(text, () => true)).toBeNull();
    }
  });
});

describe('credentialsInCells', () => {
  const sheet = (rows: (string | undefined)[][]) => ({
    sheets: [
      {
        name: 'Keys',
        rows: rows.map((r) => r.map((v) => (v === undefined ? undefined : { type: 'text' as const, value: v }))),
      },
    ],
  });

  it('names the cell; a secret by its label to the left, its column header, or a key ID on its row', () => {
    expect(credentialsInCells(sheet([['aws_secret_access_key', EXAMPLE_SECRET]]))).toEqual([
      { kind: 'aws-secret-access-key', place: 'Keys!B1', sheet: 'Keys', cell: 'B1' },
    ]);
    expect(
      credentialsInCells(
        sheet([
          ['Name', 'Secret'],
          ['prod', EXAMPLE_SECRET],
        ]),
      ).map((h) => h.place),
    ).toEqual(['Keys!B2']);
    expect(
      credentialsInCells(
        sheet([
          ['Name', 'Key'],
          [EXAMPLE_KEY_ID, 'x', EXAMPLE_SECRET],
        ]),
      ).map((h) => h.place),
    ).toEqual(['Keys!A2', 'Keys!C2']);
    expect(
      credentialsInCells(
        sheet([
          ['Name', 'Value'],
          ['prod', EXAMPLE_SECRET],
        ]),
      ),
    ).toEqual([]);
  });

  it('looks into formulas too', () => {
    const input = {
      sheets: [{ name: 'S', rows: [[{ type: 'text' as const, value: 'x', formula: `="${EXAMPLE_KEY_ID}"` }]] }],
    };
    expect(credentialsInCells(input).map((h) => h.place)).toEqual(['S!A1']);
  });
});
