import { mspSlug, packageFileName } from '../../../src/core/package';

describe('the package file name', () => {
  it.each([
    ['Acme Cloud Partners', 'acme-cloud-partners'],
    ['  Société Générale Cloud  ', 'societe-generale-cloud'],
    ['AT&T / Cloud (EMEA)', 'at-t-cloud-emea'],
    ['Ａｃｍｅ　Cloud', 'acme-cloud'],
    ['--Acme--', 'acme'],
    ['東京クラウド', 'msp'],
    ['', 'msp'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows', 'c-windows'],
    ['Northwind Cloud Services International Holdings Limited', 'northwind-cloud-services-international'],
    ['a'.repeat(60), 'a'.repeat(40)],
  ])('slugs the MSP name %j to %j', (name, slug) => {
    expect(mspSlug(name)).toBe(slug);
    expect(mspSlug(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(mspSlug(name).length).toBeLessThanOrEqual(40);
  });

  it('is <msp>-<management account>-<UTC date>.zip', () => {
    expect(packageFileName('Acme Cloud Partners', '012345678901', new Date('2025-03-14T09:26:53.589Z'))).toBe(
      'acme-cloud-partners-012345678901-2025-03-14.zip',
    );
    // 23:30 in New York on the 14th is the 15th in UTC, the date manifest.json's packagedAt names.
    expect(packageFileName('Acme', '012345678901', new Date('2025-03-14T23:30:00-04:00'))).toBe(
      'acme-012345678901-2025-03-15.zip',
    );
  });
});
