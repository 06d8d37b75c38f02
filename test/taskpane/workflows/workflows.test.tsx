/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RULE_IDS } from '../../../src/core/rules';
import { officeHost } from '../../../src/excel/host';
import { HostProvider } from '../../../src/taskpane/HostContext';
import { FORMS } from '../../../src/taskpane/workflows/forms';
import { WorkflowsView } from '../../../src/taskpane/workflows/WorkflowsView';
import { WF2_ROWS } from '../../core/fixtures/workbooks';
import { freshExcel, loadValid } from '../../excel/helpers';
import { details, RuleHarness } from './rule-harness';

describe('rule forms', () => {
  it('has a form for every rule of the catalog', () => {
    for (const id of RULE_IDS) expect(FORMS[id]).toBeDefined();
  });

  it('uplift: accepts a percent and refuses 0 and a value above its bound, at the field', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="uplift" params={{ percent: 3 }} />);
    expect(details()).toHaveTextContent('Uplift the price of all services by 3%');
    const percent = screen.getByRole('textbox', { name: /Percent/ });
    await user.clear(percent);
    await user.type(percent, '0');
    expect(percent).toHaveAccessibleDescription(expect.stringContaining('must be greater than 0'));
    await user.clear(percent);
    await user.type(percent, '1001');
    expect(percent).toHaveAccessibleDescription(expect.stringContaining('must be at most 1000'));
    expect(details()).toHaveTextContent('invalid');
  });

  it('replace-ri-discount: any account, or only these accounts pasted at once, each checked, zeros kept', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="replace-ri-discount" params={{ purchasedBy: 'any' }} />);
    expect(details()).toHaveTextContent('purchased by any account');
    await user.click(screen.getByRole('radio', { name: 'Only these accounts' }));
    const ids = screen.getByRole('textbox', { name: /Purchasing accounts/ });
    await user.click(ids);
    await user.paste('012345678901, 12345\n222222222222');
    expect(ids).toHaveAccessibleDescription(expect.stringContaining('"12345" is not an AWS account ID'));
    await user.clear(ids);
    await user.paste('012345678901 222222222222');
    expect(details()).toHaveTextContent('purchased by 012345678901 or 222222222222');
    await user.selectOptions(screen.getByRole('combobox', { name: /Add an account/ }), '111111111111');
    expect(details()).toHaveTextContent('012345678901, 222222222222 or 111111111111');
  });

  it('remove-credits: programs as checkboxes, refunds as a switch; none chosen is refused', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="remove-credits" params={{ programs: ['edp'], refunds: false }} />);
    await user.click(screen.getByRole('switch', { name: 'Remove refunds too' }));
    expect(details()).toHaveTextContent('Remove EDP discount and refunds so they are not shared with the customer');
    await user.click(screen.getByRole('checkbox', { name: 'EDP discount' }));
    expect(screen.getByRole('group', { name: /Credit programs/ })).toHaveAccessibleDescription(
      expect.stringContaining('must list at least one program'),
    );
  });

  it('custom: refuses a blank description at the field', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="custom" params={{ description: 'x' }} />);
    const box = screen.getByRole('textbox', { name: /Description/ });
    await user.clear(box);
    expect(box).toHaveAccessibleDescription(expect.stringContaining('must describe what the rule should do'));
  });

  it('savings-fee: a flat fee per account', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="savings-fee" params={{ mode: 'percent-of-savings', percent: 20 }} />);
    await user.click(screen.getByRole('radio', { name: 'A flat monthly fee' }));
    await user.type(screen.getByRole('textbox', { name: /Amount/ }), '99.5');
    await user.click(screen.getByRole('radio', { name: 'Account' }));
    expect(details()).toHaveTextContent('Charge a flat fee of 99.50 per account each month');
  });
});

/** The Workflows view on the in-memory Excel holding the valid workbook (edited first by `edit`). */
function renderView(edit?: Parameters<typeof loadValid>[1]) {
  const excel = freshExcel();
  loadValid(excel, edit);
  render(
    <FluentProvider theme={webLightTheme}>
      <HostProvider host={officeHost()}>
        <WorkflowsView />
      </HostProvider>
    </FluentProvider>,
  );
  return excel;
}

