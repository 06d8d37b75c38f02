/**
 * Writes the example enrollment (`src/core/example.ts`) as `examples/enrollment.xlsx`:
 * `npm run example`.
 */
import { exampleContent } from '../core/example';
import { buildWorkbook, writeWorkbookFile } from './xlsx-write';

export { exampleContent };

/** Writes the example workbook, replacing the file. */
export async function writeExample(path: string): Promise<void> {
  await writeWorkbookFile(buildWorkbook(exampleContent()), path, { overwrite: true });
}
