/**
 * The five files of a package, in the order the ZIP holds them. The packager writes these names
 * and no others; `verify` refuses anything else.
 */

export const WORKBOOK_FILE = 'workbook.xlsx';
export const ENROLLMENT_FILE = 'enrollment.json';
export const SCHEMA_FILE = 'enrollment.schema.json';
export const TICKET_FILE = 'ticket.txt';
export const MANIFEST_FILE = 'manifest.json';

/** The files manifest.json lists (every file but itself), in ZIP order. */
export const DATA_FILES = [WORKBOOK_FILE, ENROLLMENT_FILE, SCHEMA_FILE, TICKET_FILE] as const;
export type DataFileName = (typeof DATA_FILES)[number];

/** Every entry of a package, in ZIP order: the manifest last. */
export const PACKAGE_FILES = [...DATA_FILES, MANIFEST_FILE] as const;
export type PackageFileName = (typeof PACKAGE_FILES)[number];

export const isPackageFile = (name: string): name is PackageFileName =>
  (PACKAGE_FILES as readonly string[]).includes(name);

/** Version of the package layout (files, manifest fields, ticket layout); bumped when one changes. */
export const PACKAGE_FORMAT = 1;
