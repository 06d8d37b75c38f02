/**
 * manifest.json: what the package holds (every other file with its size and SHA-256), when and
 * by what it was made, and whose enrollment it is. Written as canonical JSON, stored uncompressed
 * as the last ZIP entry: two packages of the same workbook differ only in its `packagedAt`.
 */
import { z } from 'zod';
import { DATA_FILES, PACKAGE_FORMAT } from './files';

export const WORKBOOK_SOURCES = ['original-file', 'rebuilt-from-values'] as const;
/**
 * How workbook.xlsx was made: `original-file`, the workbook file's own bytes (the command line;
 * the add-in in desktop Excel); `rebuilt-from-values`, an .xlsx written from the values of the
 * enrollment sheets (Excel on the web, the harness), which keeps no formatting, formula or
 * extra sheet of the original.
 */
export type WorkbookSource = (typeof WORKBOOK_SOURCES)[number];

/** `2025-03-14T09:26:53.589Z`: always 24 characters (years 0000-9999), so the manifest's size never varies. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const ManifestSchema = z.strictObject({
  packageFormat: z.literal(PACKAGE_FORMAT),
  schemaVersion: z.number().int(),
  packagedAt: z.string().regex(ISO_INSTANT, 'must be an instant such as 2025-03-14T09:26:53.589Z'),
  tool: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  msp: z.strictObject({ name: z.string(), spotOrgId: z.string(), managementAccountId: z.string() }),
  workbookSource: z.enum(WORKBOOK_SOURCES),
  files: z
    .array(
      z.strictObject({
        name: z.enum(DATA_FILES),
        size: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
      }),
    )
    .refine((files) => files.length === DATA_FILES.length && DATA_FILES.every((n) => files.some((f) => f.name === n)), {
      message: `must list ${DATA_FILES.join(', ')}, each once`,
    }),
});

export type Manifest = z.output<typeof ManifestSchema>;
export type ManifestFile = Manifest['files'][number];

export const isoInstant = (when: Date): string => when.toISOString();
export const isPackageInstant = (when: Date): boolean =>
  Number.isFinite(when.getTime()) && ISO_INSTANT.test(when.toISOString());
