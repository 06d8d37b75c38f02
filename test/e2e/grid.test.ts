/**
 * The harness grid's keyboard and clipboard (issue 10, item 12), in headless Chromium: Tab in the
 * cell editor commits and moves right; a tab-separated block pasted from Excel fills cells from
 * the cursor; Delete on a row selection clears the row; "Go to" from the pane scrolls the grid's
 * own box (not the page) and gives the grid the focus.
 */
import { e2eSuite, openHarness, UI_TIMEOUT_MS, until, type HarnessPage } from './harness';

jest.setTimeout(60_000);

const started = e2eSuite();

async function built(): Promise<HarnessPage> {
  const h = await openHarness(started());
  await h.clickButton('Build sheets');
  await h.pane.getByText('Sheets built').waitFor();
  await h.showSheet('Accounts');
  return h;
}

/** The cell (sheet A1) that has the focus, from its accessible name, or null. */
const focusedCell = (h: HarnessPage): Promise<string | null> =>
  h.page.evaluate(() => {
    const e = document.activeElement;
    return e?.getAttribute('role') === 'gridcell' ? (e.textContent ?? '').split(',')[0]!.trim() : null;
  });

const value = (h: HarnessPage, sheet: string, row: number, col: number): Promise<unknown> =>
  h.page.evaluate(([s, r, c]) => window.mspHarness!.host.model.sheet(s)!.value(r, c), [sheet, row, col] as const);

describe('harness grid', () => {
  it('Tab in the cell editor commits the text and moves right, as its help says', async () => {
    const h = await built();
    const cell = h.cell('Accounts', 'A2');
    await cell.click();
    await cell.press('F2');
    const input = h.page.getByRole('textbox', { name: 'Edit Accounts A2', exact: true });
    await input.fill('Payer');
    await input.press('Tab');
    await input.waitFor({ state: 'detached' });
    expect(await value(h, 'Accounts', 1, 0)).toBe('Payer');
    expect(await focusedCell(h)).toBe('Accounts B2');
    // Typing goes on in the next cell.
    await h.page.keyboard.type('aws@payer.example');
    await h.page.keyboard.press('Tab');
    expect(await value(h, 'Accounts', 1, 1)).toBe('aws@payer.example');
    expect(await focusedCell(h)).toBe('Accounts C2');
    await h.expectNoCspViolations();
  });

  it('pastes a tab-separated block from the cursor, and Delete on a row selection clears the row', async () => {
    const h = await built();
    await h.cell('Accounts', 'A2').click();
    const block =
      'Payer\taws@payer.example\t012345678901\tSubset 1\r\nProd\taws@prod.example\t111111111111\tSubset 1\r\n';
    await h.page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, block);
    await until(() => h.cellText('Accounts', 'D3'), 'Subset 1');
    expect(await h.cellText('Accounts', 'A2')).toBe('Payer');
    expect(await h.cellText('Accounts', 'C3')).toBe('111111111111');
    // Nothing beyond the block.
    expect(await value(h, 'Accounts', 3, 0)).toBeNull();
    expect(await value(h, 'Accounts', 1, 4)).toBeNull();

    // Row 2 chosen by its number, then Delete: the whole row is cleared, row 3 stays.
    await h.grid.getByRole('rowheader', { name: '2', exact: true }).click();
    await h.page.keyboard.press('Delete');
    await until(() => h.cellText('Accounts', 'D2'), '');
    for (const c of [0, 1, 2, 3]) expect(await value(h, 'Accounts', 1, c)).toBeNull();
    expect(await h.cellText('Accounts', 'A3')).toBe('Prod');
    // Shift+Space selects the cursor's row too.
    await h.cell('Accounts', 'B3').click();
    await h.page.keyboard.press('Shift+Space');
    await h.page.keyboard.press('Delete');
    await until(() => h.cellText('Accounts', 'A3'), '');
    await h.expectNoCspViolations();
  });

  it('"Go to" scrolls the grid to the cell without scrolling the page, and gives the grid the focus', async () => {
    // The example's sheets are plain ranges. (Build sheets makes them Excel tables, and a cell typed
    // far below a table is outside it: not data, the contract's decision on tables.)
    const h = await openHarness(started());
    await h.page.getByRole('button', { name: 'Load example' }).click();
    await h.showSheet('Accounts');
    await h.typeInCell('Accounts', 'A55', 'Far');
    await h.typeInCell('Accounts', 'C55', '1234-5678');
    await h.showSheet('Enrollment');
    await h.page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector('[role="grid"]')!.parentElement!.scrollTop = 0;
    });
    await h.openPaneTab('Validate');
    await h.clickButton('Validate');
    await h.waitForFinding('Accounts', 'C55');
    const pageY = await h.page.evaluate(() => window.scrollY);
    await h.findingLink('Accounts', 'C55').click();
    await h.cell('Accounts', 'C55').and(h.page.locator('[aria-selected="true"]')).waitFor({ timeout: UI_TIMEOUT_MS });
    await until(() => focusedCell(h), 'Accounts C55');
    expect(await h.page.evaluate(() => window.scrollY)).toBe(pageY);
    const inView = await h.cell('Accounts', 'C55').evaluate((cell) => {
      const box = cell.closest('[role="grid"]')!.parentElement!.getBoundingClientRect();
      const c = cell.getBoundingClientRect();
      return c.top >= box.top && c.bottom <= box.bottom && c.left >= box.left && c.right <= box.right;
    });
    expect(inView).toBe(true);
    await h.expectNoCspViolations();
  });
});

