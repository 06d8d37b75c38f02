/** Types of scripts/hostile-files.js (plain JavaScript, shared with the benchmark). */
export interface RawEntry {
  readonly raw: Buffer;
  readonly size: number;
  readonly crc: number;
}
export interface EntryOptions {
  readonly stored?: boolean;
  readonly flags?: number;
  /** Unix mode bits (file type and permissions), written with "version made by" Unix. */
  readonly mode?: number;
}
export type Entry = readonly [string, Buffer | string | RawEntry, EntryOptions?];
export function zip(entries: readonly Entry[]): Buffer;
export function bomb(head: string, filler: string, size: number, tail: string): RawEntry;
export function workbook(
  sheets: readonly { name: string; xml: string | RawEntry }[],
  options?: { extra?: readonly Entry[]; workbookXml?: string; sharedStrings?: string | RawEntry },
): Buffer;
export function sheetXml(rows: string, after?: string): string;
export function rowXml(r: number, cells: readonly (readonly [string, string | number])[]): string;
export function headerRow(headers: readonly string[]): string;
export const ACCOUNTS_HEADERS: readonly string[];
export const CASES: Readonly<Record<string, () => Buffer>>;
export const MAIN_NS: string;
export const REL_NS: string;
export const HEAD: string;
export function repackage(
  files: Readonly<Record<string, Uint8Array>>,
  options?: { workbookBytes?: Buffer; modes?: Readonly<Record<string, number>> },
): Buffer;
export const PACKAGE_CASES: Readonly<Record<string, (files: Readonly<Record<string, Uint8Array>>) => Buffer>>;
