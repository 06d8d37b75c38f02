/**
 * An editable view of the in-memory workbook: sheet tabs and a grid of the first ROWS x COLS
 * cells of the active sheet (a cap, not virtualization: the rest of a sheet is still there, the
 * pane sees it, the grid just does not show it).
 *
 * A cell's accessible name is "<sheet> <address>, <text>" (the address visually hidden), then
 * "(error mark)" when marked. Each cell shows its display text, and the fill of the conditional format active there (the
 * pane's marks), with the mark also as text (visually hidden, and as a tooltip) so that it does
 * not depend on colour. The selected cell is the model's selection, so a click here fires the
 * pane's onSelect, and the pane's "Go to" moves the cursor here.
 *
 * Keyboard: arrows, Home/End, Ctrl+Home; Enter or F2 edits the cell, typing starts an edit with
 * that character, Delete clears the selection (a cell, or a row chosen by its header or
 * Shift+Space); while editing, Enter commits (and moves down), Tab commits (and moves right),
 * Escape cancels. Paste of a block copied from Excel (tab-separated lines) fills cells from the
 * cursor. Every change goes through host.type, which raises onChanged as typing in Excel does.
 *
 * "Go to" from the pane (a selection made outside the grid) scrolls the grid's own box to the
 * cell, never the page, and gives the grid the focus.
 */
import { Tab, TabList, Text, makeStyles, mergeClasses, tokens, useUncontrolledFocus } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { MARK_FILL } from '../excel/marks';
import type { MemoryExcel, SheetModel } from '../in-memory-excel';
import { useViewStyles } from '../taskpane/styles';

export const ROWS = 60;
export const COLS = 8;

