import {
  checkConditions,
  ConditionsSchema,
  describeConditions,
  describeSubject,
  RegionSchema,
  ServiceCodeSchema,
} from '../../../src/core/rules/conditions';
import { A1, A2, context, expectRefused, MGMT, problems } from './helpers';

describe('conditions schema', () => {
  it.each([
    { services: ['AmazonEC2'] },
    { services: ['AmazonEC2', 'AWSLambda', 'AmazonRDS'] },
    { regions: ['us-east-1', 'eu-west-2', 'us-gov-west-1', 'ap-southeast-1', 'cn-northwest-1', 'eusc-de-east-1'] },
    { regions: ['us-east-*', 'eu-*', 'us-gov-*'] },
    { accounts: [A1, A2] },
    { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
    { months: [1, 12] },
    { years: 'odd' },
    { years: 'even' },
    { years: [2025, 2027] },
    { services: ['AmazonEC2'], regions: ['us-east-*'], daysOfWeek: ['tue'], months: [6, 7, 8], years: 'odd' },
  ])('accepts %j', (when) => {
    expect(problems(ConditionsSchema, when)).toEqual([]);
  });

  it.each([
    ['empty object', {}, ''],
    ['unknown key', { service: ['AmazonEC2'] }, ''],
    ['null', null, ''],
    ['an array', [{ services: ['AmazonEC2'] }], ''],
    ['services not a list', { services: 'AmazonEC2' }, 'services'],
    ['empty services', { services: [] }, 'services'],
    ['service with spaces', { services: ['Amazon Elastic Compute Cloud'] }, 'services.0'],
    ['service as number', { services: [2] }, 'services.0'],
    ['duplicate service', { services: ['AmazonEC2', 'AmazonEC2'] }, 'services'],
    ['upper-case region', { regions: ['US-EAST-1'] }, 'regions.0'],
    ['region name', { regions: ['US East (N. Virginia)'] }, 'regions.0'],
    ['bare star', { regions: ['*'] }, 'regions.0'],
    ['star in the middle', { regions: ['us-*-1'] }, 'regions.0'],
    ['duplicate region', { regions: ['eu-*', 'eu-*'] }, 'regions'],
    ['empty regions', { regions: [] }, 'regions'],
    ['11-digit account', { accounts: ['12345678901'] }, 'accounts.0'],
    ['account as number', { accounts: [123456789012] }, 'accounts.0'],
    ['account with dashes', { accounts: ['1234-5678-9012'] }, 'accounts.0'],
    ['duplicate account', { accounts: [A1, A1] }, 'accounts'],
    ['day spelled out', { daysOfWeek: ['tuesday'] }, 'daysOfWeek.0'],
    ['day capitalised', { daysOfWeek: ['Tue'] }, 'daysOfWeek.0'],
    ['duplicate day', { daysOfWeek: ['tue', 'tue'] }, 'daysOfWeek'],
    ['empty days', { daysOfWeek: [] }, 'daysOfWeek'],
    ['month 0', { months: [0] }, 'months.0'],
    ['month 13', { months: [13] }, 'months.0'],
    ['month 6.5', { months: [6.5] }, 'months.0'],
    ['month as text', { months: ['June'] }, 'months.0'],
    ['duplicate month', { months: [6, 6] }, 'months'],
    ['years word', { years: 'leap' }, 'years'],
    ['years empty', { years: [] }, 'years'],
    ['year too small', { years: [1999] }, 'years.0'],
    ['year 2-digit', { years: [25] }, 'years.0'],
    ['year as text', { years: ['2025'] }, 'years'],
    ['duplicate year', { years: [2025, 2025] }, 'years'],
    ['undefined-valued only', { services: undefined }, ''],
  ])('refuses %s', (_name, when, path) => {
    expectRefused(ConditionsSchema, when, path);
  });

  it('says what an empty `when` should be', () => {
    expect(problems(ConditionsSchema, {})).toEqual([
      ': must hold at least one condition (services, regions, accounts, daysOfWeek, months or years); leave "when" out to apply to all usage',
    ]);
  });

  it('explains account IDs written as numbers', () => {
    expect(problems(ConditionsSchema, { accounts: [123456789012] })).toEqual([
      'accounts.0: must be an AWS account ID in quotes, such as "012345678901"',
    ]);
  });

  it('names the duplicate', () => {
    expect(problems(ConditionsSchema, { daysOfWeek: ['tue', 'fri', 'tue'] })).toEqual([
      'daysOfWeek: lists "tue" twice',
    ]);
  });

  it('explains the forms of years', () => {
    expect(problems(ConditionsSchema, { years: 'leap' })).toEqual([
      'years: must be "odd", "even" or a list of years such as [2025, 2027]',
    ]);
  });

  it.each(['AmazonEC2', 'AWSLambda', 'AmazonS3', 'AWSDataTransfer', 'ElasticMapReduce', 'awskms'])(
    'takes product code %s',
    (code) => expect(problems(ServiceCodeSchema, code)).toEqual([]),
  );

  it.each(['us-east-1', 'us-west-2', 'us-gov-west-1', 'eu-central-2', 'il-central-1', 'us-east-*', 'eu-*'])(
    'takes region %s',
    (region) => expect(problems(RegionSchema, region)).toEqual([]),
  );
});

describe('condition sentences', () => {
  const parse = (when: unknown) => ConditionsSchema.parse(when);

  it('without conditions: all services, nothing after', () => {
    expect(describeSubject(undefined)).toBe('the price of all services');
    expect(describeConditions(undefined)).toBe('');
  });

  it.each([
    [{ services: ['AmazonEC2'] }, 'AmazonEC2'],
    [{ services: ['AmazonEC2', 'AmazonRDS'] }, 'AmazonEC2 and AmazonRDS'],
    [{ services: ['AmazonEC2', 'AmazonRDS', 'AWSLambda'] }, 'AmazonEC2, AmazonRDS and AWSLambda'],
    [{ months: [1] }, 'the price of all services'],
  ])('subject of %j is "%s"', (when, text) => {
    expect(describeSubject(parse(when))).toBe(text);
  });

  it.each([
    [{ services: ['AmazonEC2'] }, ''],
    [{ accounts: [A1] }, ' for account 111111111111'],
    [{ accounts: [A1, A2] }, ' for accounts 111111111111 and 222222222222'],
    [{ daysOfWeek: ['tue'] }, ' when usage occurs on Tuesdays'],
    [{ daysOfWeek: ['mon', 'fri'] }, ' when usage occurs on Mondays and Fridays'],
    [
      { daysOfWeek: ['sat', 'sun', 'wed', 'thu'] },
      ' when usage occurs on Saturdays, Sundays, Wednesdays and Thursdays',
    ],
    [{ regions: ['us-east-1'] }, ' when usage occurs in the us-east-1 region'],
    [{ regions: ['us-east-1', 'eu-west-1'] }, ' when usage occurs in us-east-1 and eu-west-1 regions'],
    [{ regions: ['us-east-*'] }, ' when usage occurs in us-east-* regions'],
    [{ regions: ['eu-*', 'us-gov-west-1'] }, ' when usage occurs in eu-* and us-gov-west-1 regions'],
    [{ months: [12] }, ' when usage occurs in December'],
    [{ months: [1, 2, 3, 4, 5] }, ' when usage occurs in January, February, March, April and May'],
    [{ years: 'odd' }, ' when usage occurs in odd-numbered years'],
    [{ years: 'even' }, ' when usage occurs in even-numbered years'],
    [{ years: [2025] }, ' when usage occurs in 2025'],
    [{ years: [2025, 2027] }, ' when usage occurs in 2025 and 2027'],
    [{ months: [6], years: [2025, 2027] }, ' when usage occurs in June of 2025 and 2027'],
    [
      { months: [9, 10, 11], years: 'even' },
      ' when usage occurs in September, October and November of even-numbered years',
    ],
    [
      { accounts: [MGMT], daysOfWeek: ['mon'], regions: ['eu-*'], months: [7], years: 'odd' },
      ' for account 123456789012 when usage occurs on Mondays in eu-* regions in July of odd-numbered years',
    ],
  ])('conditions %j read "%s"', (when, text) => {
    expect(describeConditions(parse(when))).toBe(text);
  });
});

describe('condition checks', () => {
  it('flags accounts not in the Accounts sheet', () => {
    expect(checkConditions(parse({ accounts: [A1, A2] }), context([], [A1]))).toEqual([
      { code: 'rule-account-unknown', args: { id: A2 } },
    ]);
  });

  it('checks no account without an Accounts sheet', () => {
    expect(checkConditions(parse({ accounts: [A1] }), context([], null))).toEqual([]);
  });

  it('has nothing to check without accounts', () => {
    expect(checkConditions(parse({ services: ['AmazonEC2'] }), context([], []))).toEqual([]);
    expect(checkConditions(undefined, context([], []))).toEqual([]);
  });

  function parse(when: unknown) {
    return ConditionsSchema.parse(when);
  }
});
