/**
 * Generated line items written in each input dialect: column names and the value changes a real
 * export of that dialect makes (FOCUS has no negation rows: covered usage is billed 0 there;
 * CUR 2.0 carries `product` and `discount` maps). CUR 2.0 is written as with AWS's "manual
 * discount compatibility" on: discounts stay line items, and the map holds no EDP.
 */
import { athenaName, COLUMN_IDS, LINE_ITEM_COLUMNS, type ColumnId, type Dialect } from './columns';
import type { GeneratedRow } from './generator';

const CUR_COLUMNS = COLUMN_IDS.filter((c) => LINE_ITEM_COLUMNS[c].cur !== null);

const FOCUS_HEADER = [
  'BillingAccountId',
  'BillingPeriodStart',
  'SubAccountId',
  'ProviderName',
  'ChargeCategory',
  'ChargeFrequency',
  'ChargeDescription',
  'CommitmentDiscountId',
  'CommitmentDiscountType',
  'CommitmentDiscountStatus',
  'ServiceName',
  'x_ServiceCode',
  'x_UsageType',
  'x_Operation',
  'RegionId',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ConsumedQuantity',
  'ContractedUnitPrice',
  'ListUnitPrice',
  'BilledCost',
  'ListCost',
  'EffectiveCost',
  'PricingCategory',
  'SkuPriceId',
  'InvoiceIssuerName',
] as const;

/** The header of a dialect's file. */
export function dialectHeader(dialect: Dialect): string[] {
  switch (dialect) {
    case 'cur-csv':
      return CUR_COLUMNS.map((c) => LINE_ITEM_COLUMNS[c].cur!);
    case 'cur-athena':
      return CUR_COLUMNS.map((c) => athenaName(LINE_ITEM_COLUMNS[c].cur!));
    case 'cur2':
      return [
        ...CUR_COLUMNS.filter((c) => c !== 'region').map((c) => athenaName(LINE_ITEM_COLUMNS[c].cur!)),
        'product_region_code',
        'bill_payer_account_name',
        'line_item_usage_account_name',
        'product',
        'discount',
      ];
    case 'focus':
      return [...FOCUS_HEADER];
  }
}

const FOCUS_CATEGORY: Readonly<Record<string, string>> = {
  Usage: 'Usage',
  DiscountedUsage: 'Usage',
  SavingsPlanCoveredUsage: 'Usage',
  RIFee: 'Purchase',
  Fee: 'Purchase',
  SavingsPlanRecurringFee: 'Purchase',
  SavingsPlanUpfrontFee: 'Purchase',
  Tax: 'Tax',
  Refund: 'Adjustment',
};

const focusTime = (iso: string | undefined): string => (iso === undefined ? '' : iso.slice(0, 19).replace('T', ' '));

/** A row's values in the order of `dialectHeader(dialect)`, or null when the dialect has no such row. */
export function dialectValues(row: GeneratedRow, dialect: Dialect): string[] | null {
  const v = (c: ColumnId): string => row[c] ?? '';
  if (dialect === 'cur-csv' || dialect === 'cur-athena') return CUR_COLUMNS.map(v);
  if (dialect === 'cur2')
    return [
      ...CUR_COLUMNS.filter((c) => c !== 'region').map(v),
      v('region'),
      'Payer',
      `Account ${v('usageAccountId').slice(-4)}`,
      JSON.stringify({ region: v('region'), product_name: v('productCode') }),
      '{}',
    ];
  const type = v('lineItemType');
  if (type === 'SavingsPlanNegation') return null;
  const ri = v('reservationArn') !== '';
  const sp = v('savingsPlanArn') !== '';
  const covered = type === 'DiscountedUsage' || type === 'SavingsPlanCoveredUsage';
  const billed = type === 'SavingsPlanCoveredUsage' ? '0' : v('unblendedCost');
  const effective =
    type === 'DiscountedUsage'
      ? v('riEffectiveCost')
      : type === 'SavingsPlanCoveredUsage'
        ? v('spEffectiveCost')
        : billed;
  const focus: Record<(typeof FOCUS_HEADER)[number], string> = {
    BillingAccountId: v('payerAccountId'),
    BillingPeriodStart: focusTime(v('billingPeriodStart')),
    SubAccountId: v('usageAccountId'),
    ProviderName: 'AWS',
    ChargeCategory: FOCUS_CATEGORY[type] ?? 'Credit',
    ChargeFrequency:
      type === 'Fee' || type === 'SavingsPlanUpfrontFee'
        ? 'One-Time'
        : type === 'RIFee' || type === 'SavingsPlanRecurringFee'
          ? 'Recurring'
          : 'Usage-Based',
    ChargeDescription: v('description'),
    CommitmentDiscountId: ri ? v('reservationArn') : sp ? v('savingsPlanArn') : '',
    CommitmentDiscountType: ri ? 'Reserved Instance' : sp ? 'Savings Plan' : '',
    CommitmentDiscountStatus: covered ? 'Used' : '',
    ServiceName: v('productCode'),
    x_ServiceCode: v('productCode'),
    x_UsageType: v('usageType'),
    x_Operation: v('operation'),
    RegionId: v('region'),
    ChargePeriodStart: focusTime(row.usageStartDate),
    ChargePeriodEnd: focusTime(row.usageEndDate),
    ConsumedQuantity: v('usageAmount'),
    ContractedUnitPrice: v('unblendedRate'),
    ListUnitPrice: v('publicOnDemandRate'),
    BilledCost: billed,
    ListCost: row.publicOnDemandCost ?? billed,
    EffectiveCost: effective,
    PricingCategory: v('pricingTerm') === 'OnDemand' ? 'Standard' : v('pricingTerm') === 'Reserved' ? 'Committed' : '',
    SkuPriceId: v('rateCode'),
    InvoiceIssuerName: 'Amazon Web Services, Inc.',
  };
  return FOCUS_HEADER.map((h) => focus[h]);
}
