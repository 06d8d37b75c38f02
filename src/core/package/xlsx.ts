/**
 * A minimal, deterministic .xlsx writer for the port: what a host that cannot send the workbook
 * file itself (Excel on the web, the harness) puts in the package as workbook.xlsx, with
 * `source: 'rebuilt-from-values'`. It keeps each cell's value, type and number format, and merged
 * ranges; nothing else (no styles but number formats, no tables, no dropdowns). A formula cell
 * is written as its result, never as the formula (issue 16): Spot's staff open this file in
 * Excel, so nothing in it may fetch, link, or run DDE.
 *
 * Deterministic: the same port gives the same bytes (fixed part order and entry times, no
 * document properties with a creation date). Text is written as inline strings (no shared-strings
 * part), text cells formatted `@` so that an ID stays text when someone edits the cell.
 */
import { zipSync, type Zippable } from 'fflate';
import { a1 } from '../a1';
import type { Cell, SheetInput, WorkbookInput } from '../port';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's built-in number formats that the port's formats most often are. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '@': 49 };
const TEXT_FORMAT = '@';
const DATE_FORMAT = 'yyyy-mm-dd';
/** Days between Excel's day 0 (1899-12-30, in the 1900 date system) and the Unix epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Characters XML 1.0 cannot hold, written the OOXML way (`_x000B_`); a literal `_xHHHH_` is escaped likewise. */
function xstring(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    );
}

function escapeXml(s: string): string {
  return xstring(s).replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** The number formats in use, in first-use order, each with its style index. */
class Styles {
  private readonly formats: string[] = ['General'];

  /** The cellXfs index of a cell with this number format. */
  index(format: string | undefined): number {
    const f = format === undefined || format.trim() === '' ? 'General' : format;
    let i = this.formats.indexOf(f);
    if (i < 0) i = this.formats.push(f) - 1;
    return i;
  }

  xml(): string {
    let next = 164;
    const ids = this.formats.map((f) => BUILT_IN_FORMATS[f] ?? next++);
    const custom = this.formats
      .map((f, i) => ({ f, id: ids[i] ?? 0 }))
      .filter(({ id }) => id >= 164)
      .map(({ f, id }) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(f)}"/>`);
    const xfs = ids.map(
      (id) =>
        `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id === 0 ? '' : ' applyNumberFormat="1"'}/>`,
    );
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (custom.length > 0 ? `<numFmts count="${custom.length}">${custom.join('')}</numFmts>` : '') +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const numberText = (n: number): string => (Object.is(n, -0) ? '0' : String(n));

/** Values only: the port's `formula` is never written. */
function cellXml(cell: Cell, ref: string, styles: Styles): string {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return `<c r="${ref}" s="${styles.index(TEXT_FORMAT)}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`;
    case 'number': {
      const s = styles.index(cell.format);
      return `<c r="${ref}"${s === 0 ? '' : ` s="${s}"`}><v>${numberText(cell.value)}</v></c>`;
    }
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case 'date': {
      const ms = cell.value.getTime();
      if (!Number.isFinite(ms)) return `<c r="${ref}" t="e"><v>#VALUE!</v></c>`;
      return `<c r="${ref}" s="${styles.index(DATE_FORMAT)}"><v>${numberText((ms - EXCEL_EPOCH_MS) / DAY_MS)}</v></c>`;
    }
    case 'error':
      return `<c r="${ref}" t="e"><v>${escapeXml(cell.value)}</v></c>`;
  }
}

/** Column widths in characters: the longest text in each column, within 8..60. */
function widths(sheet: SheetInput): number[] {
  const out: number[] = [];
  for (const row of sheet.rows) {
    row?.forEach((cell, c) => {
      const length =
        cell === undefined ? 0 : cell.type === 'text' ? cell.value.length : cell.type === 'number' ? 12 : 8;
      out[c] = Math.max(out[c] ?? 8, Math.min(60, length + 2));
    });
  }
  return Array.from(out, (w) => w ?? 8);
}

function sheetXml(sheet: SheetInput, styles: Styles): string {
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  const cols = widths(sheet);
  if (cols.length > 0) {
    parts.push(
      `<cols>${cols.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    );
  }
  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    if (row === undefined) return;
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (cell !== undefined) cells.push(cellXml(cell, a1(r, c), styles));
    });
    const body = cells.join('');
    if (body !== '') parts.push(`<row r="${r + 1}">${body}</row>`);
  });
  parts.push('</sheetData>');
  const merges = sheet.merges ?? [];
  if (merges.length > 0) {
    parts.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join('')}</mergeCells>`,
    );
  }
  parts.push('</worksheet>');
  return parts.join('');
}

/** The .xlsx file of the port's sheets, in their order. */
export function workbookToXlsx(workbook: WorkbookInput): Uint8Array {
  if (workbook.sheets.length === 0) throw new RangeError('workbookToXlsx: a workbook needs at least one sheet');
  const styles = new Styles();
  styles.index(TEXT_FORMAT);
  const sheets = workbook.sheets.map((s) => sheetXml(s, styles));
  const n = sheets.length;
  const utf8 = new TextEncoder();
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        workbook.sheets
          .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ...sheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
    ['xl/styles.xml', styles.xml()],
  ];
  const zippable: Zippable = {};
  for (const [name, xml] of parts) zippable[name] = utf8.encode(xml);
  // The same fixed entry time as the package (see build.ts).
  return zipSync(zippable, { level: 6, mtime: new Date(1980, 0, 1, 0, 0, 0), os: 0, attrs: 0 });
}
