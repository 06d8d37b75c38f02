/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OrgAccount } from '../../src/core/org-import';
import type { ImportReport } from '../../src/excel/host';
import { EMPTY_BUILD, excelError, FakeHost } from './fake-host';
import { renderPane } from './render';

const account = (id: string, name = `Account ${id.slice(-2)}`): OrgAccount => ({
  id,
  name,
  email: `${name.replace(/\W/g, '').toLowerCase()}@example.com`,
  status: 'ACTIVE',
});

const LIST_ACCOUNTS = JSON.stringify({
  Accounts: [
    { Id: '012345678901', Name: 'Prod', Email: 'prod@example.com', Status: 'ACTIVE' },
    { Id: '123456789012', Name: 'Dev', Email: 'dev@example.com', Status: 'ACTIVE' },
  ],
});

const CONSOLE_CSV = 'Account ID,Account name,Email,Status\n012345678901,Prod,prod@example.com,ACTIVE\n';

function imported(add: OrgAccount[], firstRow: number, more: Partial<ImportReport> = {}): ImportReport {
  return {
    result: {
      kind: 'imported',
      plan: { add, alreadyListed: [], repeated: [] },
      firstRow,
      syncs: 3,
    },
    problems: [],
    ...more,
  };
}

describe('Import accounts', () => {
  it('imports pasted list-accounts JSON and tells from which row it added them', async () => {
    const host = new FakeHost();
    host.answerImport = async () => imported([account('012345678901'), account('123456789012')], 4);
    renderPane(host);

    const paste = screen.getByRole('textbox', { name: 'Or paste the export' });
    fireEvent.change(paste, { target: { value: LIST_ACCOUNTS } });
    expect(await screen.findByText('2 accounts found (list-accounts JSON).')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    expect(host.callsOf('importAccounts')).toEqual([[LIST_ACCOUNTS]]);
    const bar = await screen.findByRole('group', { name: 'Imported 2 accounts' });
    expect(bar).toHaveTextContent('Added to the Accounts sheet from row 5 (rows 5 to 6).');
  });

  it('imports a chosen CSV file', async () => {
    const host = new FakeHost();
    host.answerImport = async () => imported([account('012345678901')], 1);
    renderPane(host);

    const input = screen.getByLabelText('Export file (.json or .csv)');
    expect(input).toHaveAttribute('accept', expect.stringContaining('.csv'));
    await userEvent.upload(input, new File([CONSOLE_CSV], 'accounts.csv', { type: 'text/csv' }));
    expect(await screen.findByText('accounts.csv: 1 account found (CSV).')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    expect(host.callsOf('importAccounts')).toEqual([[CONSOLE_CSV]]);
    expect(await screen.findByRole('group', { name: 'Imported 1 account' })).toHaveTextContent(
      'Added to the Accounts sheet in row 2.',
    );
  });

  it('lists accounts already in the sheet, repeated in the file, and the IDs restored or unreadable', async () => {
    const host = new FakeHost();
    host.answerImport = async () => ({
      result: {
        kind: 'imported',
        plan: {
          add: [account('000012345678')],
          alreadyListed: [account('012345678901'), account('123456789012')],
          repeated: [account('000012345678')],
        },
        firstRow: 9,
        syncs: 3,
      },
      problems: [
        { kind: 'padded-id', line: 2, value: '12345678', id: '000012345678' },
        { kind: 'bad-id', line: 4, value: 'n/a' },
      ],
    });
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), {
      target: { value: 'Account ID,Name\n12345678,A\n' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    expect(await screen.findByRole('group', { name: 'Imported 1 account' })).toHaveTextContent('row 10');
    const notAdded = within(screen.getByRole('list', { name: 'Accounts not added' }));
    expect(
      notAdded.getByText('2 accounts already listed, left as they are: 012345678901 and 123456789012.'),
    ).toBeInTheDocument();
    expect(notAdded.getByText('1 account repeated in the file, imported once: 000012345678.')).toBeInTheDocument();

    const problems = within(screen.getByRole('region', { name: 'In the export: 2 problems' }));
    const items = problems.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Restored Line 2: 12345678 had lost its leading zeros; imported as 000012345678.',
    );
    expect(items[1]).toHaveTextContent('Unreadable Line 4: "n/a" is not an AWS account ID; not imported.');
  });

  it('counts JSON problems by entry, and says when nothing could be read', async () => {
    const host = new FakeHost();
    const text = JSON.stringify({ Accounts: [{ Id: 'abc' }] });
    host.answerImport = async () => {
      const problems = [{ kind: 'bad-id', line: 1, value: 'abc' } as const];
      return { result: { kind: 'unreadable', problems }, problems };
    };
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: text } });
    expect(await screen.findByText('No account ID could be read from it.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    expect(await screen.findByRole('group', { name: 'Nothing imported' })).toBeInTheDocument();
    expect(screen.getByText(/Entry 1: "abc" is not an AWS account ID; not imported\./)).toBeInTheDocument();
  });

  it('offers to build the sheets first when there is no Accounts sheet', async () => {
    const host = new FakeHost();
    let sheetBuilt = false;
    host.answerBuild = async () => {
      sheetBuilt = true;
      return { ...EMPTY_BUILD, created: ['Accounts'] };
    };
    host.answerImport = async () =>
      sheetBuilt ? imported([account('012345678901')], 1) : { result: { kind: 'no-sheet' }, problems: [] };
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), {
      target: { value: LIST_ACCOUNTS },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    const bar = await screen.findByRole('group', { name: 'No Accounts sheet' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Build sheets, then import' }));

    expect(host.calls.map((c) => c.method)).toEqual(['importAccounts', 'buildSheets', 'importAccounts']);
    const outcome = await screen.findByRole('region', { name: 'Import outcome' });
    expect(within(outcome).getByText('Built the sheets first (created Accounts).')).toBeInTheDocument();
    expect(within(outcome).getByRole('group', { name: 'Imported 1 account' })).toBeInTheDocument();
    expect(outcome).toHaveFocus();
  });

  it('tells a protected Accounts sheet apart', async () => {
    const host = new FakeHost();
    host.answerImport = async () => ({ result: { kind: 'protected' }, problems: [] });
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: CONSOLE_CSV } });
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    expect(await screen.findByRole('group', { name: 'The Accounts sheet is protected' })).toBeInTheDocument();
  });

  it('asks for an export instead of calling the host with nothing', async () => {
    const host = new FakeHost();
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    expect(host.calls).toEqual([]);
    const paste = screen.getByRole('textbox', { name: 'Or paste the export' });
    expect(paste).toHaveAttribute('aria-invalid', 'true');
    expect(paste).toHaveAccessibleDescription(expect.stringContaining('Choose a file or paste an export first.'));
    expect(paste).toHaveFocus();
  });

  it('shows the error when the host fails', async () => {
    const host = new FakeHost();
    host.answerImport = async () => {
      throw excelError('The request payload size has exceeded the limit.', 'RequestPayloadSizeLimitExceeded');
    };
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: CONSOLE_CSV } });
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    const bar = await screen.findByRole('group', { name: 'Import accounts failed' });
    expect(bar).toHaveTextContent(
      'The request payload size has exceeded the limit. (code RequestPayloadSizeLimitExceeded)',
    );
  });
});
