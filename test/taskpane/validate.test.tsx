/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SheetMeta } from '../../src/excel/read';
import { issue, place } from '../../src/core/findings';
import { text } from '../../src/core/port';
import { deferred, excelError, FakeHost, inPlace, SHEETS } from './fake-host';
import { CELLS, FINDINGS, LOST_ZEROS_C3, LOST_ZEROS_C4, UNKNOWN_SUBSET_D5 } from './findings';
import { LIST_HEIGHT_PX, OVERSCAN_ROWS, ROW_ESTIMATE_PX } from '../../src/taskpane/FindingsList';
import { emulateLayout, renderPane } from './render';

/** Opens the Validate tab (its view loads lazily) and returns its Validate button. */
async function openValidate(): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('tab', { name: 'Validate' }));
  return screen.findByRole('button', { name: 'Validate' });
}

/** Validates by hand and waits for the results and for the pane to follow Excel's selection. */
async function validated(host: FakeHost): Promise<void> {
  await userEvent.click(await openValidate());
  await waitFor(() => expect(screen.getByRole('status')).not.toBeEmptyDOMElement());
  await waitFor(() => expect(host.selectSubscribers).toBe(1));
}

function scripted(findings = FINDINGS, sheets?: readonly SheetMeta[]): FakeHost {
  const host = new FakeHost();
  host.answerValidate = async () => inPlace(findings, sheets ? { cells: CELLS, sheets } : { cells: CELLS });
  return host;
}

