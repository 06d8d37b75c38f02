/**
 * Macros are never packaged (docs/workbook.md: a macro-enabled workbook is read, its macros never
 * run nor written to the package). A workbook file that holds them is replaced in the package by
 * the .xlsx rebuilt from its values.
 */
import { listEntries } from './zip-read';

/** A VBA project (and its signatures) or Excel 4 macro sheets: what makes an .xlsm run code. */
const MACRO_PART = /(?:^|\/)vbaProject(?:Signature|SignatureAgile|SignatureV3)?\.bin$|^xl\/macrosheets\//i;

/**
 * Whether the workbook file holds macros. A file whose ZIP this strict reader does not list (a
 * ZIP64 one, say) is searched for the part names instead: a ZIP stores them uncompressed.
 */
export function holdsMacros(workbookBytes: Uint8Array): boolean {
  try {
    return listEntries(workbookBytes).some((e) => MACRO_PART.test(e.name) || MACRO_PART.test(e.localName));
  } catch {
    const latin1 = new TextDecoder('latin1').decode(workbookBytes);
    return /vbaProject[A-Za-z0-9]*\.bin|xl\/macrosheets\//i.test(latin1);
  }
}
