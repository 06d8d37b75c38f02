/**
 * The package's file name: `<msp>-<management account>-<YYYY-MM-DD>.zip`, such as
 * `acme-cloud-partners-012345678901-2025-03-14.zip`.
 *
 * - `<msp>`: the MSP name slugged to `[a-z0-9-]`: accents dropped (`é` → `e`), lower case, every
 *   run of other characters one `-`, no `-` at either end, at most 40 characters (cut at a `-`
 *   boundary when there is one). A name with no letter or digit left gives `msp`.
 * - `<date>`: the package time's UTC date, the same instant manifest.json's `packagedAt` names.
 */

export const SLUG_MAX = 40;

export function mspSlug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) {
    const cut = slug.slice(0, SLUG_MAX);
    const boundary = cut.lastIndexOf('-');
    slug = (boundary > 0 ? cut.slice(0, boundary) : cut).replace(/-+$/, '');
  }
  return slug === '' ? 'msp' : slug;
}

/** `YYYY-MM-DD` of the instant, in UTC. */
export const utcDate = (when: Date): string => when.toISOString().slice(0, 10);

export function packageFileName(mspName: string, managementAccountId: string, when: Date): string {
  return `${mspSlug(mspName)}-${managementAccountId}-${utcDate(when)}.zip`;
}