const colName = (c: number): string => String.fromCharCode(65 + c);
export const cellAddress = (row: number, col: number): string => `${colName(col)}${row + 1}`;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 190px)',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  corner: { width: '44px' },
  colHeader: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    width: '150px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
    padding: '2px 4px',
  },
  rowHeader: {
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
    textAlign: 'right',
    padding: '2px 6px',
  },
  cell: {
    height: '24px',
    maxWidth: '150px',
    padding: '0 4px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
    cursor: 'cell',
    outlineStyle: 'none',
  },
  selected: {
    boxShadow: `inset 0 0 0 2px ${tokens.colorBrandStroke1}`,
    ':focus-visible': { boxShadow: `inset 0 0 0 3px ${tokens.colorStrokeFocus2}` },
  },
  errorMark: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}` },
  warningMark: { borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  input: {
    width: '100%',
    boxSizing: 'border-box',
    font: 'inherit',
    border: 'none',
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    padding: '0 2px',
    height: '22px',
  },
  status: { color: tokens.colorNeutralForeground2 },
});

/** What a mark means, from its fill (the pane's marks use MARK_FILL; other fills are the user's). */
function markLabel(fill: string | null): 'error' | 'warning' | 'marked' {
  const f = (fill ?? '').toUpperCase();
  if (f === MARK_FILL.error.toUpperCase()) return 'error';
  if (f === MARK_FILL.warning.toUpperCase()) return 'warning';
  return 'marked';
}

interface Editing {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export function Grid({ host, onEdited }: { host: MemoryExcel; onEdited: () => void }) {
  const styles = useStyles();
  const view = useViewStyles();
  const ids = useId();
  const model = host.model;
  const sheets = model.sheets.filter((s) => s.visibility === 'Visible');
  const sheet: SheetModel | undefined = model.active && sheets.includes(model.active) ? model.active : sheets[0];
  const sel = model.selection && model.selection.sheet === sheet ? model.selection.rect : null;
  const inSelection = (r: number, c: number): boolean =>
    sel !== null && r >= sel.row && r < sel.row + sel.rows && c >= sel.col && c < sel.col + sel.cols;
  const cursor = { row: Math.min(sel?.row ?? 0, ROWS - 1), col: Math.min(sel?.col ?? 0, COLS - 1) };
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const focusCursor = useRef(false);
  /** The last selection the grid made itself: any other one came from outside (the pane's "Go to"). */
  const own = useRef<string | null>(null);
  const seen = useRef<string | null>(null);
  // Tabster (Fluent's focus manager) must leave Tab in the cell editor to the editor (commit, move right).
  const uncontrolled = useUncontrolledFocus();

  // After a move by keyboard (or the end of an edit), the focus follows the cursor.
  useEffect(() => {
    if (!focusCursor.current || editing) return;
    focusCursor.current = false;
    table.current?.querySelector<HTMLElement>('td[tabindex="0"]')?.focus({ preventScroll: true });
  });
  // The cursor stays in view inside the grid's box (not the page's scroll) when it moves.
  const where = `${sheet?.name ?? ''}!${cursor.row},${cursor.col}`;
  useEffect(() => {
    const cell = table.current?.querySelector<HTMLElement>('td[tabindex="0"]');
    const box = scroller.current;
    if (!cell || !box) return;
    scrollWithin(box, cell);
    const first = seen.current === null;
    seen.current = where;
    if (!first && own.current !== where && !editing) cell.focus({ preventScroll: true });
    own.current = null;
    // Only when the cursor moves (where), not on every render.
  }, [where]);

  if (!sheet) return <Text>The workbook has no visible sheet.</Text>;

  const select = (row: number, col: number, focus = true): void => {
    const r = Math.max(0, Math.min(ROWS - 1, row));
    const c = Math.max(0, Math.min(COLS - 1, col));
    focusCursor.current = focus;
    own.current = `${sheet.name}!${r},${c}`;
    model.select(sheet, { row: r, col: c, rows: 1, cols: 1 });
  };

  const selectRow = (row: number): void => {
    focusCursor.current = true;
    own.current = `${sheet.name}!${row},0`;
    model.select(sheet, { row, col: 0, rows: 1, cols: COLS });
  };

  /** Types `texts` into a block of cells from (row, col), one host.type each; the first failure stops it. */
  const fill = (row: number, col: number, texts: readonly (readonly string[])[]): void => {
    let done = 0;
    try {
      texts.forEach((line, r) =>
        line.forEach((text, c) => {
          host.type(sheet.name, cellAddress(row + r, col + c), text);
          done++;
        }),
      );
      setError(null);
    } catch (err) {
      setError(`Stopped after ${done} cells: ${(err as Error).message}`);
    }
    onEdited();
  };

  const onPaste = (event: ClipboardEvent<HTMLTableElement>): void => {
    if (editing) return;
    const text = event.clipboardData.getData('text/plain');
    if (text === '') return;
    event.preventDefault();
    fill(cursor.row, cursor.col, parseBlock(text));
  };

  const commit = (e: Editing, move: 'down' | 'right' | 'none'): void => {
    setEditing(null);
    try {
      host.type(sheet.name, cellAddress(e.row, e.col), e.text);
      setError(null);
    } catch (err) {
      setError(`${sheet.name}!${cellAddress(e.row, e.col)} was not changed: ${(err as Error).message}`);
    }
    onEdited();
    if (move === 'down') select(e.row + 1, e.col);
    else if (move === 'right') select(e.row, e.col + 1);
    else select(e.row, e.col);
  };

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (editing) return;
    const { row, col } = cursor;
    const key = event.key;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Home: event.ctrlKey ? [0, 0] : [row, 0],
      End: [row, COLS - 1],
      PageUp: [row - 20, col],
      PageDown: [row + 20, col],
    };
    const move = moves[key];
    if (move) {
      event.preventDefault();
      select(move[0], move[1]);
    } else if (key === 'Enter' || key === 'F2') {
      event.preventDefault();
      setEditing({ row, col, text: sheet.text(row, col) });
    } else if (key === ' ' && event.shiftKey) {
      event.preventDefault();
      selectRow(row);
    } else if (key === 'Delete' || key === 'Backspace') {
      event.preventDefault();
      if (sel !== null && (sel.rows > 1 || sel.cols > 1)) {
        fill(
          sel.row,
          sel.col,
          Array.from({ length: sel.rows }, () => Array.from({ length: sel.cols }, () => '')),
        );
        focusCursor.current = true;
      } else commit({ row, col, text: '' }, 'none');
    } else if (key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setEditing({ row, col, text: key });
    }
  };

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (!editing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      commit(editing, 'down');
    } else if (event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      commit(editing, 'right');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setEditing(null);
      focusCursor.current = true;
    }
  };

  const rows = Array.from({ length: ROWS }, (_, r) => r);
  const cols = Array.from({ length: COLS }, (_, c) => c);
  return (
    <section className={styles.root} aria-label="Workbook">
      <TabList
        size="small"
        selectedValue={sheet.name}
        onTabSelect={(_, data) => {
          const next = model.sheet(String(data.value));
          if (!next) return;
          setEditing(null);
          const at = model.selection?.sheet === next ? model.selection.rect : { row: 0, col: 0, rows: 1, cols: 1 };
          // The grid's own move: the focus stays on the sheet tab.
          own.current = `${next.name}!${Math.min(at.row, ROWS - 1)},${Math.min(at.col, COLS - 1)}`;
          model.select(next, at);
        }}
        aria-label="Sheets"
      >
        {sheets.map((s) => (
          <Tab key={s.id} value={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.scroller} ref={scroller}>
        <table
          ref={table}
          onPaste={onPaste}
          role="grid"
          aria-label={`Sheet ${sheet.name}`}
          aria-describedby={`${ids}-help`}
          aria-rowcount={ROWS + 1}
          aria-colcount={COLS + 1}
          className={styles.table}
          onKeyDown={onGridKey}
        >
          <thead>
            <tr>
              <td className={mergeClasses(styles.colHeader, styles.corner)} />
              {cols.map((c) => (
                <th key={c} scope="col" className={styles.colHeader}>
                  {colName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row" className={styles.rowHeader} onClick={() => selectRow(r)} title={`Select row ${r + 1}`}>
                  {r + 1}
                </th>
                {cols.map((c) => {
                  const address = cellAddress(r, c);
                  const text = sheet.text(r, c);
                  const mark = sheet.conditionalFormatAt(r, c);
                  const kind = mark ? markLabel(mark.fill) : null;
                  const here = r === cursor.row && c === cursor.col;
                  const edit = editing && editing.row === r && editing.col === c ? editing : null;
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      aria-selected={here || inSelection(r, c)}
                      tabIndex={here ? 0 : -1}
                      title={kind ? `${text}${text ? ' ' : ''}(${kind} mark)` : text || undefined}
                      className={mergeClasses(
                        styles.cell,
                        (here || inSelection(r, c)) && styles.selected,
                        kind === 'error' && styles.errorMark,
                        kind === 'warning' && styles.warningMark,
                      )}
                      style={mark?.fill ? { backgroundColor: mark.fill } : undefined}
                      onClick={() => {
                        if (!edit) select(r, c);
                      }}
                      onDoubleClick={() => setEditing({ row: r, col: c, text })}
                    >
                      {edit ? (
                        // Only the editor is Tabster-uncontrolled: Tab into the grid stays Fluent's.
                        <span {...uncontrolled}>
                          <input
                            className={styles.input}
                            aria-label={`Edit ${sheet.name} ${address}`}
                            value={edit.text}
                            autoFocus // the input replaces the focused cell, as a spreadsheet editor does
                            onChange={(event) => setEditing({ row: r, col: c, text: event.target.value })}
                            onKeyDown={onInputKey}
                            onBlur={() => setEditing((current) => (current === edit ? null : current))}
                          />
                        </span>
                      ) : (
                        <>
                          {/* The name: "Accounts B3, 012345678901 (error mark)"; the visible text is in it. */}
                          <span
                            className={view.visuallyHidden}
                          >{`${sheet.name} ${address}${text || kind ? ', ' : ''}`}</span>
                          <span data-text="">{text}</span>
                          {kind && <span className={view.visuallyHidden}>{` (${kind} mark)`}</span>}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Text id={`${ids}-help`} size={200} className={styles.status}>
        Shows rows 1–{ROWS} and columns A–{colName(COLS - 1)}. Arrows move; Enter, F2 or typing edits; Enter or Tab
        commits; Escape cancels; Delete clears; Shift+Space or a row number selects the row; paste fills from the
        cursor.
      </Text>
      <div role="alert">{error && <Text>{error}</Text>}</div>
    </section>
  );
}

/** A block copied from Excel: lines (CRLF or LF, the last line break dropped) of tab-separated cells. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/** Scrolls `box` (and only it) so that `cell` is visible, below the sticky header row and right of the row numbers. */
function scrollWithin(box: HTMLElement, cell: HTMLElement): void {
  const b = box.getBoundingClientRect();
  const c = cell.getBoundingClientRect();
  const header = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const rowHeader = box.querySelector('tbody th')?.getBoundingClientRect().width ?? 0;
  if (c.top < b.top + header) box.scrollTop -= b.top + header - c.top;
  else if (c.bottom > b.bottom) box.scrollTop += c.bottom - b.bottom;
  if (c.left < b.left + rowHeader) box.scrollLeft -= b.left + rowHeader - c.left;
  else if (c.right > b.right) box.scrollLeft += c.right - b.right;
}
