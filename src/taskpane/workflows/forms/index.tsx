/**
 * One form per rule of the catalog, keyed by rule id (the core's rule modules stay free of UI).
 * A form turns the rule's parameters into field values (`fromParams`, from the example, a
 * template or the sheet) and back (`toParams`); the rule's own schema judges the result.
 */
import { Text } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { RuleId } from '../../../core/rules';
import { DAYS } from '../../../core/rules/conditions';
import { DISCOUNT_MAX_PERCENT } from '../../../core/rules/discount';
import { UPLIFT_MAX_PERCENT } from '../../../core/rules/uplift';
import {
  AccountsField,
  ChecksField,
  ChoiceField,
  NumberField,
  PercentField,
  SwitchField,
  TextField,
  bool,
  formatDecimal,
  parseDecimal,
  splitLines,
  splitList,
  str,
  strs,
  type FieldValue,
  type FormProps,
  type FormState,
} from './fields';

export interface RuleForm {
  /** The field keys, as parameter paths (errors are matched to them). */
  readonly keys: readonly string[];
  readonly fromParams: (params: Readonly<Record<string, unknown>>) => FormState;
  readonly toParams: (state: FormState) => unknown;
  readonly Fields: (props: FormProps) => JSX.Element;
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

const NoFields = () => <Text>This rule has no parameters.</Text>;
const noParams: RuleForm = { keys: [], fromParams: () => ({}), toParams: () => ({}), Fields: NoFields };

function purchasedBy(subject: string): RuleForm {
  return {
    keys: ['purchasedBy'],
    // No parameters (a new step): neither choice made, so nothing is assumed for the user.
    fromParams: (p) =>
      p.purchasedBy === 'any'
        ? { purchasedBy: 'any', 'purchasedBy.list': '' }
        : p.purchasedBy === undefined
          ? { purchasedBy: '', 'purchasedBy.list': '' }
          : { purchasedBy: 'only', 'purchasedBy.list': listOf(p.purchasedBy).join('\n') },
    toParams: (s) => {
      const choice = str(s, 'purchasedBy');
      if (choice === '') return {};
      return { purchasedBy: choice === 'any' ? 'any' : splitList(str(s, 'purchasedBy.list')) };
    },
    Fields: function PurchasedBy(props) {
      const only = str(props.state, 'purchasedBy') === 'only';
      return (
        <>
          <ChoiceField
            {...props}
            errors={only ? new Map() : props.errors}
            name="purchasedBy"
            label={`${subject} purchased by`}
            options={[
              ['any', 'Any account'],
              ['only', 'Only these accounts'],
            ]}
          />
          {only && (
            <AccountsField
              {...props}
              errors={relabel(props.errors, 'purchasedBy', 'purchasedBy.list')}
              name="purchasedBy.list"
              label="Purchasing accounts"
            />
          )}
        </>
      );
    },
  };
}

/** The errors of `from` shown at the field `to`. */
function relabel(errors: ReadonlyMap<string, string>, from: string, to: string): ReadonlyMap<string, string> {
  const m = errors.get(from);
  return m === undefined ? new Map() : new Map([[to, m]]);
}

const COST_BASES = [
  ['effective', 'The effective cost'],
  ['amortized-upfront', 'The amortized up-front cost only'],
  ['recurring', 'The recurring fee only'],
] as const;

const costSharing: RuleForm = {
  keys: ['basis'],
  fromParams: (p) => ({ basis: textOf(p.basis) }),
  toParams: (s) => ({ basis: str(s, 'basis') }),
  Fields: (props) => <ChoiceField {...props} name="basis" label="Charge the using accounts" options={COST_BASES} />,
};

const DAY_LABELS: Record<(typeof DAYS)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
  (m, i) => [String(i + 1), m] as const,
);

const WHEN_KEYS = [
  'when',
  'when.services',
  'when.regions',
  'when.accounts',
  'when.daysOfWeek',
  'when.months',
  'when.years',
];