describe('the pane at 320 px', () => {
  // The first version of this test compared each tab with the pane's outer box. On the old strip
  // (medium tabs, no wrapping; four tabs then) the Submit tab ended in the pane's padding, 16 px past
  // the tab list's own box, so it passed. Now: every tab inside the tab list's box and the pane's
  // content box, neither scrolls sideways, the pane is 320 px wide, each label on one line.
  it("shows the whole tab strip in Office's narrowest task pane", async () => {
    const h = await openHarness(started());
    await h.page.evaluate(() => {
      const pane = document.getElementById('pane')!;
      pane.style.width = '320px';
      pane.style.boxSizing = 'border-box';
    });
    const tabs = h.pane.getByRole('tablist', { name: 'Enrollment steps' });
    const m = await tabs.evaluate((list) => {
      const pane = document.getElementById('pane')!;
      const ps = getComputedStyle(pane);
      const outer = pane.getBoundingClientRect();
      // The content box: what the pane shows without scrolling sideways.
      const left = outer.left + pane.clientLeft + parseFloat(ps.paddingLeft);
      const right = outer.left + pane.clientLeft + pane.clientWidth - parseFloat(ps.paddingRight);
      const box = list.getBoundingClientRect();
      return {
        paneWidth: outer.width,
        paneOverflow: pane.scrollWidth - pane.clientWidth,
        listOverflow: list.scrollWidth - list.clientWidth,
        tabs: [...list.querySelectorAll('[role="tab"]')].map((t) => {
          const r = t.getBoundingClientRect();
          // The shown label (a Fluent tab also holds a hidden copy reserving its bold width).
          const label = [...t.querySelectorAll('span')].find(
            (e) => e.children.length === 0 && e.textContent && getComputedStyle(e).visibility !== 'hidden',
          );
          const range = document.createRange();
          if (label) range.selectNodeContents(label);
          return {
            tab: t.textContent,
            inList: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
            inPane: r.left >= left - 0.5 && r.right <= right + 0.5 && r.width > 0,
            lines: label ? new Set([...range.getClientRects()].map((x) => Math.round(x.top))).size : 0,
          };
        }),
      };
    });
    expect(m.paneWidth).toBe(320);
    expect(m.paneOverflow).toBe(0);
    expect(m.listOverflow).toBe(0);
    expect(m.tabs).toHaveLength(5);
    for (const [k, name] of ['Set up', 'Workflows', 'Validate', 'Submit', 'Preview'].entries()) {
      expect(m.tabs[k]).toEqual({ tab: expect.stringContaining(name), inList: true, inPane: true, lines: 1 });
    }
  });
});
