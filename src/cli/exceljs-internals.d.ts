// Two of exceljs's own modules that the reader shares with it (exceljs ships them without types).
declare module 'exceljs/lib/utils/shared-formula' {
  /** Moves a shared formula's relative references from its master cell to another cell. */
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}

declare module 'exceljs/lib/xlsx/defaultnumformats' {
  /** Built-in number formats by id: `{f: code}`, or codes by locale for the locale-dependent ones. */
  const formats: Record<number, { readonly f: string } | Readonly<Record<string, string>>>;
  export default formats;
}
