/** @jest-environment jsdom */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { EMPTY_BUILD, FakeHost, inPlace } from './fake-host';
import { CELLS, FINDINGS } from './findings';
import { renderPane } from './render';

/** axe's violations in the document (colour contrast needs layout: checked in a browser, not here). */
async function violations(): Promise<string[]> {
  // axe measures icon ligatures on a canvas, which jsdom lacks: without one it takes text as text.
  const canvas = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  try {
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    canvas.mockRestore();
  }
}

describe('accessibility (axe-core)', () => {
  it('finds nothing in the set-up view with its outcomes', async () => {
    const host = new FakeHost();
    host.answerBuild = async () => ({ ...EMPTY_BUILD, created: ['Accounts'], protectedSheets: ['Enrollment'] });
    host.answerImport = async () => ({
      result: { kind: 'no-sheet' },
      problems: [{ kind: 'padded-id', line: 2, value: '12345678901', id: '012345678901' }],
    });
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Or paste the export' }), 'Id{Enter}12345678901');
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    await screen.findByRole('group', { name: 'No Accounts sheet' });
    expect(await violations()).toEqual([]);
  });

  it('finds nothing in the validation view with findings, fixes and the selected cell', async () => {
    const host = new FakeHost();
    host.answerValidate = async () => inPlace(FINDINGS, { cells: CELLS });
    renderPane(host);
    await userEvent.click(screen.getByRole('tab', { name: 'Validate' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(host.selectSubscribers).toBe(1));
    act(() => host.selectCell('Accounts', 'C3'));
    await userEvent.click(await screen.findByRole('button', { name: /^Fix all 2/ }));
    await screen.findByRole('region', { name: 'Before fixing' });
    expect(await violations()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Apply 2 fixes' }));
    await screen.findByRole('region', { name: 'Fix outcome' });
    expect(await violations()).toEqual([]);
  });
});
