/**
 * The Parquet reader of the preview: hyparquet (pure JavaScript; its AsyncBuffer is a file on Node
 * and a File or fetch in a browser worker), flat column chunks through the page decoder
 * (parquet-pages.ts). Apart from source.ts so that a reader thread loads no runner or rules.
 */
import { parquetMetadataAsync, parquetScan, parquetSchema, type AsyncBuffer, type Compressors } from 'hyparquet';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import { REQUIRED_COLUMNS } from './columns';
import { inputError, planColumns, type ColumnPlan, type RawColumn } from './dialects';
import { decodeFlatChunk } from './parquet-pages';
import type { LineItemSource, OpenOptions } from './source-types';

/**
 * A Parquet source: one batch per row group, reading only the planned columns. `rowGroups`: only
 * these row groups (by index; a parallel reader gives each worker its share), in file order.
 */
export async function openParquet(
  options: OpenOptions,
  file: AsyncBuffer,
  compressors?: Compressors,
  rowGroups?: ReadonlySet<number>,
): Promise<LineItemSource> {
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw inputError('cur-unreadable', {
      file: options.file,
      reason: `it is not a Parquet file (${e instanceof Error ? e.message : String(e)})`,
    });
  }
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  const plan: ColumnPlan = planColumns({
    file: options.file,
    header,
    wanted: options.columns,
    required: REQUIRED_COLUMNS,
    dictionaries: options.dictionaries,
  });
  return {
    file: options.file,
    dialect: plan.dialect,
    present: plan.present,
    async *batches() {
      // hyparquet's column reader, for the chunks the page decoder does not take.
      let scan: Awaited<ReturnType<typeof parquetScan>> | undefined;
      const viaHyparquet = async (column: string, rowStart: number, rowEnd: number): Promise<RawColumn> => {
        scan ??= await parquetScan({
          file,
          metadata,
          columns: [...plan.sourceColumns],
          ...(compressors === undefined ? {} : { compressors }),
        });
        return scan.readColumn({ column, rowStart, rowEnd });
      };
      let groupStart = 0;
      for (const [g, group] of metadata.row_groups.entries()) {
        const rows = Number(group.num_rows);
        const start = groupStart;
        groupStart += rows;
        if (rows === 0 || (rowGroups !== undefined && !rowGroups.has(g))) continue;
        // Only the planned columns' chunks are read (the projection).
        const values = await Promise.all(
          plan.sourceColumns.map(async (column): Promise<RawColumn> => {
            const meta = group.columns.find(
              (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column,
            )?.meta_data;
            if (meta !== undefined) {
              const first = Number(meta.dictionary_page_offset || meta.data_page_offset);
              const bytes = new Uint8Array(await file.slice(first, first + Number(meta.total_compressed_size)));
              const decoded = decodeFlatChunk(bytes, meta, getSchemaPath(metadata.schema, [column]), rows, compressors);
              if (decoded !== null) return decoded;
            }
            return viaHyparquet(column, start, start + rows);
          }),
        );
        const byName = new Map(plan.sourceColumns.map((name, i) => [name, values[i]!]));
        yield plan.build((name) => byName.get(name), rows, start + 1);
      }
    },
  };
}
