/** @jest-environment jsdom */
/**
 * Per rule of the catalog: its form accepts valid parameters (the live sentence shows) and
 * refuses invalid ones with the schema's message at the field (the field's accessible
 * description). Rules without parameters say so. The rules covered in workflows.test.tsx
 * (uplift, replace-ri-discount, remove-credits, custom, savings-fee flat) are not repeated here.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { officeHost } from '../../../src/excel/host';
import { HostProvider } from '../../../src/taskpane/HostContext';
import { WorkflowsView } from '../../../src/taskpane/workflows/WorkflowsView';
import { freshExcel, loadValid } from '../../excel/helpers';
import { details, RuleHarness } from './rule-harness';

const message = (text: string) => expect.stringContaining(text) as unknown as string;

describe('rules with no parameters', () => {
  it.each([
    ['no-billing-rules', 'Process the billing data as it is, with no billing rules'],
    ['remove-taxes', "Remove taxes from the customer's charges"],
  ] as const)('%s: the form says it has no parameters, and the sentence shows', (rule, sentence) => {
    render(<RuleHarness rule={rule} params={{}} />);
    expect(screen.getByText('This rule has no parameters.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(details()).toHaveTextContent(sentence);
  });
});

describe('replace-sp-discount', () => {
  it('accepts any account or a list; refuses an empty list and a bad ID at the accounts field', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="replace-sp-discount" params={{ purchasedBy: 'any' }} />);
    expect(details()).toHaveTextContent(
      'Replace Savings Plan discount with public on-demand price when Savings Plans are purchased by any account',
    );
    await user.click(screen.getByRole('radio', { name: 'Only these accounts' }));
    const ids = screen.getByRole('textbox', { name: /Purchasing accounts/ });
    expect(ids).toHaveAccessibleDescription(message('must list at least one'));
    expect(details()).toHaveTextContent('invalid');
    await user.type(ids, '12345678901');
    expect(ids).toHaveAccessibleDescription(message('"12345678901" is not an AWS account ID'));
    await user.type(ids, '2');
    expect(ids).not.toHaveAccessibleDescription(message('not an AWS account ID'));
    expect(details()).toHaveTextContent('purchased by 123456789012');
    await user.click(screen.getByRole('radio', { name: 'Any account' }));
    expect(details()).toHaveTextContent('purchased by any account');
  });
});

describe('cost sharing', () => {
  it.each([
    ['ri-cost-sharing', 'RI'],
    ['sp-cost-sharing', 'Savings Plan'],
  ] as const)('%s: each basis gives its sentence; no basis chosen is refused at the choice', async (rule, what) => {
    const user = userEvent.setup();
    render(<RuleHarness rule={rule} params={{}} />);
    const basis = screen.getByRole('radiogroup', { name: /Charge the using accounts/ });
    expect(basis).toHaveAccessibleDescription(message('must be one of "effective"'));
    expect(details()).toHaveTextContent('invalid');
    await user.click(within(basis).getByRole('radio', { name: 'The amortized up-front cost only' }));
    expect(details()).toHaveTextContent(
      `Share ${what} costs with the accounts that use the ${what}s, charging the amortized up-front cost only`,
    );
    expect(basis).not.toHaveAccessibleDescription(message('must be'));
    await user.click(within(basis).getByRole('radio', { name: 'The recurring fee only' }));
    expect(details()).toHaveTextContent('charging the recurring fee only');
    await user.click(within(basis).getByRole('radio', { name: 'The effective cost' }));
    expect(details()).toHaveTextContent('charging the effective cost');
  });
});

describe('remove-volume-discounts', () => {
  it('each mode gives its sentence; no mode chosen is refused at the choice', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="remove-volume-discounts" params={{}} />);
    const mode = screen.getByRole('radiogroup', { name: /Charge the first billable rate in place of/ });
    expect(mode).toHaveAccessibleDescription(message('must be one of "top-rate-all-usage"'));
    expect(details()).toHaveTextContent('invalid');
    await user.click(within(mode).getByRole('radio', { name: 'Free tier usage' }));
    expect(details()).toHaveTextContent('Replace free tier usage with the first billable rate');
    await user.click(within(mode).getByRole('radio', { name: 'Tiered volume rates, for all usage' }));
    expect(details()).toHaveTextContent('Replace tiered volume rates with the first billable rate for all usage');
    await user.click(within(mode).getByRole('radio', { name: 'RI volume discounts' }));
    expect(details()).toHaveTextContent('Remove RI volume discounts so they are not shared with the customer');
  });
});

describe('retain-discounts', () => {
  it('accepts commitments within subsets and accounts; refuses none, a repeated subset and a bad ID at their fields', async () => {
    const user = userEvent.setup();
    render(
      <RuleHarness
        rule="retain-discounts"
        params={{ commitments: ['ri', 'sp'], subsets: ['Customer A'], accounts: [] }}
      />,
    );
    expect(details()).toHaveTextContent(
      'Retain RI and Savings Plan discounts within subset "Customer A", and replace them elsewhere with public on-demand price',
    );
    const commitments = screen.getByRole('group', { name: /Discounts to retain/ });
    await user.click(within(commitments).getByRole('checkbox', { name: 'RI discounts' }));
    await user.click(within(commitments).getByRole('checkbox', { name: 'Savings Plan discounts' }));
    expect(commitments).toHaveAccessibleDescription(message('must list at least one commitment'));
    expect(details()).toHaveTextContent('invalid');
    await user.click(within(commitments).getByRole('checkbox', { name: 'Savings Plan discounts' }));
    expect(commitments).not.toHaveAccessibleDescription(message('must list'));
    expect(details()).toHaveTextContent('Retain Savings Plan discount within subset "Customer A", and replace it');

    const subsets = screen.getByRole('textbox', { name: /Within subsets/ });
    await user.type(subsets, ', customer a');
    expect(subsets).toHaveAccessibleDescription(message('twice'));
    expect(details()).toHaveTextContent('invalid');
    await user.clear(subsets);
    await user.type(subsets, 'Customer A, Customer B');
    expect(details()).toHaveTextContent('within subsets "Customer A" and "Customer B"');

    const accounts = screen.getByRole('textbox', { name: /Within accounts/ });
    await user.type(accounts, '1234');
    expect(accounts).toHaveAccessibleDescription(message('"1234" is not an AWS account ID'));
    await user.clear(accounts);
    await user.selectOptions(screen.getByRole('combobox', { name: /Add an account/ }), '111111111111');
    expect(accounts).toHaveValue('111111111111');
    expect(details()).toHaveTextContent('and account 111111111111');
  });
});

describe('savings-fee, percent of the savings', () => {
  it('accepts a percent up to 100; refuses 0, 101, too many decimals and text at the field', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="savings-fee" params={{ mode: 'flat', amount: 500, per: 'subset' }} />);
    expect(details()).toHaveTextContent('Charge a flat fee of 500 per subset each month');
    await user.click(screen.getByRole('radio', { name: /A percent of the savings/ }));
    expect(screen.queryByRole('textbox', { name: /Amount/ })).toBeNull();
    const percent = screen.getByRole('textbox', { name: /Percent/ });
    expect(percent).toHaveAccessibleDescription(message('is required'));
    for (const [typed, error] of [
      ['0', 'must be greater than 0'],
      ['101', 'must be at most 100'],
      ['2.12345', 'must have at most 4 decimal places'],
      ['ten', 'must be a number'],
    ] as const) {
      await user.clear(percent);
      await user.type(percent, typed);
      expect(percent).toHaveAccessibleDescription(message(error));
      expect(details()).toHaveTextContent('invalid');
    }
    await user.clear(percent);
    await user.type(percent, '12.5');
    expect(percent).not.toHaveAccessibleDescription(message('must'));
    expect(details()).toHaveTextContent('Charge a fee of 12.5% of the savings from RIs and Savings Plans');
  });

  it('flat: refuses a missing amount and fractions of a cent at the field', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="savings-fee" params={{ mode: 'flat', per: 'account' }} />);
    const amount = screen.getByRole('textbox', { name: /Amount/ });
    expect(amount).toHaveAccessibleDescription(message('is required'));
    await user.type(amount, '9.999');
    expect(amount).toHaveAccessibleDescription(message('must have at most 2 decimal places (cents)'));
    await user.clear(amount);
    await user.type(amount, '1000001');
    expect(amount).toHaveAccessibleDescription(message('must be at most 1000000'));
    await user.clear(amount);
    await user.type(amount, '10');
    expect(details()).toHaveTextContent('Charge a flat fee of 10 per account each month');
  });
});

describe('discount and its conditions builder', () => {
  const seed = {
    percent: 2,
    when: { services: ['AmazonEC2'], regions: ['us-east-*'], daysOfWeek: ['tue'], months: [6, 7, 8], years: 'odd' },
  };
  const SEED_SENTENCE =
    'Discount AmazonEC2 by 2% when usage occurs on Tuesdays in us-east-* regions in June, July and August of odd-numbered years';

  it("accepts the seed's Tuesday rule and no conditions at all; refuses a percent above 100", async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="discount" params={seed} />);
    expect(details()).toHaveTextContent(SEED_SENTENCE);
    const percent = screen.getByRole('textbox', { name: /Percent/ });
    await user.clear(percent);
    await user.type(percent, '100.5');
    expect(percent).toHaveAccessibleDescription(message('must be at most 100'));
    await user.clear(percent);
    await user.type(percent, '2');

    // Every condition left blank: the discount applies to all usage.
    await user.clear(screen.getByRole('textbox', { name: /Services/ }));
    await user.clear(screen.getByRole('textbox', { name: /Regions/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Tue' }));
    for (const m of ['Jun', 'Jul', 'Aug']) await user.click(screen.getByRole('checkbox', { name: m }));
    await user.click(screen.getByRole('radio', { name: 'Every year' }));
    expect(details()).toHaveTextContent(/^Discount the price of all services by 2%$/);
  });

  it('refuses a bad region, a service name with spaces and a repeated service at their fields', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="discount" params={seed} />);
    const regions = screen.getByRole('textbox', { name: /Regions/ });
    await user.clear(regions);
    await user.type(regions, 'us-east-1, US-East');
    expect(regions).toHaveAccessibleDescription(message('"US-East" must be a region code such as "us-east-1"'));
    expect(details()).toHaveTextContent('invalid');
    await user.clear(regions);
    await user.type(regions, 'us-east-1, eu-*');
    expect(regions).not.toHaveAccessibleDescription(message('must be'));
    expect(details()).toHaveTextContent('in us-east-1 and eu-* regions');

    const services = screen.getByRole('textbox', { name: /Services/ });
    await user.clear(services);
    await user.type(services, 'Amazon Elastic Compute Cloud');
    expect(services).toHaveAccessibleDescription(message('must be a service product code'));
    await user.clear(services);
    await user.type(services, 'AmazonEC2, AmazonEC2');
    expect(services).toHaveAccessibleDescription(message('lists "AmazonEC2" twice'));
    await user.clear(services);
    await user.type(services, 'AmazonEC2, AmazonRDS');
    expect(details()).toHaveTextContent('Discount AmazonEC2 and AmazonRDS by 2%');
  });

  it('years: refuses an empty list, a year out of range and text; accepts a list of years', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="discount" params={seed} />);
    await user.click(screen.getByRole('radio', { name: 'These years' }));
    const years = screen.getByRole('textbox', { name: /Which years/ });
    expect(years).toHaveAccessibleDescription(message('must list at least one year'));
    expect(details()).toHaveTextContent('invalid');
    await user.type(years, '2025, 1999');
    expect(years).toHaveAccessibleDescription(message('1999 must be a year from 2000 to 2100'));
    await user.clear(years);
    await user.type(years, 'next');
    expect(years).toHaveAccessibleDescription(message('must be "odd", "even" or a list of years'));
    await user.clear(years);
    await user.type(years, '2025, 2027');
    expect(years).not.toHaveAccessibleDescription(message('must'));
    expect(details()).toHaveTextContent('in June, July and August of 2025 and 2027');
    await user.click(screen.getByRole('radio', { name: 'Even-numbered years' }));
    expect(screen.queryByRole('textbox', { name: /Which years/ })).toBeNull();
    expect(details()).toHaveTextContent('of even-numbered years');
  });

  it('accounts condition: refuses a bad ID, accepts one from the Accounts sheet', async () => {
    const user = userEvent.setup();
    render(<RuleHarness rule="discount" params={{ percent: 5 }} />);
    expect(details()).toHaveTextContent(/^Discount the price of all services by 5%$/);
    const accounts = screen.getByRole('textbox', { name: /Only for accounts/ });
    await user.type(accounts, 'abc');
    expect(accounts).toHaveAccessibleDescription(message('"abc" is not an AWS account ID'));
    await user.clear(accounts);
    await user.selectOptions(screen.getByRole('combobox', { name: /Add an account/ }), '111111111111');
    expect(details()).toHaveTextContent('Discount the price of all services by 5% for account 111111111111');
  });
});

describe('form-level messages in the step editor', () => {
  it('retain-discounts: neither subsets nor accounts is refused with an alert, and Save writes nothing', async () => {
    const user = userEvent.setup();
    const excel = freshExcel();
    loadValid(excel);
    render(
      <FluentProvider theme={webLightTheme}>
        <HostProvider host={officeHost()}>
          <WorkflowsView />
        </HostProvider>
      </FluentProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await user.type(screen.getByRole('textbox', { name: /Workflow name/ }), 'Retained');
    await user.selectOptions(screen.getByRole('combobox', { name: /Add a step/ }), 'Retain discounts');
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    const form = screen.getByRole('group', { name: 'Form of step 1' });
    await user.click(within(form).getByRole('checkbox', { name: 'RI discounts' }));
    await user.type(within(form).getByRole('textbox', { name: /Within subsets/ }), 'x');
    await user.clear(within(form).getByRole('textbox', { name: /Within subsets/ }));
    expect(within(form).getByRole('alert')).toHaveTextContent('must name at least one subset or account');
    expect(screen.getByTestId('live-sentence')).toHaveTextContent('(incomplete)');
    const rows = excel.model.sheet('Billing Workflows')!.value(12, 0);
    await user.click(screen.getByRole('button', { name: 'Save to the sheet' }));
    expect(screen.getByText(/^Not saved yet: fill in the fields marked in red/)).toBeInTheDocument();
    expect(excel.model.sheet('Billing Workflows')!.value(12, 0)).toBe(rows);
    await user.type(within(form).getByRole('textbox', { name: /Within accounts/ }), '111111111111');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('live-sentence')).toHaveTextContent(
      'Retain RI discount within account 111111111111, and replace it elsewhere with public on-demand price',
    );
  });

  it('no-billing-rules: the form says it has no parameters and the step shows its sentence', async () => {
    const user = userEvent.setup();
    const excel = freshExcel();
    loadValid(excel);
    render(
      <FluentProvider theme={webLightTheme}>
        <HostProvider host={officeHost()}>
          <WorkflowsView />
        </HostProvider>
      </FluentProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await user.selectOptions(screen.getByRole('combobox', { name: /Add a step/ }), 'No billing rules');
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    const form = screen.getByRole('group', { name: 'Form of step 1' });
    expect(within(form).getByText('This rule has no parameters.')).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(within(steps).getByText('Process the billing data as it is, with no billing rules')).toBeInTheDocument();
  });
});