describe('Workflows view on the in-memory Excel', () => {
  it("builds the seed's workflow 2 through the forms alone: the rows the contract prescribes", async () => {
    const user = userEvent.setup();
    const excel = renderView();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await user.type(screen.getByRole('textbox', { name: /Workflow name/ }), 'Tuesday');
    const add = async (title: string) => {
      await user.selectOptions(screen.getByRole('combobox', { name: /Add a step/ }), title);
      await user.click(screen.getByRole('button', { name: 'Add step' }));
    };
    await add('Replace RI discount');
    await user.click(screen.getByRole('radio', { name: 'Any account' }));
    await add('Remove volume discounts');
    await user.click(screen.getByRole('radio', { name: 'Free tier usage' }));
    await add('Discount');
    // Every field from empty: a new step holds none of the catalog's example values.
    await user.type(screen.getByRole('textbox', { name: /Percent/ }), '2');
    await user.type(screen.getByRole('textbox', { name: /Services/ }), 'AmazonEC2');
    await user.type(screen.getByRole('textbox', { name: /Regions/ }), 'us-east-*');
    for (const box of ['Tue', 'Jun', 'Jul', 'Aug']) await user.click(screen.getByRole('checkbox', { name: box }));
    await user.click(screen.getByRole('radio', { name: 'Odd-numbered years' }));
    expect(screen.getByTestId('live-sentence')).toHaveTextContent(
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    );
    await user.click(screen.getByRole('button', { name: 'Save to the sheet' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Saved "Tuesday" to rows 10 to 12 of the Billing Workflows sheet.',
    );
    const s = excel.model.sheet('Billing Workflows')!;
    const rows = [9, 10, 11].map((r) => [0, 1, 2, 3, 4].map((c) => s.value(r, c)));
    expect(rows).toEqual(WF2_ROWS.map((r) => ['Tuesday', ...r.slice(1)]));
  });

  it('renames with the references updated by default, and refuses to delete a workflow in use', async () => {
    const user = userEvent.setup();
    const excel = renderView();
    await user.click(await screen.findByRole('button', { name: 'Rename Workflow 2' }));
    const name = await screen.findByRole('textbox', { name: /New name/ });
    await user.clear(name);
    await user.type(name, '=HYPERLINK("x")');
    expect(screen.getByRole('checkbox', { name: /Also update the references.*\(2 subsets use it\)/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await screen.findByText(/references updated in Subset Workflows/);
    const subsets = excel.model.sheet('Subset Workflows')!;
    expect(subsets.cell(3, 1)).toMatchObject({ value: '=HYPERLINK("x")' });
    expect(subsets.cell(3, 1)?.formula).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Delete Workflow 3' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('cannot be deleted while Subset 5 uses it');
    expect(screen.getByRole('button', { name: 'Re-assign and delete' })).toBeDisabled();
    await user.selectOptions(screen.getByRole('combobox', { name: /Re-assign/ }), 'Workflow 1');
    await user.click(screen.getByRole('button', { name: 'Re-assign and delete' }));
    await screen.findByText(/Deleted "Workflow 3"/);
    const list = screen.getByRole('list', { name: 'Workflows' });
    await waitFor(() => expect(within(list).queryByText('Workflow 3')).toBeNull());
  });
});

describe('Workflows view: new steps, stale sheets, unsaved edits (issue 10)', () => {
  const addStep = async (user: ReturnType<typeof userEvent.setup>, title: string) => {
    await user.selectOptions(screen.getByRole('combobox', { name: /Add a step/ }), title);
    await user.click(screen.getByRole('button', { name: 'Add step' }));
  };

  it.each([
    ['Discount', /Percent/],
    ['Uplift', /Percent/],
  ])('a new %s step starts empty: no percent, no conditions, nothing flagged until touched', async (title, field) => {
    const user = userEvent.setup();
    renderView();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await addStep(user, title);
    const form = screen.getByRole('group', { name: 'Form of step 1' });
    const percent = within(form).getByRole('textbox', { name: field });
    expect(percent).toHaveValue('');
    expect(within(form).getByRole('textbox', { name: /Services/ })).toHaveValue('');
    expect(within(form).getByRole('textbox', { name: /Regions/ })).toHaveValue('');
    for (const box of within(form).getAllByRole('checkbox')) expect(box).not.toBeChecked();
    expect(within(form).getByRole('radio', { name: 'Every year' })).toBeChecked();
    // Required, but not flagged before the user touched it: the example is a hint only.
    expect(percent).not.toHaveAccessibleDescription(expect.stringContaining('required'));
    expect(within(form).getByText(/^For example:/)).toBeInTheDocument();
    expect(screen.getByTestId('live-sentence')).toHaveTextContent('(incomplete)');
    await user.type(percent, '5');
    expect(screen.getByTestId('live-sentence')).toHaveTextContent(
      /^(Discount|Uplift) the price of all services by 5%$/,
    );
    await user.clear(percent);
    expect(percent).toHaveAccessibleDescription(expect.stringContaining('required'));
  });

  it('Retain discounts and Savings fee start with nothing chosen, and Save flags what is missing', async () => {
    const user = userEvent.setup();
    const excel = renderView();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await addStep(user, 'Retain discounts');
    let form = screen.getByRole('group', { name: 'Form of step 1' });
    expect(within(form).getByRole('textbox', { name: /Within subsets/ })).toHaveValue('');
    expect(within(form).getByRole('checkbox', { name: 'RI discounts' })).not.toBeChecked();
    await addStep(user, 'Savings fee');
    form = screen.getByRole('group', { name: 'Form of step 2' });
    for (const r of within(form).getAllByRole('radio').slice(0, 2)) expect(r).not.toBeChecked();
    expect(within(form).queryByRole('alert')).toBeNull();
    const before = excel.model.sheet('Billing Workflows')!.value(12, 0);
    await user.click(screen.getByRole('button', { name: 'Save to the sheet' }));
    // Nothing written; the name and the fields are flagged now.
    expect(excel.model.sheet('Billing Workflows')!.value(12, 0)).toBe(before);
    expect(screen.getByText(/^Not saved yet: The workflow needs a name/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Workflow name/ })).toHaveAccessibleDescription(
      'The workflow needs a name',
    );
  });

  it('Rename re-reads the sheets: a subset added in the sheet since the list was read is counted and updated', async () => {
    const user = userEvent.setup();
    const excel = renderView();
    await screen.findByRole('button', { name: 'Rename Workflow 3' });
    // Typed in Excel beside the pane (raises onChanged): the list follows.
    act(() => {
      excel.type('Subset Workflows', 'A7', 'Subset 6');
      excel.type('Subset Workflows', 'B7', 'Workflow 3');
    });
    await screen.findByText(/used by Subset 5 and Subset 6/);
    // Written without an event (another add-in, an undo): Rename still reads the sheet first.
    const s = excel.model.sheet('Subset Workflows')!;
    s.enter(7, 0, 'Subset 7');
    s.enter(7, 1, 'Workflow 3');
    await user.click(screen.getByRole('button', { name: 'Rename Workflow 3' }));
    const refs = await screen.findByRole('checkbox', { name: /Also update the references.*\(3 subsets use it\)/ });
    expect(refs).toBeChecked();
    const name = screen.getByRole('textbox', { name: /New name/ });
    await user.clear(name);
    await user.type(name, 'Plain');
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await screen.findByText(/references updated in Subset Workflows \(3 rows\)/);
    expect([5, 6, 7].map((r) => s.value(r, 1))).toEqual(['Plain', 'Plain', 'Plain']);
  });

  it('Cancel with unsaved edits asks first; Keep editing keeps them, Discard leaves', async () => {
    const user = userEvent.setup();
    renderView();
    await user.click(await screen.findByRole('button', { name: 'Edit Workflow 1' }));
    await user.type(screen.getByRole('textbox', { name: /Workflow name/ }), ' renamed');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('alert')).toHaveTextContent('not saved. Discard them?');
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('textbox', { name: /Workflow name/ })).toHaveValue('Workflow 1 renamed');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('list', { name: 'Workflows' })).toBeInTheDocument();
    // Without edits, Cancel leaves at once.
    await user.click(screen.getByRole('button', { name: 'Edit Workflow 2' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('list', { name: 'Workflows' })).toBeInTheDocument();
  });

  it('conflicts in the editor name rules by title and steps by number, not ids or cells', async () => {
    const user = userEvent.setup();
    renderView();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await addStep(user, 'Uplift');
    await addStep(user, 'Remove taxes');
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(within(steps).getByText(/^Uplift comes before Remove taxes, but Spot applies/)).toBeInTheDocument();
    await addStep(user, 'Replace RI discount');
    await addStep(user, 'Retain discounts');
    const text = steps.textContent ?? '';
    expect(text).toContain('Retain discounts cannot be in the same workflow as Replace RI discount (at step 3)');
    expect(text).not.toMatch(/\b[A-E]\d\b|remove-taxes|replace-ri-discount/);
  });

  it('account pickers show "name (ID)" from the Accounts sheet', async () => {
    const user = userEvent.setup();
    renderView();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await addStep(user, 'Replace RI discount');
    await user.click(screen.getByRole('radio', { name: 'Only these accounts' }));
    const picker = screen.getByRole('combobox', { name: /Add an account/ });
    expect(within(picker).getByRole('option', { name: 'Contoso prod (111111111111)' })).toHaveValue('111111111111');
    await user.selectOptions(picker, 'Contoso prod (111111111111)');
    expect(screen.getByRole('textbox', { name: /Purchasing accounts/ })).toHaveValue('111111111111');
  });

  it('an empty Billing Workflows sheet is a to-do, not a warning, beside New workflow', async () => {
    renderView((sheets) => {
      sheets['Billing Workflows'] = [sheets['Billing Workflows']![0]!];
    });
    expect(await screen.findByText(/^To do: add the billing workflows/)).toBeInTheDocument();
    expect(screen.queryByText(/Rows of Billing Workflows to look at/)).toBeNull();
    expect(screen.queryByText(/no rows/i)).toBeNull();
  });
});
