/**
 * The line-item model of the preview: the columns the billing rules read, each named once here
 * with its name in every input dialect. Readers map a dialect onto these ids; rules and the
 * runner only ever use the ids.
 *
 * Dialects: legacy CUR CSV (`lineItem/UnblendedCost`), legacy CUR Parquet with Athena
 * integration (`line_item_unblended_cost`, what Spot asks MSPs to set up), CUR 2.0 (snake case,
 * `product` and `discount` as maps) and FOCUS 1.x (`BilledCost`, `SubAccountId`, ...).
 */

export type ColumnKind =
  /** Text, dictionary-encoded per run: the batch holds codes. */
  | 'text'
  /** Money in exact units of 10^-10 (see money.ts). */
  | 'money'
  /** A plain number (rates, quantities): float64, NaN when blank. */
  | 'number'
  /** An instant, as milliseconds since 1970 UTC; NaN when blank. */
  | 'time';

export type Dialect = 'cur-csv' | 'cur-athena' | 'cur2' | 'focus';

export const DIALECTS: readonly Dialect[] = ['cur-csv', 'cur-athena', 'cur2', 'focus'];

export const DIALECT_TITLES: Record<Dialect, string> = {
  'cur-csv': 'legacy CUR (CSV column names)',
  'cur-athena': 'legacy CUR with Athena integration (Parquet column names)',
  cur2: 'CUR 2.0',
  focus: 'FOCUS 1.x',
};

/**
 * Where a column comes from in one dialect: a column name, a key of a map column (CUR 2.0
 * `product`), or nothing. FOCUS columns that need several source columns are derived in
 * dialects.ts.
 */
export type SourceName = string | { readonly map: string; readonly key: string } | null;

interface ColumnSpec {
  readonly kind: ColumnKind;
  /** Legacy CUR CSV header; the Athena/CUR 2.0 snake-case names follow from it unless given. */
  readonly cur: string | null;
  /** Legacy Athena name when it is not the mechanical snake case of `cur`. */
  readonly athena?: SourceName;
  /** CUR 2.0 name when it differs from the Athena one. */
  readonly cur2?: SourceName;
  readonly focus: SourceName;
  /** Other names accepted in the same dialect (first present wins), such as product/region. */
  readonly fallback?: { readonly cur: string; readonly focus?: string };
}

export const LINE_ITEM_COLUMNS = {
  // identity and keys
  payerAccountId: { kind: 'text', cur: 'bill/PayerAccountId', focus: 'BillingAccountId' },
  billingPeriodStart: { kind: 'text', cur: 'bill/BillingPeriodStartDate', focus: 'BillingPeriodStart' },
  billingEntity: { kind: 'text', cur: 'bill/BillingEntity', focus: 'InvoiceIssuerName' },
  provider: { kind: 'text', cur: null, athena: null, focus: 'ProviderName' },
  usageAccountId: { kind: 'text', cur: 'lineItem/UsageAccountId', focus: 'SubAccountId' },
  lineItemType: { kind: 'text', cur: 'lineItem/LineItemType', focus: null },
  description: { kind: 'text', cur: 'lineItem/LineItemDescription', focus: 'ChargeDescription' },
  productCode: {
    kind: 'text',
    cur: 'lineItem/ProductCode',
    focus: 'x_ServiceCode',
    fallback: { cur: 'lineItem/ProductCode', focus: 'ServiceName' },
  },
  usageType: { kind: 'text', cur: 'lineItem/UsageType', focus: 'x_UsageType' },
  operation: { kind: 'text', cur: 'lineItem/Operation', focus: 'x_Operation' },
  region: {
    kind: 'text',
    cur: 'product/regionCode',
    cur2: 'product_region_code',
    focus: 'RegionId',
    fallback: { cur: 'product/region' },
  },
  usageStartDate: { kind: 'time', cur: 'lineItem/UsageStartDate', focus: 'ChargePeriodStart' },
  usageEndDate: { kind: 'time', cur: 'lineItem/UsageEndDate', focus: 'ChargePeriodEnd' },
  // cost and quantity
  usageAmount: { kind: 'number', cur: 'lineItem/UsageAmount', focus: 'ConsumedQuantity' },
  unblendedRate: { kind: 'number', cur: 'lineItem/UnblendedRate', focus: 'ContractedUnitPrice' },
  unblendedCost: { kind: 'money', cur: 'lineItem/UnblendedCost', focus: 'BilledCost' },
  netUnblendedCost: { kind: 'money', cur: 'lineItem/NetUnblendedCost', focus: null },
  publicOnDemandRate: { kind: 'number', cur: 'pricing/publicOnDemandRate', focus: 'ListUnitPrice' },
  publicOnDemandCost: { kind: 'money', cur: 'pricing/publicOnDemandCost', focus: 'ListCost' },
  pricingTerm: { kind: 'text', cur: 'pricing/term', focus: 'PricingCategory' },
  rateCode: { kind: 'text', cur: 'pricing/RateCode', focus: 'SkuPriceId' },
  // Reserved Instances
  reservationArn: { kind: 'text', cur: 'reservation/ReservationARN', focus: null },
  riEffectiveCost: { kind: 'money', cur: 'reservation/EffectiveCost', focus: null },
  riAmortizedUpfrontCostForUsage: { kind: 'money', cur: 'reservation/AmortizedUpfrontCostForUsage', focus: null },
  riRecurringFeeForUsage: { kind: 'money', cur: 'reservation/RecurringFeeForUsage', focus: null },
  riUnusedAmortizedUpfrontFee: {
    kind: 'money',
    cur: 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
    focus: null,
  },
  riUnusedRecurringFee: { kind: 'money', cur: 'reservation/UnusedRecurringFee', focus: null },
  riAmortizedUpfrontFee: { kind: 'money', cur: 'reservation/AmortizedUpfrontFeeForBillingPeriod', focus: null },
  // Savings Plans
  savingsPlanArn: { kind: 'text', cur: 'savingsPlan/SavingsPlanARN', focus: null },
  spEffectiveCost: { kind: 'money', cur: 'savingsPlan/SavingsPlanEffectiveCost', focus: null },
  spTotalCommitmentToDate: { kind: 'money', cur: 'savingsPlan/TotalCommitmentToDate', focus: null },
  spUsedCommitment: { kind: 'money', cur: 'savingsPlan/UsedCommitment', focus: null },
  spAmortizedUpfrontCommitment: {
    kind: 'money',
    cur: 'savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod',
    focus: null,
  },
  spRecurringCommitment: { kind: 'money', cur: 'savingsPlan/RecurringCommitmentForBillingPeriod', focus: null },
  // CUR 2.0 keeps discounts in the `discount` map unless manual discount compatibility is on.
  edpDiscount: {
    kind: 'money',
    cur: null,
    athena: null,
    cur2: { map: 'discount', key: 'edp_discount' },
    focus: null,
  },
} as const satisfies Record<string, ColumnSpec>;

