/**
 * A seeded generator of realistic CUR line items, for tests and benchmarks: every line item type
 * (Usage with free-tier and tiered rows, DiscountedUsage with RIFee and the RI's up-front Fee,
 * SavingsPlanCoveredUsage with its Negation, RecurringFee and UpfrontFee, Credit per program,
 * Refund, Tax, EdpDiscount, BundledDiscount, RiVolumeDiscount), commitments owned by accounts of
 * other subsets, hourly. Same seed, same CUR. Money is generated in exact units, so a ledger of
 * the true total comes with it. Writers per dialect are in `cur-dialect-rows.ts`.
 */
import type { ColumnId } from './columns';
import { formatMoney, MONEY_DECIMALS, type Money } from './money';

export interface GeneratorOptions {
  readonly seed: number;
  readonly rows: number;
  /** "YYYY-MM". */
  readonly month: string;
  readonly payer: string;
  /** Usage accounts; commitments are bought by some of them (and by the payer). */
  readonly accounts: readonly string[];
}

/** One generated line item: model columns as CUR text (money with up to 10 decimals). */
export type GeneratedRow = Partial<Record<ColumnId, string>>;

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  { code: 'AmazonEC2', usage: 'BoxUsage:m5.large', op: 'RunInstances', rate: 0.096 },
  { code: 'AmazonRDS', usage: 'InstanceUsage:db.r5.large', op: 'CreateDBInstance', rate: 0.25 },
  { code: 'AmazonS3', usage: 'TimedStorage-ByteHrs', op: 'StandardStorage', rate: 0.023 },
  { code: 'AWSLambda', usage: 'Request', op: 'Invoke', rate: 0.0000002 },
  { code: 'AmazonSQS', usage: 'Requests-Tier1', op: 'SendMessage', rate: 0.0000004 },
  { code: 'AmazonCloudFront', usage: 'DataTransfer-Out-Bytes', op: 'GET', rate: 0.085 },
] as const;
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'global',
] as const;
const CREDITS = [
  'AWS Credit - Enterprise Discount Program (EDP)',
  'Data transfer out egress waiver credit',
  'APN Partner Accelerator funding credit',
  'Solution Provider Program (SPP) credit',
  'AWS Promotional Credit - Activate',
] as const;

