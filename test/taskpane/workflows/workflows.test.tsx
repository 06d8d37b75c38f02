/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
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

describe('Workflows view on the in-memory Excel', () => {
  function renderView() {
    const excel = freshExcel();
    loadValid(excel);
    render(
      <FluentProvider theme={webLightTheme}>
        <HostProvider host={officeHost()}>
          <WorkflowsView />
        </HostProvider>
      </FluentProvider>,
    );
    return excel;
  }

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
    await add('Remove volume discounts');
    await user.click(screen.getByRole('radio', { name: 'Free tier usage' }));
    await add('Discount');
    const services = screen.getByRole('textbox', { name: /Services/ });
    await user.clear(services);
    await user.type(services, 'AmazonEC2');
    await user.click(screen.getByRole('checkbox', { name: 'Tue' }));
    await user.click(screen.getByRole('checkbox', { name: 'Tue' }));
    expect(screen.getByTestId('live-sentence')).toHaveTextContent(
      'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years',
    );
    await user.click(screen.getByRole('button', { name: 'Save to the sheet' }));
    await screen.findByText(/Saved "Tuesday"/);
    const s = excel.model.sheet('Billing Workflows')!;
    const rows = [9, 10, 11].map((r) => [0, 1, 2, 3, 4].map((c) => s.value(r, c)));
    expect(rows).toEqual(WF2_ROWS.map((r) => ['Tuesday', ...r.slice(1)]));
  });

  it('renames with the references updated only when confirmed, and refuses to delete a workflow in use', async () => {
    const user = userEvent.setup();
    const excel = renderView();
    await user.click(await screen.findByRole('button', { name: 'Rename Workflow 2' }));
    const name = screen.getByRole('textbox', { name: /New name/ });
    await user.clear(name);
    await user.type(name, '=HYPERLINK("x")');
    await user.click(screen.getByRole('checkbox', { name: /Also update the references/ }));
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await screen.findByText(/references updated in Subset Workflows/);
    const subsets = excel.model.sheet('Subset Workflows')!;
    expect(subsets.cell(3, 1)).toMatchObject({ value: '=HYPERLINK("x")' });
    expect(subsets.cell(3, 1)?.formula).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Delete Workflow 3' }));
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be deleted while Subset 5 uses it');
    expect(screen.getByRole('button', { name: 'Re-assign and delete' })).toBeDisabled();
    await user.selectOptions(screen.getByRole('combobox', { name: /Re-assign/ }), 'Workflow 1');
    await user.click(screen.getByRole('button', { name: 'Re-assign and delete' }));
    await screen.findByText(/Deleted "Workflow 3"/);
    const list = screen.getByRole('list', { name: 'Workflows' });
    await waitFor(() => expect(within(list).queryByText('Workflow 3')).toBeNull());
  });
});