describe('Validate', () => {
  it('shows the findings grouped by sheet, with counts and a summary line', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);

    expect(host.callsOf('validate')).toHaveLength(1);
    expect(host.callsOf('validate')[0]?.[0]).toEqual(expect.any(Function)); // an isStale callback
    expect(screen.getByRole('status')).toHaveTextContent('3 errors, 2 warnings.');
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');

    const accounts = screen.getByRole('region', { name: 'Accounts (3 errors)' });
    expect(within(accounts).getByRole('heading', { level: 3 })).toHaveTextContent('Accounts (3 errors)');
    expect(within(accounts).getAllByRole('listitem')).toHaveLength(3);
    expect(within(accounts).getByText(UNKNOWN_SUBSET_D5.message)).toBeInTheDocument();
    expect(within(accounts).getAllByText('Error')).toHaveLength(3);

    expect(screen.getByRole('region', { name: 'Billing Workflows (1 warning)' })).toHaveTextContent('Warning');
    expect(screen.getByRole('heading', { name: 'Subset Workflows (1 warning)' })).toBeInTheDocument();
  });

  it('shows a sheet-wide finding without a link to a cell', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);

    const subsets = screen.getByRole('region', { name: 'Subset Workflows (1 warning)' });
    expect(within(subsets).getByText('Whole sheet')).toBeInTheDocument();
    expect(within(subsets).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says when there is no problem', async () => {
    const host = scripted([]);
    renderPane(host);
    await validated(host);
    expect(screen.getByRole('status')).toHaveTextContent('No problems found.');
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });

  it('selects the cell of a finding that is clicked', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);

    await userEvent.click(screen.getByRole('button', { name: 'Go to Accounts!D5' }));
    expect(host.callsOf('select')).toEqual([[{ sheet: 'Accounts', cell: 'D5' }]]);
  });

  it('selects a finding reached with Tab, the arrow keys and Enter', async () => {
    const restoreLayout = emulateLayout();
    try {
      const host = scripted();
      renderPane(host);
      await validated(host);
      const rows = within(
        screen.getByRole('list', { name: 'AWS account IDs that lost their leading zeros on Accounts' }),
      );
      const [c3, c4] = rows.getAllByRole('listitem');

      (document.activeElement as HTMLElement | null)?.blur();
      const path: string[] = [];
      while (document.activeElement !== c3 && path.length < 20) {
        await userEvent.tab();
        const at = document.activeElement;
        const name = at?.tagName === 'LI' ? '' : (at?.getAttribute('aria-label') ?? at?.textContent ?? '');
        path.push(`${at?.getAttribute('role') ?? at?.tagName.toLowerCase()} ${name}`.trim());
      }
      // In reading order: the selected tab, the view's button, the quick fix, then the list's one tab stop.
      expect(path).toEqual([
        'tab Validate',
        'button Validate',
        'button Fix all 2: AWS account IDs that lost their leading zeros',
        'li',
      ]);
      expect(c3).toHaveAttribute('aria-posinset', '1');
      expect(c3).toHaveAttribute('aria-setsize', '2');
      // The current row's buttons follow it; the other row's are reached with the arrow keys.
      expect(rows.getByRole('button', { name: 'Go to Accounts!C4' })).toHaveAttribute('tabindex', '-1');
      await userEvent.keyboard('{ArrowDown}');
      expect(document.activeElement).toBe(c4);
      await userEvent.tab();
      const link = rows.getByRole('button', { name: 'Go to Accounts!C4' });
      expect(document.activeElement).toBe(link);
      expect(link).toHaveAccessibleDescription(LOST_ZEROS_C4.message);
      await userEvent.keyboard('{Enter}');
      expect(host.callsOf('select')).toEqual([[{ sheet: 'Accounts', cell: 'C4' }]]);
      // Enter on a row itself goes to its cell too.
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
      expect(document.activeElement).toBe(c4);
      await userEvent.keyboard('{ArrowUp}{Enter}');
      expect(host.callsOf('select')).toEqual([
        [{ sheet: 'Accounts', cell: 'C4' }],
        [{ sheet: 'Accounts', cell: 'C3' }],
      ]);
    } finally {
      restoreLayout();
    }
  });

  it('fixes one finding with the cell as judged, then validates again', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);
    host.answerValidate = async () => inPlace([LOST_ZEROS_C4, UNKNOWN_SUBSET_D5], { cells: CELLS });

    await userEvent.click(screen.getByRole('button', { name: 'Fix Accounts!C3: enter 012345678901' }));

    expect(host.callsOf('applyFixes')).toEqual([
      [[{ sheet: 'Accounts', cell: 'C3', judged: CELLS['Accounts!C3'], fix: { value: '012345678901' } }]],
    ]);
    const report = await screen.findByRole('region', { name: 'Fix outcome' });
    expect(report).toHaveTextContent('Fixed 1 cell');
    expect(report).toHaveFocus();
    expect(host.calls.map((c) => c.method).filter((m) => m === 'validate' || m === 'applyFixes')).toEqual([
      'validate',
      'applyFixes',
      'validate',
    ]);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 errors, no warnings.'));
    expect(screen.queryByRole('button', { name: /^Fix Accounts!C3/ })).not.toBeInTheDocument();
  });

  it('fixes all findings of a kind, after saying what it will change', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);

    const fixAll = screen.getByRole('button', { name: 'Fix all 2: AWS account IDs that lost their leading zeros' });
    expect(fixAll).toHaveTextContent('Fix all 2');
    await userEvent.click(fixAll);
    // Nothing changed yet: the cells and their new values first.
    const before = screen.getByRole('region', { name: 'Before fixing' });
    expect(
      within(before)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Accounts!C3: 012345678901', 'Accounts!C4: 000000000042']);
    expect(host.callsOf('applyFixes')).toEqual([]);
    await userEvent.click(within(before).getByRole('button', { name: 'Cancel' }));
    expect(host.callsOf('applyFixes')).toEqual([]);
    await userEvent.click(fixAll);
    await userEvent.click(screen.getByRole('button', { name: 'Apply 2 fixes' }));

    expect(host.callsOf('applyFixes')).toEqual([
      [
        [
          { sheet: 'Accounts', cell: 'C3', judged: CELLS['Accounts!C3'], fix: LOST_ZEROS_C3.fix },
          { sheet: 'Accounts', cell: 'C4', judged: CELLS['Accounts!C4'], fix: LOST_ZEROS_C4.fix },
        ],
      ],
    ]);
    expect(await screen.findByRole('region', { name: 'Fix outcome' })).toHaveTextContent('Fixed 2 cells');
    expect(host.callsOf('validate')).toHaveLength(2);
  });

  it('reports cells that changed since they were validated and were left alone', async () => {
    const host = scripted();
    host.answerFixes = async () => ['applied', 'changed'];
    renderPane(host);
    await validated(host);

    await userEvent.click(screen.getByRole('button', { name: /^Fix all 2/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply 2 fixes' }));

    const report = await screen.findByRole('region', { name: 'Fix outcome' });
    expect(report).toHaveTextContent('Fixed 1 of 2 cells');
    expect(report).toHaveTextContent('Accounts!C3: done.');
    expect(report).toHaveTextContent('Accounts!C4 changed since it was validated, so it was left as it is');
    expect(host.callsOf('validate')).toHaveLength(2);
  });

  it('shows the finding of the cell selected in Excel', async () => {
    const host = scripted();
    renderPane(host);
    await validated(host);

    act(() => host.selectCell('Accounts', 'C3'));
    const card = await screen.findByRole('region', { name: 'Selected cell Accounts!C3' });
    expect(card).toHaveTextContent(LOST_ZEROS_C3.message);
    expect(within(card).getByRole('button', { name: 'Fix Accounts!C3: enter 012345678901' })).toBeInTheDocument();

    act(() => host.selectCell('Accounts', 'A1'));
    await waitFor(() => expect(screen.queryByRole('region', { name: /^Selected cell/ })).not.toBeInTheDocument());
  });

  it('tells which findings could not be marked', async () => {
    const host = scripted(FINDINGS, [...SHEETS.slice(0, 3), { ...SHEETS[3]!, protected: true }]);
    renderPane(host);
    await validated(host);
    expect(
      screen.getByText(/Billing Workflows is protected: its findings are listed here but not marked/),
    ).toBeInTheDocument();
  });

  it('shows an error when validation fails, and keeps the pane usable', async () => {
    const host = new FakeHost();
    host.answerValidate = async () => {
      throw excelError('The request failed because of a general error.', 'GeneralException');
    };
    renderPane(host);
    await userEvent.click(await openValidate());

    const bar = await screen.findByRole('group', { name: 'Validation failed' });
    expect(bar).toHaveTextContent('because of a general error. (code GeneralException)');
    expect(screen.getByRole('button', { name: 'Validate' })).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('shows the findings while the cells are being marked, and a failed mark in one line (issue 9, item 2)', async () => {
    const host = new FakeHost();
    const marks = deferred<void>();
    host.answerValidate = async (_isStale, options) => {
      const result = inPlace(FINDINGS, { cells: CELLS });
      options?.onFindings?.({ ...result, marking: true });
      await marks.promise;
      return { ...result, markProblems: [{ sheet: 'Accounts', message: 'The sheet is protected.' }] };
    };
    renderPane(host);
    await userEvent.click(await openValidate());
    expect(await screen.findByText('Marking the cells in the workbook…')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 errors, 2 warnings.');
    marks.resolve();
    expect(
      await screen.findByText(
        'Could not mark the cells of Accounts (The sheet is protected.): its findings are listed here.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 errors, 2 warnings.');
    expect(screen.queryByRole('group', { name: 'Validation failed' })).not.toBeInTheDocument();
  });

  it('shows an error when the cell cannot be selected', async () => {
    const host = scripted();
    host.answerSelect = async () => {
      throw excelError("The requested resource doesn't exist.", 'ItemNotFound');
    };
    renderPane(host);
    await validated(host);
    await userEvent.click(screen.getByRole('button', { name: 'Go to Accounts!C3' }));
    expect(await screen.findByRole('group', { name: 'Could not select the cell' })).toHaveTextContent('ItemNotFound');
  });
});

describe('Validate: findings that share a cause (issue 10)', () => {
  const unknown = (cell: string, subset: string) => place(issue('subset-unknown', { subset }), 'Accounts', cell);

  it('sums up subsets missing from Subset Workflows by name, and adds them after saying what it will add', async () => {
    const findings = [unknown('D2', 'Globex'), unknown('D3', 'globex '), unknown('D4', 'Hooli')];
    const cells = { 'Accounts!D2': text('Globex'), 'Accounts!D3': text('globex '), 'Accounts!D4': text('Hooli') };
    const host = new FakeHost();
    host.answerValidate = async () => inPlace(findings, { cells });
    renderPane(host);
    await validated(host);
    const group = screen.getByRole('region', { name: 'Subset unknown (3 findings)' });
    expect(group).toHaveTextContent('2 subsets of Accounts are not in Subset Workflows: Globex and Hooli.');
    await userEvent.click(
      within(group).getByRole('button', { name: 'Add the 2 missing subsets to Subset Workflows…' }),
    );
    const before = screen.getByRole('region', { name: 'Before adding subsets' });
    expect(before).toHaveTextContent(
      'This adds 2 rows to Subset Workflows, below its last row, one per subset: Globex and Hooli.',
    );
    expect(host.callsOf('addSubsets')).toEqual([]);
    host.answerValidate = async () => inPlace([]);
    await userEvent.click(within(before).getByRole('button', { name: 'Add 2 subsets' }));
    expect(host.callsOf('addSubsets')).toEqual([[['Globex', 'Hooli']]]);
    expect(
      await screen.findByText(
        "Added 2 subsets to Subset Workflows (rows 2 and 3). Choose each one's billing workflow there, in the Billing Workflow Name column.",
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(host.callsOf('validate')).toHaveLength(2));
  });

  it('lists 50,000 findings with only the rows in view in the DOM, each saying its place, all reachable by keyboard and by scrolling', async () => {
    const restoreLayout = emulateLayout();
    try {
      const findings = Array.from({ length: 50_000 }, (_, i) => unknown(`D${i + 2}`, `Subset ${i}`));
      const host = new FakeHost();
      host.answerValidate = async () => inPlace(findings);
      renderPane(host);
      await validated(host);
      const group = screen.getByRole('region', { name: 'Subset unknown (50,000 findings)' });
      expect(screen.getByRole('region', { name: 'Accounts (50,000 errors)' })).toBeInTheDocument();
      const list = within(group).getByRole('list', { name: 'Subset unknown on Accounts' });
      // The rows that fill the list's box (480 px at 96 px a row until measured), plus 4 either side.
      const bound = Math.ceil(LIST_HEIGHT_PX / ROW_ESTIMATE_PX) + 1 + 2 * OVERSCAN_ROWS;
      const rows = (): HTMLElement[] => within(list).getAllByRole('listitem');
      const places = (): number[] => rows().map((r) => Number(r.getAttribute('aria-posinset')));
      expect(rows().length).toBeGreaterThan(0);
      expect(rows().length).toBeLessThanOrEqual(bound);
      expect(places()[0]).toBe(1);
      for (const r of rows()) expect(r).toHaveAttribute('aria-setsize', '50000');

      // Keyboard: End reaches the last finding, Home the first, Page Down a view further.
      rows()[0]!.focus();
      await userEvent.keyboard('{End}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '50000');
      expect(document.activeElement).toHaveTextContent(findings[49_999]!.message);
      expect(rows().length).toBeLessThanOrEqual(bound);
      await userEvent.keyboard('{Enter}');
      expect(host.callsOf('select')).toEqual([[{ sheet: 'Accounts', cell: 'D50001' }]]);
      await userEvent.keyboard('{ArrowDown}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '50000');
      await userEvent.keyboard('{ArrowUp}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '49999');
      await userEvent.keyboard('{Home}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '1');
      await userEvent.keyboard('{PageDown}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', String(1 + LIST_HEIGHT_PX / ROW_ESTIMATE_PX));
      await userEvent.keyboard('{PageUp}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '1');
      expect(rows().length).toBeLessThanOrEqual(bound);

      // Scrolling the list's box: the rows at the new position replace the others.
      const scroller = list.parentElement!;
      act(() => {
        scroller.scrollTop = 25_000 * ROW_ESTIMATE_PX;
        fireEvent.scroll(scroller);
      });
      expect(places()).toContain(25_001);
      expect(places()).not.toContain(1);
      expect(rows().length).toBeLessThanOrEqual(bound);
      act(() => {
        scroller.scrollTop = 50_000 * ROW_ESTIMATE_PX;
        fireEvent.scroll(scroller);
      });
      expect(places()).toContain(50_000);
      await userEvent.click(within(list).getByRole('button', { name: 'Go to Accounts!D50001' }));
      expect(host.callsOf('select')).toHaveLength(2);

      // Scrolling the focused row out of the DOM leaves the focus in the list's box, not on the
      // page; the keys go on from that row.
      expect(list).toContainElement(document.activeElement as HTMLElement);
      act(() => {
        scroller.scrollTop = 0;
        fireEvent.scroll(scroller);
      });
      expect(places()).not.toContain(50_000);
      expect(document.activeElement).toBe(scroller);
      await userEvent.keyboard('{ArrowUp}');
      expect(document.activeElement).toHaveAttribute('aria-posinset', '49999');
    } finally {
      restoreLayout();
    }
  });
});