/** Units as a CUR decimal: "12.3400000001", trailing zeros dropped. */
export function unitsText(units: number): string {
  if (!Number.isSafeInteger(units)) return formatMoney(BigInt(units), MONEY_DECIMALS).replace(/\.?0+$/, '');
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 1e10);
  const frac = abs - whole * 1e10;
  const sign = units < 0 ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(MONEY_DECIMALS, '0').replace(/0+$/, '')}`;
}

/** The line items, and the exact sum of their unblended cost once the iteration ends. */
export function generateCur(options: GeneratorOptions): { rows: Iterable<GeneratedRow>; total(): Money } {
  let total = 0n;
  let lo = 0;
  const rows = (function* (): Generator<GeneratedRow> {
    const rand = prng(options.seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const [year, month] = options.month.split('-').map(Number) as [number, number];
    const start = Date.UTC(year, month - 1, 1);
    const next = Date.UTC(year, month, 1);
    const hours = Math.round((next - start) / 3_600_000);
    const period = new Date(start).toISOString();
    const owners = [options.payer, ...options.accounts.filter((_, i) => i % 3 === 0)];
    const ris = Array.from({ length: 8 }, (_, i) => {
      const owner = owners[i % owners.length]!;
      return `arn:aws:ec2:us-east-1:${owner}:reserved-instances/${(0x1000 + i).toString(16)}-ri`;
    });
    const sps = Array.from({ length: 4 }, (_, i) => {
      const owner = owners[(i + 1) % owners.length]!;
      return `arn:aws:savingsplans::${owner}:savingsplan/${(0x2000 + i).toString(16)}-sp`;
    });
    const ownerOf = (arn: string): string => arn.split(':')[4]!;
    // Units as integers: money is exact; 10^10 units per currency unit.
    const u = (amount: number): number => Math.round(amount * 1e10);
    const emit = (row: GeneratedRow, cost: number): GeneratedRow => {
      lo += cost;
      if (lo > 2 ** 52 || lo < -(2 ** 52)) {
        total += BigInt(lo);
        lo = 0;
      }
      row.unblendedCost = unitsText(cost);
      return row;
    };
    // One ISO text per hour of the month (hours + 1 instants), not one Date per row.
    const instants = Array.from({ length: hours + 1 }, (_, h) => new Date(start + h * 3_600_000).toISOString());
    const common = (account: string, hour: number): GeneratedRow => {
      const s = instants[hour]!;
      const e = instants[hour + 1]!;
      return {
        payerAccountId: options.payer,
        billingPeriodStart: period,
        billingEntity: 'AWS',
        usageAccountId: account,
        usageStartDate: s,
        usageEndDate: e,
      };
    };
    for (let i = 0; i < options.rows; i++) {
      const account = pick(options.accounts);
      const hour = Math.floor(rand() * hours);
      const svc = pick(SERVICES);
      const region = svc.code === 'AmazonCloudFront' ? 'global' : pick(REGIONS.slice(0, 6));
      const row = common(account, hour);
      row.productCode = svc.code;
      row.usageType = svc.usage;
      row.operation = svc.op;
      row.region = region;
      const roll = rand();
      const amount = Math.round(rand() * 1000 * 1000) / 1000;
      const od = u(amount * svc.rate);
      if (roll < 0.6) {
        // On-demand usage: a tenth free tier, a tenth at a lower volume tier.
        const kind = rand();
        const rate = kind < 0.1 ? 0 : kind < 0.2 ? svc.rate * 0.8 : svc.rate;
        const cost = kind < 0.1 ? 0 : kind < 0.2 ? u(amount * rate) : od;
        Object.assign(row, {
          lineItemType: 'Usage',
          description: kind < 0.1 ? `${svc.usage} under the monthly free tier` : `$${rate} per unit of ${svc.usage}`,
          usageAmount: String(amount),
          unblendedRate: String(rate),
          publicOnDemandRate: String(svc.rate),
          publicOnDemandCost: unitsText(od),
          pricingTerm: 'OnDemand',
          rateCode: `${svc.code}.${kind < 0.1 ? 'free' : kind < 0.2 ? 'tier2' : 'tier1'}`,
        });
        yield emit(row, cost);
      } else if (roll < 0.72) {
        // RI-covered usage: billed 0, its effective cost split into amortized up-front and recurring.
        const arn = pick(ris);
        const eff = Math.round(od * 0.6);
        const upfront = Math.round(eff * 0.4);
        Object.assign(row, {
          lineItemType: 'DiscountedUsage',
          description: `USD 0.0 hourly fee per ${svc.usage} (Reserved Instance)`,
          usageAmount: String(amount),
          unblendedRate: '0',
          publicOnDemandRate: String(svc.rate),
          publicOnDemandCost: unitsText(od),
          pricingTerm: 'Reserved',
          reservationArn: arn,
          riEffectiveCost: unitsText(eff),
          riAmortizedUpfrontCostForUsage: unitsText(upfront),
          riRecurringFeeForUsage: unitsText(eff - upfront),
        });
        yield emit(row, 0);
      } else if (roll < 0.86) {
        // Savings Plan covered usage at on-demand, then its negation.
        const arn = pick(sps);
        const eff = Math.round(od * 0.72);
        Object.assign(row, {
          lineItemType: 'SavingsPlanCoveredUsage',
          description: `${svc.usage} covered by Savings Plan`,
          usageAmount: String(amount),
          unblendedRate: String(svc.rate),
          publicOnDemandRate: String(svc.rate),
          publicOnDemandCost: unitsText(od),
          pricingTerm: 'OnDemand',
          savingsPlanArn: arn,
          spEffectiveCost: unitsText(eff),
        });
        yield emit(row, od);
        i++;
        if (i >= options.rows) break;
        const negation = common(account, hour);
        Object.assign(negation, {
          productCode: svc.code,
          usageType: svc.usage,
          operation: svc.op,
          region,
          lineItemType: 'SavingsPlanNegation',
          description: `SavingsPlanNegation used by AccountId : ${account} and UsageSku : ${svc.usage}`,
          savingsPlanArn: arn,
          publicOnDemandCost: '0',
        });
        yield emit(negation, -od);
      } else if (roll < 0.87) {
        // The commitments' own fees, billed to their owners.
        const which = rand();
        if (which < 0.45) {
          const arn = pick(ris);
          const fee = u(50 + rand() * 50);
          Object.assign(row, {
            usageAccountId: ownerOf(arn),
            productCode: 'AmazonEC2',
            lineItemType: 'RIFee',
            description: 'Reserved Instance recurring fee',
            reservationArn: arn,
            riUnusedRecurringFee: unitsText(Math.round(fee * 0.1)),
            riUnusedAmortizedUpfrontFee: unitsText(Math.round(fee * 0.05)),
            riAmortizedUpfrontFee: unitsText(Math.round(fee * 0.5)),
          });
          yield emit(row, fee);
        } else if (which < 0.5) {
          const arn = pick(ris);
          Object.assign(row, {
            usageAccountId: ownerOf(arn),
            productCode: 'AmazonEC2',
            lineItemType: 'Fee',
            description: 'Sign up charge for subscription: Reserved Instance up-front',
            reservationArn: arn,
          });
          yield emit(row, u(500 + rand() * 500));
        } else if (which < 0.95) {
          const arn = pick(sps);
          const recurring = u(20 + rand() * 20);
          const upfront = Math.round(recurring * 0.5);
          const totalCommitment = recurring + upfront;
          Object.assign(row, {
            usageAccountId: ownerOf(arn),
            productCode: 'ComputeSavingsPlans',
            lineItemType: 'SavingsPlanRecurringFee',
            description: 'Savings Plan recurring fee',
            savingsPlanArn: arn,
            spTotalCommitmentToDate: unitsText(totalCommitment),
            spUsedCommitment: unitsText(Math.round(totalCommitment * 0.9)),
            spRecurringCommitment: unitsText(recurring),
            spAmortizedUpfrontCommitment: unitsText(upfront),
          });
          yield emit(row, recurring);
        } else {
          const arn = pick(sps);
          Object.assign(row, {
            usageAccountId: ownerOf(arn),
            productCode: 'ComputeSavingsPlans',
            lineItemType: 'SavingsPlanUpfrontFee',
            description: 'Savings Plan up-front fee',
            savingsPlanArn: arn,
          });
          yield emit(row, u(1000 + rand() * 1000));
        }
      } else {
        // Credits, refunds, taxes and discounts.
        const which = rand();
        const type =
          which < 0.25
            ? 'Credit'
            : which < 0.3
              ? 'Refund'
              : which < 0.6
                ? 'Tax'
                : which < 0.8
                  ? 'EdpDiscount'
                  : which < 0.9
                    ? 'BundledDiscount'
                    : which < 0.95
                      ? 'RiVolumeDiscount'
                      : 'SppDiscount';
        const amount2 = u(rand() * 20);
        const descriptions: Record<string, string> = {
          Credit: pick(CREDITS),
          Refund: 'Refund for service credit request',
          Tax: `Tax for product code ${svc.code}`,
          EdpDiscount: 'Enterprise Program Discount',
          BundledDiscount: 'Free data transfer with CloudFront bundle',
          RiVolumeDiscount: 'RI volume discount tier 1',
          SppDiscount: 'Solution Provider Program Discount',
        };
        Object.assign(row, { lineItemType: type, description: descriptions[type] });
        yield emit(row, type === 'Tax' ? amount2 : -amount2);
      }
    }
  })();
  return { rows, total: () => total + BigInt(lo) };
}
