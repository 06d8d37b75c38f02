/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OrgAccount } from '../../src/core/org-import';
import type { ImportReport } from '../../src/excel/host';
import { deferred, EMPTY_BUILD, excelError, FakeHost } from './fake-host';
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

    expect(host.callsOf('importAccounts')).toEqual([
      [LIST_ACCOUNTS, { includeLeaving: false, onProgress: expect.any(Function) }],
    ]);
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

    expect(host.callsOf('importAccounts')).toEqual([
      [CONSOLE_CSV, { includeLeaving: false, onProgress: expect.any(Function) }],
    ]);
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
      notAdded.getByText(
        '2 accounts already listed, left as they are: Account 01 (012345678901) and Account 12 (123456789012).',
      ),
    ).toBeInTheDocument();
    expect(
      notAdded.getByText('1 account repeated in the file, imported once: Account 78 (000012345678).'),
    ).toBeInTheDocument();

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

describe('Import accounts: exports that are not what they seem (issue 10)', () => {
  const FIRST_PAGE = JSON.stringify({
    Accounts: [
      { Id: '012345678901', Name: 'Prod', Email: 'prod@example.com', Status: 'ACTIVE' },
      { Id: '123456789012', Name: 'Old', Email: 'old@example.com', Status: 'SUSPENDED' },
      { Id: '223456789012', Name: 'Closing', Email: 'closing@example.com', Status: 'PENDING_CLOSURE' },
    ],
    NextToken: 'AAAA',
  });

  it('a first page (NextToken) is not imported as if complete; "Import this page anyway" does', async () => {
    const host = new FakeHost();
    host.answerImport = async () => ({ ...imported([account('012345678901')], 1), nextToken: 'AAAA' });
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: FIRST_PAGE } });
    expect(await screen.findByText(/This is a first page only: the export has a NextToken/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    expect(screen.getByText('First page only: not imported').closest('[role="alert"]')).not.toBeNull();
    expect(host.callsOf('importAccounts')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Import this page anyway' }));
    expect(host.callsOf('importAccounts')).toHaveLength(1);
    expect(await screen.findByText(/This was a first page only/)).toBeInTheDocument();
  });

  it('suspended and closing accounts are listed apart and imported only when asked', async () => {
    const host = new FakeHost();
    const leftOut = [
      { id: '123456789012', name: 'Old', email: 'old@example.com', status: 'SUSPENDED' },
      { id: '223456789012', name: 'Closing', email: 'closing@example.com', status: 'PENDING_CLOSURE' },
    ];
    host.answerImport = async () => ({ ...imported([account('012345678901')], 1), leftOut });
    renderPane(host);
    const text = JSON.stringify({ ...JSON.parse(FIRST_PAGE), NextToken: undefined });
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: text } });
    const also = await screen.findByRole('checkbox', {
      name: 'Also import the 2 suspended or closing accounts: Old (123456789012) and Closing (223456789012)',
    });
    expect(also).not.toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    expect(host.callsOf('importAccounts')).toEqual([
      [text, { includeLeaving: false, onProgress: expect.any(Function) }],
    ]);
    expect(
      await screen.findByText(/Not imported: 2 suspended or closing accounts, Old \(123456789012\) and Closing/),
    ).toBeInTheDocument();
    await userEvent.click(also);
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    expect(host.callsOf('importAccounts')[1]).toEqual([
      text,
      { includeLeaving: true, onProgress: expect.any(Function) },
    ]);
  });

  it('problems name the account (name and ID), not the entry; the outcome is scrolled into view', async () => {
    const host = new FakeHost();
    const problems = [
      { kind: 'bad-id', line: 2, value: '1234-56', name: 'Globex' } as const,
      { kind: 'separators-removed', line: 3, value: '1234-5678-9012', id: '123456789012', name: 'Hooli' } as const,
    ];
    host.answerImport = async () => ({ ...imported([account('123456789012')], 1), problems });
    const scrolled = jest.fn();
    Element.prototype.scrollIntoView = scrolled;
    try {
      renderPane(host);
      fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), {
        target: { value: LIST_ACCOUNTS },
      });
      await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
      const region = within(await screen.findByRole('region', { name: 'In the export: 2 problems' }));
      const items = region.getAllByRole('listitem');
      expect(items[0]).toHaveTextContent(
        'Unreadable Globex (1234-56): "1234-56" is not an AWS account ID; not imported.',
      );
      expect(items[1]).toHaveTextContent(
        'Normalised Hooli (1234-5678-9012): spaces or dashes removed; imported as 123456789012.',
      );
      expect(screen.queryByText(/Entry \d/)).toBeNull();
      expect(scrolled).toHaveBeenCalled();
      expect(scrolled.mock.contexts.some((el) => (el as Element).getAttribute('aria-label') === 'Import outcome')).toBe(
        true,
      );
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('shows the progress of a 5,000-account import band by band, and announces the outcome (issue 10, item 7)', async () => {
    const accounts = Array.from({ length: 5000 }, (_, i) => account(String(100_000_000_000 + i)));
    const text = JSON.stringify({
      Accounts: accounts.map((a) => ({ Id: a.id, Name: a.name, Email: a.email, Status: 'ACTIVE' })),
    });
    const host = new FakeHost();
    const bands = [deferred<void>(), deferred<void>()];
    let report!: (written: number) => void;
    const sheetRead = deferred<void>();
    host.answerImport = async (_, options) => {
      await sheetRead.promise; // reading the Accounts sheet: no count yet
      report = (written) => options?.onProgress?.(written, 5000);
      report(0);
      await bands[0]!.promise;
      report(1000);
      await bands[1]!.promise;
      report(5000);
      return imported(accounts, 1);
    };
    renderPane(host);
    const status = screen.getByRole('status', { name: '' });
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toBeEmptyDOMElement();
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), { target: { value: text } });
    expect(await screen.findByText('5,000 accounts found (list-accounts JSON).')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));

    // Before the first band: a bar without a value, and what is happening.
    const waiting = await screen.findByRole('progressbar', { name: 'Importing accounts' });
    expect(waiting).not.toHaveAttribute('aria-valuenow');
    expect(waiting).toHaveAccessibleDescription('Reading the Accounts sheet…');
    await act(async () => sheetRead.resolve());
    const bar = await screen.findByRole('progressbar', { name: 'Importing accounts' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '5000');
    await act(async () => bands[0]!.resolve());
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Importing accounts' })).toHaveAttribute('aria-valuenow', '1000'),
    );
    const moving = screen.getByRole('progressbar', { name: 'Importing accounts' });
    expect(moving).toHaveAttribute('aria-valuetext', '1,000 of 5,000 accounts');
    expect(moving).toHaveAccessibleDescription('1,000 of 5,000 accounts written');
    expect(status).toBeEmptyDOMElement(); // nothing announced before the end
    await act(async () => bands[1]!.resolve());

    await waitFor(() => expect(status).toHaveTextContent('Imported 5,000 accounts'));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(await screen.findByRole('group', { name: 'Imported 5,000 accounts' })).toBeInTheDocument();
  });

  it('announces an import that wrote nothing as such', async () => {
    const host = new FakeHost();
    host.answerImport = async () => ({ result: { kind: 'protected' }, problems: [] });
    renderPane(host);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the export' }), {
      target: { value: LIST_ACCOUNTS },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    await waitFor(() =>
      expect(screen.getByRole('status', { name: '' })).toHaveTextContent(
        'Nothing imported: the Accounts sheet is protected',
      ),
    );
  });
});