export type ColumnId = keyof typeof LINE_ITEM_COLUMNS;

/** The columns without which an input is no CUR for the preview. */
export const REQUIRED_COLUMNS: readonly ColumnId[] = ['usageAccountId', 'unblendedCost'];
type KindOf<K extends ColumnKind> = {
  [C in ColumnId]: (typeof LINE_ITEM_COLUMNS)[C]['kind'] extends K ? C : never;
}[ColumnId];
export type TextColumn = KindOf<'text'>;
export type MoneyColumn = KindOf<'money'>;
export type NumberColumn = KindOf<'number'>;
export type TimeColumn = KindOf<'time'>;

export const COLUMN_IDS = Object.keys(LINE_ITEM_COLUMNS) as ColumnId[];

export const kindOf = (column: ColumnId): ColumnKind => LINE_ITEM_COLUMNS[column].kind;

/** `lineItem/UnblendedCost` → `line_item_unblended_cost`, as the Athena integration names columns. */
export function athenaName(curName: string): string {
  return curName
    .replace(/\//g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])(?=[A-Z])/g, '$1_')
    .toLowerCase();
}

/** The names a column may have in a dialect, in order of preference. */
export function sourceNames(column: ColumnId, dialect: Dialect): NonNullable<SourceName>[] {
  const spec: ColumnSpec = LINE_ITEM_COLUMNS[column];
  const names: NonNullable<SourceName>[] = [];
  const add = (name: SourceName | undefined): void => {
    if (name !== undefined && name !== null) names.push(name);
  };
  switch (dialect) {
    case 'cur-csv':
      add(spec.cur);
      add(spec.fallback?.cur);
      break;
    case 'cur-athena':
      add(spec.athena !== undefined ? spec.athena : spec.cur === null ? null : athenaName(spec.cur));
      if (spec.fallback !== undefined) add(athenaName(spec.fallback.cur));
      break;
    case 'cur2': {
      const athena = spec.athena !== undefined ? spec.athena : spec.cur === null ? null : athenaName(spec.cur);
      add(spec.cur2 !== undefined ? spec.cur2 : athena);
      if (spec.cur2 !== undefined && athena !== null && spec.cur2 !== null) add(athena);
      if (spec.fallback !== undefined) add(athenaName(spec.fallback.cur));
      // CUR 2.0 moved most product attributes into the `product` map.
      if (column === 'region') add({ map: 'product', key: 'region' });
      break;
    }
    case 'focus':
      add(spec.focus);
      add(spec.fallback?.focus);
      break;
  }
  return names;
}

/**
 * Line item types as small integers, for the hot loops (one table lookup per row). Types the
 * catalog never names (Discount, PrivateRateDiscount, ...) are OTHER and left alone by every rule
 * but the percent rules' "charges" test.
 */
export const LINE_TYPE = {
  OTHER: 0,
  Usage: 1,
  DiscountedUsage: 2,
  RIFee: 3,
  Fee: 4,
  SavingsPlanCoveredUsage: 5,
  SavingsPlanNegation: 6,
  SavingsPlanRecurringFee: 7,
  SavingsPlanUpfrontFee: 8,
  Credit: 9,
  Refund: 10,
  Tax: 11,
  EdpDiscount: 12,
  SppDiscount: 13,
  BundledDiscount: 14,
  RiVolumeDiscount: 15,
  PrivateRateDiscount: 16,
  DistributorDiscount: 17,
  Discount: 18,
} as const;
export type LineType = (typeof LINE_TYPE)[keyof typeof LINE_TYPE];

export const lineTypeOf = (value: string): LineType =>
  (LINE_TYPE as Record<string, LineType | undefined>)[value] ?? LINE_TYPE.OTHER;

/** Charges for goods and services: what percent rules change (not taxes, credits, refunds or discounts). */
export const isCharge = (t: LineType): boolean =>
  t === LINE_TYPE.Usage ||
  t === LINE_TYPE.DiscountedUsage ||
  t === LINE_TYPE.RIFee ||
  t === LINE_TYPE.Fee ||
  t === LINE_TYPE.SavingsPlanCoveredUsage ||
  t === LINE_TYPE.SavingsPlanNegation ||
  t === LINE_TYPE.SavingsPlanRecurringFee ||
  t === LINE_TYPE.SavingsPlanUpfrontFee;
