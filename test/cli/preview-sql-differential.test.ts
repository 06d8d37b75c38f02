/**
 * The two engines agree (issue 14): random workflows drawn from the whole catalog, on random
 * generated CURs in every CUR dialect and file kind, through the JavaScript engine and through
 * the DuckDB query the compiler writes; equal to the unit (10^-10) per subset, account, service
 * and step. Bounded: a few dozen runs on a few hundred rows each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Enrollment } from '../../src/core/enrollment';
import type { Dialect } from '../../src/core/preview/columns';
import { generateCur, type GeneratedRow, type GeneratorOptions } from '../../src/core/preview/generator';
import { moneyOf } from '../../src/core/preview/money';
import type { PreviewResult } from '../../src/core/preview/runner';
import { runPreview } from '../../src/core/preview/source';
import { RULES } from '../../src/core/rules';
import { writeCurCsv, writeCurParquet } from '../../src/cli/cur-write';
import { openCurFile } from '../../src/cli/preview-read';
import { runDuckDbPreview } from '../../src/cli/preview-sql';
import { enrollmentOf } from '../core/preview/helpers';
import { ROOT, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PAYER = '004217869350';
const ACCOUNTS = ['018273645091', '274615093862', '385920174638', '628104957362', '840197362514', '531862940173'];
const SUBSETS = ['Alpha', 'Beta', 'Gamma'];

const accountsArb = fc.subarray([...ACCOUNTS, PAYER], { minLength: 1, maxLength: 3 });
const percentArb = (max: number) => fc.integer({ min: 1, max: max * 100 }).map((n) => n / 100);
const whenArb = fc
  .record(
    {
      services: fc.subarray(['AmazonEC2', 'AmazonRDS', 'AmazonS3', 'AWSLambda'], { minLength: 1 }),
      regions: fc.subarray(['us-east-1', 'us-east-*', 'eu-*', 'ap-southeast-2'], { minLength: 1 }),
      accounts: fc.subarray(ACCOUNTS, { minLength: 1, maxLength: 2 }),
      daysOfWeek: fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], { minLength: 1, maxLength: 3 }),
      months: fc.subarray([1, 3, 6, 7, 12], { minLength: 1 }),
      years: fc.constantFrom('odd', 'even', [2025], [2024, 2026]),
    },
    { requiredKeys: [] },
  )
  // One or two conditions: more would rarely match a row of a small CUR.
  .filter((w) => Object.keys(w).length > 0 && Object.keys(w).length <= 2);
const basisArb = fc.constantFrom('effective', 'amortized-upfront', 'recurring');

/** Parameters for every rule of the catalog; the test fails when a rule is added without one. */
const PARAMS: Record<string, fc.Arbitrary<unknown>> = {
  'no-billing-rules': fc.constant({}),
  'replace-ri-discount': fc.record({ purchasedBy: fc.oneof(fc.constant('any'), accountsArb) }),
  'replace-sp-discount': fc.record({ purchasedBy: fc.oneof(fc.constant('any'), accountsArb) }),
  'retain-discounts': fc.record({
    commitments: fc.subarray(['ri', 'sp'], { minLength: 1 }),
    subsets: fc.subarray(SUBSETS, { minLength: 1 }),
    accounts: fc.subarray(ACCOUNTS, { maxLength: 2 }),
  }),
  'remove-credits': fc.record({
    programs: fc.subarray(
      ['edp', 'data-egress-waiver', 'apn-partner-accelerator', 'solution-provider-program', 'other'],
      {
        minLength: 1,
      },
    ),
    refunds: fc.boolean(),
  }),
  'remove-taxes': fc.constant({}),
  'ri-cost-sharing': fc.record({ basis: basisArb }),
  'sp-cost-sharing': fc.record({ basis: basisArb }),
  'remove-volume-discounts': fc.record({
    mode: fc.constantFrom('top-rate-all-usage', 'top-rate-free-usage', 'remove-ri-volume-discounts'),
  }),
  uplift: fc.record({ percent: percentArb(40), when: whenArb }, { requiredKeys: ['percent'] }),
  discount: fc.record({ percent: percentArb(60), when: whenArb }, { requiredKeys: ['percent'] }),
  'savings-fee': fc.oneof(
    fc.record({ mode: fc.constant('percent-of-savings'), percent: percentArb(30) }),
    fc.record({
      mode: fc.constant('flat'),
      amount: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100),
      per: fc.constantFrom('subset', 'account'),
    }),
  ),
  custom: fc.constant({ description: 'Charge support by usage' }),
};