function whenFromParams(when: unknown): FormState {
  const w = typeof when === 'object' && when !== null ? (when as Record<string, unknown>) : {};
  const years = w.years;
  return {
    'when.services': listOf(w.services).join(', '),
    'when.regions': listOf(w.regions).join(', '),
    'when.accounts': listOf(w.accounts).join('\n'),
    'when.daysOfWeek': listOf(w.daysOfWeek),
    'when.months': listOf(w.months),
    'when.yearsMode': years === 'odd' || years === 'even' ? years : Array.isArray(years) ? 'list' : 'any',
    'when.years': listOf(years).join(', '),
  };
}

function whenToParams(s: FormState): Record<string, unknown> | undefined {
  const when: Record<string, unknown> = {};
  const services = splitLines(str(s, 'when.services'));
  if (services.length) when.services = services;
  const regions = splitLines(str(s, 'when.regions'));
  if (regions.length) when.regions = regions;
  const accounts = splitList(str(s, 'when.accounts'));
  if (accounts.length) when.accounts = accounts;
  const days = strs(s, 'when.daysOfWeek');
  if (days.length) when.daysOfWeek = [...days];
  const months = strs(s, 'when.months');
  if (months.length) when.months = months.map(Number);
  const mode = str(s, 'when.yearsMode', 'any');
  if (mode === 'odd' || mode === 'even') when.years = mode;
  if (mode === 'list') when.years = splitList(str(s, 'when.years')).map((y) => parseDecimal(y) ?? y);
  return Object.keys(when).length ? when : undefined;
}

/** The conditions builder of the percent rules: every condition optional, left blank for "all". */
function Conditions(props: FormProps) {
  const listMode = str(props.state, 'when.yearsMode', 'any') === 'list';
  return (
    <>
      <TextField
        {...props}
        name="when.services"
        label="Services"
        hint="Product codes such as AmazonEC2, separated by commas; blank for all services"
      />
      <TextField
        {...props}
        name="when.regions"
        label="Regions"
        hint="Region codes (us-east-1) or groups (us-east-*, eu-*), separated by commas; blank for all regions"
      />
      <ChecksField
        {...props}
        name="when.daysOfWeek"
        label="Days of the week"
        hint="None chosen: every day"
        options={DAYS.map((d) => [d, DAY_LABELS[d]] as const)}
      />
      <ChecksField {...props} name="when.months" label="Months" hint="None chosen: every month" options={MONTHS} />
      <ChoiceField
        {...props}
        errors={listMode ? new Map() : props.errors}
        name="when.yearsMode"
        label="Years"
        options={[
          ['any', 'Every year'],
          ['odd', 'Odd-numbered years'],
          ['even', 'Even-numbered years'],
          ['list', 'These years'],
        ]}
      />
      {listMode && <TextField {...props} name="when.years" label="Which years" hint="Such as 2025, 2027" />}
      <AccountsField {...props} name="when.accounts" label="Only for accounts" />
    </>
  );
}

function percentRule(max: number): RuleForm {
  return {
    keys: ['percent', ...WHEN_KEYS],
    fromParams: (p) => ({ percent: formatDecimal(p.percent), ...whenFromParams(p.when) }),
    toParams: (s) => {
      const when = whenToParams(s);
      const percent = parseDecimal(str(s, 'percent'));
      return when === undefined ? { percent } : { percent, when };
    },
    Fields: function PercentRule(props) {
      return (
        <>
          <PercentField {...props} max={max} />
          {props.errors.get('when') !== undefined && <Text role="alert">{props.errors.get('when')}</Text>}
          <Conditions {...props} errors={withYears(props.errors)} />
        </>
      );
    },
  };
}

/** Year errors belong to whichever years control is shown. */
const withYears = (errors: ReadonlyMap<string, string>): ReadonlyMap<string, string> => {
  const m = errors.get('when.years');
  return m === undefined ? errors : new Map([...errors, ['when.yearsMode', m]]);
};

const PROGRAMS = [
  ['edp', 'EDP discount'],
  ['data-egress-waiver', 'Data egress waiver credits'],
  ['apn-partner-accelerator', 'APN Partner Accelerator credits'],
  ['solution-provider-program', 'Solution Provider Program credits'],
  ['other', 'Other credits'],
] as const;

