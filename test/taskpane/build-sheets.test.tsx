/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deferred, EMPTY_BUILD, excelError, FakeHost } from './fake-host';
import { renderPane } from './render';
import type { BuildReport } from '../../src/excel/build';

describe('Build sheets', () => {
  it('calls the host and tells what it created and added', async () => {
    const host = new FakeHost();
    host.answerBuild = async () => ({
      ...EMPTY_BUILD,
      created: ['Subset Workflows', 'Billing Workflows'],
      headersAdded: [{ sheet: 'Accounts', headers: ['Subset Name'] }],
      fieldsAdded: ['Account Rep Email'],
      dropdowns: [{ sheet: 'Accounts', column: 'Subset Name' }],
      frozen: ['Accounts'],
    });
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));

    expect(host.callsOf('buildSheets')).toHaveLength(1);
    expect(await screen.findByText('Sheets built')).toBeInTheDocument();
    const done = within(screen.getByRole('list', { name: 'What Build sheets did' }));
    expect(done.getByText(/Created 2 sheets: Subset Workflows and Billing Workflows\./)).toBeInTheDocument();
    expect(done.getByText('Added to Accounts: the header "Subset Name".')).toBeInTheDocument();
    expect(done.getByText('Added to Enrollment: the field "Account Rep Email".')).toBeInTheDocument();
    expect(done.getByText('Added dropdowns to "Subset Name" on Accounts.')).toBeInTheDocument();
    expect(done.getByText('Froze the header row of Accounts.')).toBeInTheDocument();
    expect(screen.getByText(/Nothing you had entered was moved, overwritten or deleted/)).toBeInTheDocument();
  });

  it('reports protected sheets that were left unchanged', async () => {
    const host = new FakeHost();
    host.answerBuild = async (): Promise<BuildReport> => ({
      ...EMPTY_BUILD,
      created: ['End Customers'],
      protectedSheets: ['Accounts', 'Enrollment'],
    });
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));

    const bar = await screen.findByRole('group', { name: 'Protected sheets left unchanged' });
    expect(bar).toHaveTextContent('Accounts and Enrollment need something added but are protected');
    expect(bar).toHaveTextContent('Review › Unprotect Sheet');
  });

  it('says when there is nothing to add', async () => {
    const host = new FakeHost();
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));
    expect(await screen.findByRole('group', { name: 'Nothing to add' })).toHaveTextContent(
      'Every enrollment sheet, header, field, dropdown and frozen header row is already in place.',
    );
  });

  it('shows a spinner and disables the button while building', async () => {
    const host = new FakeHost();
    const build = deferred<BuildReport>();
    host.answerBuild = () => build.promise;
    renderPane(host);
    const button = screen.getByRole('button', { name: 'Build sheets' });
    await userEvent.click(button);

    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('Building the sheets…')).toBeInTheDocument();
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(button);
    expect(host.callsOf('buildSheets')).toHaveLength(1);

    build.resolve(EMPTY_BUILD);
    expect(await screen.findByText('Nothing to add')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(button).not.toHaveAttribute('aria-disabled', 'true');
  });

  it("shows Excel's message and code when the host fails", async () => {
    const host = new FakeHost();
    host.answerBuild = async () => {
      throw excelError('The workbook is read-only.', 'AccessDenied', 'Worksheet.add');
    };
    renderPane(host);
    await userEvent.click(screen.getByRole('button', { name: 'Build sheets' }));

    const bar = await screen.findByRole('group', { name: 'Build sheets failed' });
    expect(bar).toHaveTextContent('The workbook is read-only.');
    expect(bar).toHaveTextContent('code AccessDenied, at Worksheet.add');
    // The pane is still there: the button works again.
    expect(screen.getByRole('button', { name: 'Build sheets' })).not.toHaveAttribute('aria-disabled', 'true');
  });
});