const stepArb = fc
  .constantFrom(...RULES.map((r) => r.id))
  .chain((rule) => PARAMS[rule]!.map((parameters) => ({ rule, parameters })));

const enrollmentArb = fc
  .record({
    workflows: fc.array(fc.array(stepArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    // Per account: a subset index, or -1 (not enrolled).
    placement: fc.array(fc.integer({ min: -1, max: SUBSETS.length - 1 }), {
      minLength: ACCOUNTS.length + 1,
      maxLength: ACCOUNTS.length + 1,
    }),
    subsetWorkflow: fc.array(fc.nat(2), { minLength: SUBSETS.length, maxLength: SUBSETS.length }),
  })
  .map(({ workflows, placement, subsetWorkflow }): Enrollment => {
    const all = [...ACCOUNTS, PAYER];
    return enrollmentOf(
      SUBSETS.map((name, i) => ({
        name,
        workflow: `W${subsetWorkflow[i]! % workflows.length}`,
        accounts: all.filter((_, a) => placement[a] === i),
      })),
      Object.fromEntries(workflows.map((steps, w) => [`W${w}`, steps])),
    );
  });

type Kind = 'csv' | 'csv.gz' | 'parquet';
const FILE_KINDS: readonly [Dialect, Kind][] = [
  ['cur-csv', 'csv'],
  ['cur-csv', 'csv.gz'],
  ['cur-athena', 'parquet'],
  ['cur2', 'csv'],
  ['cur2', 'parquet'],
  ['focus', 'csv'],
];

let files = 0;
async function writeCur(seed: number, rows: number, dialect: Dialect, kind: Kind): Promise<string> {
  const options: GeneratorOptions = { seed, rows, month: '2025-07', payer: PAYER, accounts: ACCOUNTS };
  const path = tmp.path(`cur-${files++}.${kind}`);
  const generated = generateCur(options);
  if (kind === 'parquet') writeCurParquet(path, dialect as 'cur-athena' | 'cur2', generated.rows, 200);
  else await writeCurCsv(path, dialect, generated.rows, kind === 'csv.gz');
  return path;
}

async function jsPreview(enrollment: Enrollment, path: string): Promise<PreviewResult> {
  const outcome = await runPreview({ enrollment, files: [path], open: openCurFile, options: {} });
  if (!outcome.ok) throw new Error(outcome.note.message);
  return outcome.result;
}

/** What must agree, money as exact unit strings. */
function figures(result: PreviewResult) {
  return {
    month: result.month,
    payer: result.payer,
    total: [result.total.before, result.total.final].map(String),
    workflows: result.workflows,
    subsets: result.subsets.map((s) => ({
      subset: s.subset,
      before: String(s.before),
      after: s.after.map(String),
      lines: s.lines.map((l) => `${l.accountId} ${l.service}: ${[l.before, ...l.after].join(' ')}`),
      accounts: s.accounts.map((a) => `${a.accountId}: ${[a.before, ...a.after].join(' ')}`),
    })),
    notEnrolled: result.notEnrolled.accounts.map((a) => `${a.accountId}: ${a.before}`),
    accountsNotInCur: result.accountsNotInCur,
    rows: result.rows,
    // Every note, the data-dependent ones too, in any order (the engines find them at different times).
    notes: result.notes.map((n) => `${n.code}: ${n.message}`).sort(),
  };
}

async function bothAgree(enrollment: Enrollment, path: string): Promise<PreviewResult> {
  const js = await jsPreview(enrollment, path);
  const sql = await runDuckDbPreview(enrollment, [path], {});
  if (!sql.ok) throw new Error(sql.message);
  expect(figures(sql.result)).toEqual(figures(js));
  return js;
}

/** The rules whose step changed some subset's charge in this result (agreement on no change proves little). */
function rulesThatChanged(result: PreviewResult): string[] {
  const changed: string[] = [];
  for (const s of result.subsets) {
    const steps = result.workflows.find((w) => w.name === s.workflow)?.steps ?? [];
    const stages = [s.before, ...s.after];
    steps.forEach((step, k) => {
      if (stages[k + 1] !== stages[k]) changed.push(step.rule);
    });
  }
  return changed;
}

/** Rules that never change a charge. */
const IDENTITY_RULES = ['no-billing-rules', 'custom'];

describe('the JavaScript engine and DuckDB agree to the unit', () => {
  it('on random workflows of the whole catalog, random generated CURs, every CUR dialect', async () => {
    const changed = new Set<string>();
    const noted = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        enrollmentArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...FILE_KINDS),
        async (enrollment, seed, [dialect, kind]) => {
          const js = await bothAgree(enrollment, await writeCur(seed, 400, dialect, kind));
          for (const rule of rulesThatChanged(js)) changed.add(rule);
          for (const n of js.notes) noted.add(n.code);
        },
      ),
      { numRuns: 30, seed: 14 },
    );
    // Every rule of the catalog that can change a charge did so in some run.
    expect([...changed].sort()).toEqual(
      RULES.map((r) => r.id)
        .filter((id) => !IDENTITY_RULES.includes(id))
        .sort(),
    );
    // The notes that depend on the data came up, so their agreement was tested.
    expect([...noted]).toContain('credits-unclassified');
  }, 120_000);

  it('on a month of hourly data with every rule in one workflow each (larger file)', async () => {
    const steps = RULES.filter((r) => r.id !== 'no-billing-rules').map((r) => ({
      rule: r.id,
      parameters: r.id === 'savings-fee' ? { mode: 'percent-of-savings', percent: 15 } : r.example,
    }));
    const enrollment = enrollmentOf(
      [
        { name: 'Alpha', workflow: 'All', accounts: ACCOUNTS.slice(0, 3) },
        { name: 'Beta', workflow: 'None', accounts: ACCOUNTS.slice(3, 5) },
      ],
      { All: steps, None: [{ rule: 'no-billing-rules', parameters: {} }] },
    );
    const js = await bothAgree(enrollment, await writeCur(7, 5000, 'cur-athena', 'parquet'));
    expect(js.subsets[0]!.final).not.toBe(js.subsets[0]!.before);
  }, 60_000);

  it('on ARNs whose account field lost its leading zeros or is no account (purchaser tests without a pattern)', async () => {
    const generated = generateCur({ seed: 3, rows: 3000, month: '2025-07', payer: PAYER, accounts: ACCOUNTS });
    let n = 0;
    // Every third ARN keeps its field, every third loses the leading zeros, every third is no account.
    const rewrite = (arn: string): string => {
      const parts = arn.split(':');
      const k = n++ % 3;
      parts[4] = k === 0 ? parts[4]! : k === 1 ? parts[4]!.replace(/^0+/, '') : `x${parts[4]!}`;
      return parts.join(':');
    };
    const rows: GeneratedRow[] = [...generated.rows].map((r) => {
      const out = { ...r };
      if (out.reservationArn) out.reservationArn = rewrite(out.reservationArn);
      if (out.savingsPlanArn) out.savingsPlanArn = rewrite(out.savingsPlanArn);
      return out;
    });
    expect(rows.some((r) => r.savingsPlanArn?.includes(`::${PAYER.replace(/^0+/, '')}:`))).toBe(true);
    const path = tmp.path('stripped-arns.parquet');
    writeCurParquet(path, 'cur-athena', rows, 500);
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'Own', accounts: ACCOUNTS }], {
      Own: [
        { rule: 'replace-ri-discount', parameters: { purchasedBy: [PAYER, ACCOUNTS[0]!] } },
        { rule: 'replace-sp-discount', parameters: { purchasedBy: [PAYER] } },
      ],
    });
    const js = await bothAgree(enrollment, path);
    expect(js.subsets[0]!.after[0]).not.toBe(js.subsets[0]!.before);
    expect(js.subsets[0]!.after[1]).not.toBe(js.subsets[0]!.after[0]);
  }, 60_000);

  it('on a CUR 2.0 whose discount map holds the EDP: both engines say so, with its amount, and compute the step', async () => {
    // By hand: two EC2 rows of account ACCOUNTS[0], 100.00 and 50.00 unblended, the first with an
    // EDP of -3.00 in its discount map (CUR 2.0 without "manual discount compatibility"), and a
    // 2.50 credit whose description names no program.
    const header = [
      'bill_payer_account_id',
      'bill_billing_period_start_date',
      'line_item_usage_account_id',
      'line_item_line_item_type',
      'line_item_line_item_description',
      'line_item_product_code',
      'line_item_unblended_cost',
      'discount',
    ];
    const row = (type: string, description: string, cost: string, discount: string) =>
      [PAYER, '2025-07-01T00:00:00Z', ACCOUNTS[0]!, type, description, 'AmazonEC2', cost, discount]
        .map((v) => `"${v.replace(/"/g, '""')}"`)
        .join(',');
    const path = tmp.path('cur2-edp-map.csv');
    writeFileSync(
      path,
      [
        header.join(','),
        row('Usage', 'a', '100', '{"edp_discount": -3}'),
        row('Usage', 'b', '50', '{}'),
        row('Credit', 'Goodwill credit', '-2.5', '{}'),
      ].join('\n') + '\n',
    );
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'Own', accounts: [ACCOUNTS[0]!] }], {
      Own: [{ rule: 'remove-credits', parameters: { programs: ['edp', 'other'], refunds: false } }],
    });
    const js = await bothAgree(enrollment, path);
    // The unclassified credit counts as "other" and is removed; the map's EDP is outside the charge.
    expect(js.subsets[0]!.before).toBe(moneyOf('147.5'));
    expect(js.subsets[0]!.after[0]).toBe(moneyOf('150'));
    expect(js.workflows[0]!.steps[0]!.exactness).toBe('approximate');
    expect(js.notes.find((n) => n.code === 'cur2-discount-map')?.message).toMatch(/discount map \(-3\.00\)/);
    expect(js.notes.some((n) => n.code === 'column-missing')).toBe(false);
    // Without "edp" among the programs the map is not read and nothing is said of it.
    const other = enrollmentOf([{ name: 'Alpha', workflow: 'Own', accounts: [ACCOUNTS[0]!] }], {
      Own: [{ rule: 'remove-credits', parameters: { programs: ['other'], refunds: false } }],
    });
    expect((await bothAgree(other, path)).notes.some((n) => n.code === 'cur2-discount-map')).toBe(false);
  }, 60_000);

  it('on flat fees per subset and per account (one fee line per subset, one per account)', async () => {
    const enrollment = enrollmentOf(
      [
        { name: 'Alpha', workflow: 'PerSubset', accounts: ACCOUNTS.slice(0, 3) },
        { name: 'Beta', workflow: 'PerAccount', accounts: ACCOUNTS.slice(3, 6) },
      ],
      {
        PerSubset: [{ rule: 'savings-fee', parameters: { mode: 'flat', amount: 99.5, per: 'subset' } }],
        PerAccount: [{ rule: 'savings-fee', parameters: { mode: 'flat', amount: 10, per: 'account' } }],
      },
    );
    const js = await bothAgree(enrollment, await writeCur(11, 1500, 'cur-athena', 'parquet'));
    const [alpha, beta] = js.subsets;
    // 99.50 once for Alpha's three accounts; 10.00 for each of Beta's.
    expect(alpha!.after[0]! - alpha!.before).toBe(995_000_000_000n);
    expect(beta!.after[0]! - beta!.before).toBe(3n * 100_000_000_000n);
  }, 60_000);

  it('on CSV costs past ten decimals; past 10^8 DuckDB stays exact to the unit', async () => {
    const generated = [
      ...generateCur({ seed: 12, rows: 600, month: '2025-07', payer: PAYER, accounts: ACCOUNTS }).rows,
    ];
    const write = async (name: string, costs: readonly string[]): Promise<{ path: string; ledger: bigint }> => {
      const rows: GeneratedRow[] = generated.map((r, i) =>
        i % 7 === 0 ? { ...r, unblendedCost: costs[(i / 7) % costs.length]! } : r,
      );
      const path = tmp.path(name);
      await writeCurCsv(path, 'cur-csv', rows, false);
      return { path, ledger: rows.reduce((sum, r) => sum + moneyOf(r.unblendedCost ?? '0'), 0n) };
    };
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'Up', accounts: ACCOUNTS }], {
      Up: [{ rule: 'uplift', parameters: { percent: 3 } }],
    });
    // Within the JavaScript engine's exact range (2^53 units a line): both engines, equal.
    const small = await write('long-decimals.csv', [
      '12345.123456789012',
      '-99999.99999999995',
      '0.00000000005',
      '-0.00000000015',
    ]);
    expect((await bothAgree(enrollment, small.path)).total.before).toBe(small.ledger);
    // Past 10^8 a line (DECIMAL(38, 10), not 18): DuckDB's before total is the exact ledger.
    const large = await write('wide-costs.csv', ['123456789.123456789012', '-99999999.99999999995', '100000000']);
    const sql = await runDuckDbPreview(enrollment, [large.path], {});
    if (!sql.ok) throw new Error(sql.message);
    expect(sql.result.total.before).toBe(large.ledger);
  }, 60_000);

  it('on rows whose weekday is not known (monthly rows, no start): the same note and count', async () => {
    const generated = generateCur({ seed: 9, rows: 2000, month: '2025-07', payer: PAYER, accounts: ACCOUNTS });
    // Every fifth row spans the month, every seventh has no start: their weekday is unknown.
    const rows: GeneratedRow[] = [...generated.rows].map((r, i) => {
      const out = { ...r };
      if (i % 5 === 0) {
        out.usageStartDate = '2025-07-01T00:00:00Z';
        out.usageEndDate = '2025-08-01T00:00:00Z';
      } else if (i % 7 === 0) out.usageStartDate = '';
      return out;
    });
    const path = tmp.path('monthly-rows.parquet');
    writeCurParquet(path, 'cur2', rows, 500);
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'Tuesdays', accounts: ACCOUNTS }], {
      Tuesdays: [
        { rule: 'discount', parameters: { percent: 5, when: { daysOfWeek: ['tue'], services: ['AmazonEC2'] } } },
        { rule: 'uplift', parameters: { percent: 3, when: { months: [7] } } },
      ],
    });
    const js = await bothAgree(enrollment, path);
    const undecided = js.notes.filter((n) => n.code === 'weekday-needs-granularity');
    expect(undecided.map((n) => n.message)).toEqual([
      expect.stringMatching(/discount/),
      expect.stringMatching(/uplift/),
    ]);
  }, 60_000);

  it('on the real FOCUS sample (test/fixtures/billing, rows of other clouds among AWS rows), its accounts given every rule', async () => {
    const sample = join(ROOT, 'test', 'fixtures', 'billing', 'focus_sample.csv');
    const records = parse(readFileSync(sample), { columns: true }) as Record<string, string>[];
    const accounts = [
      ...new Set(records.filter((r) => r['ProviderName'] === 'AWS').map((r) => r['SubAccountId']!.padStart(12, '0'))),
    ];
    const steps = RULES.filter((r) => !['no-billing-rules'].includes(r.id)).map((r) => ({
      rule: r.id,
      parameters: r.id === 'savings-fee' ? { mode: 'percent-of-savings', percent: 15 } : r.example,
    }));
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'All', accounts: accounts.slice(0, 12) }], {
      All: steps,
    });
    const js = await bothAgree(enrollment, sample);
    expect(js.dialect).toBe('focus');
    expect(js.rows.otherProvider).toBeGreaterThan(0);
    expect(js.subsets[0]!.final).not.toBe(js.subsets[0]!.before);
  }, 60_000);

  it('on the real CUR sample (MIT, test/fixtures/billing), its accounts given every rule', async () => {
    const sample = join(ROOT, 'test', 'fixtures', 'billing', 'sample-anonymous-aws-export-dataset.csv');
    const records = parse(readFileSync(sample), { columns: true }) as Record<string, string>[];
    const accounts = [...new Set(records.map((r) => r['lineItem/UsageAccountId']!))];
    const steps = RULES.filter((r) => !['no-billing-rules', 'savings-fee'].includes(r.id)).map((r) => ({
      rule: r.id,
      parameters: r.example,
    }));
    const enrollment = enrollmentOf([{ name: 'Alpha', workflow: 'All', accounts }], {
      All: [...steps, { rule: 'savings-fee', parameters: { mode: 'flat', amount: 99.5, per: 'account' } }],
    });
    const js = await bothAgree(enrollment, sample);
    expect(js.subsets[0]!.final).not.toBe(js.subsets[0]!.before);
  }, 60_000);
});
