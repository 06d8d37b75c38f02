/** Dialect detection and mapping onto the line-item model. */
import { Dictionaries } from '../../../src/core/preview/batch';
import { athenaName } from '../../../src/core/preview/columns';
import { detectDialect, parseInstant, planColumns, PreviewInputError } from '../../../src/core/preview/dialects';
import { startPreview } from '../../../src/core/preview/runner';
import { moneyOf, oneWorkflow, subset } from './helpers';

describe('detectDialect', () => {
  it('tells the four dialects apart by their header, and refuses anything else', () => {
    expect(detectDialect(['lineItem/UnblendedCost', 'lineItem/UsageAccountId'])).toBe('cur-csv');
    expect(detectDialect(['line_item_unblended_cost', 'line_item_usage_account_id'])).toBe('cur-athena');
    expect(detectDialect(['line_item_unblended_cost', 'product', 'discount'])).toBe('cur2');
    expect(detectDialect(['BilledCost', 'ChargeCategory', 'SubAccountId'])).toBe('focus');
    expect(detectDialect(['name', 'email'])).toBeNull();
  });
});

describe('athenaName', () => {
  it('names columns as the Athena integration does', () => {
    expect(athenaName('lineItem/UnblendedCost')).toBe('line_item_unblended_cost');
    expect(athenaName('reservation/ReservationARN')).toBe('reservation_reservation_a_r_n');
    expect(athenaName('savingsPlan/SavingsPlanARN')).toBe('savings_plan_savings_plan_a_r_n');
    expect(athenaName('pricing/publicOnDemandCost')).toBe('pricing_public_on_demand_cost');
  });
});

describe('parseInstant', () => {
  it('reads CUR and FOCUS instants as UTC', () => {
    expect(parseInstant('2024-09-18 22:00:00')).toBe(Date.UTC(2024, 8, 18, 22));
    expect(parseInstant('2023-11-01T00:00:00.000Z')).toBe(Date.UTC(2023, 10, 1));
    expect(parseInstant('')).toBeNaN();
  });
});

const plan = (header: string[], dictionaries = new Dictionaries()) =>
  planColumns({
    file: 'f.csv',
    header,
    wanted: [
      'usageAccountId',
      'unblendedCost',
      'lineItemType',
      'description',
      'region',
      'edpDiscount',
      'reservationArn',
      'savingsPlanArn',
      'pricingTerm',
      'spEffectiveCost',
    ],
    required: ['usageAccountId', 'unblendedCost'],
    dictionaries,
  });

describe('planColumns', () => {
  it('refuses a header without a required column, naming it in the dialect', () => {
    expect(() => plan(['lineItem/UnblendedCost'])).toThrow(PreviewInputError);
    expect(() => plan(['lineItem/UnblendedCost'])).toThrow(/f\.csv has no lineItem\/UsageAccountId column/);
    expect(() => plan(['a', 'b'])).toThrow(/f\.csv is not a Cost and Usage Report/);
  });

  it('falls back to product/region when product/regionCode is absent', () => {
    const p = plan(['lineItem/UnblendedCost', 'lineItem/UsageAccountId', 'product/region']);
    expect(p.present.has('region')).toBe(true);
    expect(p.sourceColumns).toContain('product/region');
  });

  it('FOCUS: line item types and commitment ARNs from several columns; zeros restored to account IDs', () => {
    const dictionaries = new Dictionaries();
    const p = plan(
      [
        'BilledCost',
        'ChargeCategory',
        'SubAccountId',
        'CommitmentDiscountStatus',
        'CommitmentDiscountType',
        'CommitmentDiscountId',
        'EffectiveCost',
        'PricingCategory',
        'RegionId',
      ],
      dictionaries,
    );
    const raw: Record<string, string[]> = {
      BilledCost: ['0', '5', '1', 'NULL'],
      ChargeCategory: ['Usage', 'Usage', 'Tax', 'Credit'],
      SubAccountId: ['51738928782', '51738928782', '51738928782', '51738928782'],
      CommitmentDiscountStatus: ['Used', 'NULL', 'NULL', 'NULL'],
      CommitmentDiscountType: ['Savings Plan', 'NULL', 'NULL', 'NULL'],
      CommitmentDiscountId: ['arn:aws:savingsplans::123456789012:savingsplan/x', 'NULL', 'NULL', 'NULL'],
      EffectiveCost: ['3', '5', '1', '0'],
      PricingCategory: ['Committed', 'Standard', 'NULL', 'NULL'],
      RegionId: ['us-east-1', 'us-east-1', 'NULL', 'NULL'],
    };
    const batch = p.build((name) => raw[name], 4, 2);
    const text = (column: 'lineItemType' | 'savingsPlanArn' | 'usageAccountId' | 'pricingTerm') =>
      [...batch.text[column]!].map((code) => dictionaries.values(column)[code]);
    expect(text('lineItemType')).toEqual(['SavingsPlanCoveredUsage', 'Usage', 'Tax', 'Credit']);
    expect(text('savingsPlanArn')).toEqual(['arn:aws:savingsplans::123456789012:savingsplan/x', '', '', '']);
    expect(text('usageAccountId')).toEqual(Array(4).fill('051738928782'));
    expect(text('pricingTerm')).toEqual(['Reserved', 'OnDemand', '', '']);
    expect([...batch.money.unblendedCost!]).toEqual([0, 5e10, 1e10, 0]);
    expect(batch.text.reservationArn).toBeDefined();
  });

  it('CUR 2.0: region from the product map, EDP from the discount map (said, not double counted)', () => {
    const dictionaries = new Dictionaries();
    const p = plan(
      [
        'line_item_unblended_cost',
        'line_item_usage_account_id',
        'line_item_line_item_type',
        'product',
        'discount',
        'line_item_line_item_description',
      ],
      dictionaries,
    );
    const raw: Record<string, string[]> = {
      line_item_unblended_cost: ['100', '50'],
      line_item_usage_account_id: ['111111111111', '111111111111'],
      line_item_line_item_type: ['Usage', 'Usage'],
      line_item_line_item_description: ['a', 'b'],
      product: ['{"region": "eu-west-1"}', '{"region": "us-east-1"}'],
      discount: ['{"edp_discount": -3}', '{}'],
    };
    const batch = p.build((name) => raw[name], 2, 2);
    expect([...batch.text.region!].map((c) => dictionaries.values('region')[c])).toEqual(['eu-west-1', 'us-east-1']);
    const run = startPreview({
      enrollment: oneWorkflow([{ rule: 'remove-credits', parameters: { programs: ['edp'], refunds: false } }]),
      dialect: 'cur2',
      columns: p.present,
      dictionaries,
    });
    expect(run.push(batch)).toBeNull();
    const result = run.finish();
    expect(result.workflows[0]!.steps[0]!.exactness).toBe('approximate'); // computed, not skipped
    expect(subset(result).final).toBe(moneyOf('150'));
    expect(result.notes.find((n) => n.code === 'cur2-discount-map')?.message).toMatch(/discount map \(-3\.00\)/);
  });

  it('a cost that is not a number stops the run, naming file, column and row', () => {
    const p = plan(['lineItem/UnblendedCost', 'lineItem/UsageAccountId']);
    expect(() => p.build((name) => (name === 'lineItem/UnblendedCost' ? ['1', 'n/a'] : ['1', '1']), 2, 2)).toThrow(
      'f.csv, row 3: lineItem/UnblendedCost holds "n/a", which is not a number',
    );
  });
});