export const FORMS: Readonly<Record<RuleId, RuleForm>> = {
  'no-billing-rules': noParams,
  'replace-ri-discount': purchasedBy('RIs'),
  'replace-sp-discount': purchasedBy('Savings Plans'),
  'retain-discounts': {
    keys: ['commitments', 'subsets', 'accounts'],
    fromParams: (p) => ({
      commitments: listOf(p.commitments),
      subsets: listOf(p.subsets).join(', '),
      accounts: listOf(p.accounts).join('\n'),
    }),
    toParams: (s) => ({
      commitments: [...strs(s, 'commitments')],
      subsets: splitLines(str(s, 'subsets')),
      accounts: splitList(str(s, 'accounts')),
    }),
    Fields: function Retain(props) {
      return (
        <>
          <ChecksField
            {...props}
            name="commitments"
            label="Discounts to retain"
            options={[
              ['ri', 'RI discounts'],
              ['sp', 'Savings Plan discounts'],
            ]}
          />
          <TextField
            {...props}
            name="subsets"
            label="Within subsets"
            hint="Subset names from Subset Workflows, separated by commas"
          />
          <AccountsField {...props} name="accounts" label="Within accounts" />
        </>
      );
    },
  },
  'remove-credits': {
    keys: ['programs', 'refunds'],
    fromParams: (p) => ({ programs: listOf(p.programs), refunds: p.refunds === true }),
    toParams: (s) => ({ programs: [...strs(s, 'programs')], refunds: bool(s, 'refunds') }),
    Fields: function Credits(props) {
      return (
        <>
          <ChecksField {...props} name="programs" label="Credit programs to keep as margin" options={PROGRAMS} />
          <SwitchField {...props} name="refunds" label="Remove refunds too" />
        </>
      );
    },
  },
  'remove-taxes': noParams,
  'ri-cost-sharing': costSharing,
  'sp-cost-sharing': costSharing,
  'remove-volume-discounts': {
    keys: ['mode'],
    fromParams: (p) => ({ mode: textOf(p.mode) }),
    toParams: (s) => ({ mode: str(s, 'mode') }),
    Fields: (props) => (
      <ChoiceField
        {...props}
        name="mode"
        label="Charge the first billable rate in place of"
        options={[
          ['top-rate-all-usage', 'Tiered volume rates, for all usage'],
          ['top-rate-free-usage', 'Free tier usage'],
          ['remove-ri-volume-discounts', 'RI volume discounts'],
        ]}
      />
    ),
  },
  uplift: percentRule(UPLIFT_MAX_PERCENT),
  discount: percentRule(DISCOUNT_MAX_PERCENT),
  'savings-fee': {
    keys: ['mode', 'percent', 'amount', 'per'],
    fromParams: (p) => ({
      mode: textOf(p.mode),
      percent: formatDecimal(p.percent),
      amount: formatDecimal(p.amount),
      per: textOf(p.per) || 'subset',
    }),
    toParams: (s) =>
      str(s, 'mode') === 'flat'
        ? { mode: 'flat', amount: parseDecimal(str(s, 'amount')), per: str(s, 'per') }
        : { mode: str(s, 'mode'), percent: parseDecimal(str(s, 'percent')) },
    Fields: function Fee(props) {
      const flat = str(props.state, 'mode') === 'flat';
      return (
        <>
          <ChoiceField
            {...props}
            name="mode"
            label="Fee"
            options={[
              ['percent-of-savings', 'A percent of the savings from RIs and Savings Plans'],
              ['flat', 'A flat monthly fee'],
            ]}
          />
          {flat ? (
            <>
              <NumberField
                {...props}
                name="amount"
                label="Amount"
                hint="In the currency of the billing data, greater than 0, at most 1000000, cents allowed"
              />
              <ChoiceField
                {...props}
                name="per"
                label="Per"
                options={[
                  ['subset', 'Subset'],
                  ['account', 'Account'],
                ]}
              />
            </>
          ) : (
            <PercentField {...props} max={100} />
          )}
        </>
      );
    },
  },
  custom: {
    keys: ['description'],
    fromParams: (p) => ({ description: textOf(p.description) }),
    toParams: (s) => ({ description: str(s, 'description') }),
    Fields: (props) => (
      <TextField
        {...props}
        name="description"
        label="Description"
        hint="What the rule should do; Spot configures it by hand"
        multiline
      />
    ),
  },
};

export type { FieldValue, FormState };
