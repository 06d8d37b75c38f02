import { isLeaving, parseCsvRows, parseOrgExport, planImport } from '../../src/core/org-import';

const LIST_ACCOUNTS = JSON.stringify({
  Accounts: [
    {
      Id: '012345678901',
      Arn: 'arn:aws:organizations::012345678901:account/o-exampleorgid/012345678901',
      Email: 'payer@example.com',
      Name: 'Payer',
      Status: 'ACTIVE',
      JoinedMethod: 'INVITED',
      JoinedTimestamp: '2020-01-01T00:00:00.000Z',
    },
    { Id: '111111111111', Email: 'prod@example.com', Name: 'Prod, EU', Status: 'SUSPENDED' },
  ],
  NextToken: 'abc',
});

describe('parseOrgExport', () => {
  it('reads aws organizations list-accounts JSON, IDs as text', () => {
    const r = parseOrgExport(LIST_ACCOUNTS);
    expect(r.format).toBe('json');
    expect(r.problems).toEqual([]);
    expect(r.accounts).toEqual([
      { id: '012345678901', name: 'Payer', email: 'payer@example.com', status: 'ACTIVE' },
      { id: '111111111111', name: 'Prod, EU', email: 'prod@example.com', status: 'SUSPENDED' },
    ]);
  });

  it('says when list-accounts JSON is a first page only (NextToken), and not when the last page has none', () => {
    expect(parseOrgExport(LIST_ACCOUNTS).nextToken).toBe('abc');
    const last = JSON.stringify({ Accounts: [{ Id: '222222222222', Name: 'Dev' }] });
    expect(parseOrgExport(last).nextToken).toBeNull();
    expect(parseOrgExport(`${LIST_ACCOUNTS}\n${last}`).nextToken).toBeNull();
    expect(parseOrgExport(JSON.stringify({ Accounts: [], NextToken: '' })).nextToken).toBeNull();
  });

  it('normalises IDs with dashes or spaces as validation would, naming the account', () => {
    const r = parseOrgExport('Account ID,Name\n1234-5678-9012,Prod\n"0123 4567 8901",Dev\n1234-5678,Short\n');
    expect(r.accounts.map((a) => a.id)).toEqual(['123456789012', '012345678901']);
    expect(r.problems).toEqual([
      { kind: 'separators-removed', line: 2, value: '1234-5678-9012', id: '123456789012', name: 'Prod' },
      { kind: 'separators-removed', line: 3, value: '0123 4567 8901', id: '012345678901', name: 'Dev' },
      { kind: 'bad-id', line: 4, value: '1234-5678', name: 'Short' },
    ]);
  });

  it('tells suspended and closing accounts apart', () => {
    const r = parseOrgExport(LIST_ACCOUNTS);
    expect(r.accounts.filter(isLeaving).map((a) => a.name)).toEqual(['Prod, EU']);
    expect(isLeaving({ id: '1', name: '', email: '', status: 'pending_closure' })).toBe(true);
    expect(isLeaving({ id: '1', name: '', email: '', status: '' })).toBe(false);
  });

  it('reads several pages saved one after another', () => {
    const page2 = JSON.stringify({ Accounts: [{ Id: '222222222222', Name: 'Dev', Email: 'dev@example.com' }] });
    const r = parseOrgExport(`${LIST_ACCOUNTS}\n${page2}`);
    expect(r.accounts.map((a) => a.id)).toEqual(['012345678901', '111111111111', '222222222222']);
  });

  it('reads the console CSV, quoted fields and a BOM included', () => {
    const csv =
      '\ufeff"Account ID","Name","Email","Status"\r\n"012345678901","Payer, Inc.","payer@example.com","ACTIVE"\r\n111111111111,Prod,prod@example.com,ACTIVE\r\n';
    const r = parseOrgExport(csv);
    expect(r.format).toBe('csv');
    expect(r.accounts).toEqual([
      { id: '012345678901', name: 'Payer, Inc.', email: 'payer@example.com', status: 'ACTIVE' },
      { id: '111111111111', name: 'Prod', email: 'prod@example.com', status: 'ACTIVE' },
    ]);
  });

  it('restores leading zeros a spreadsheet dropped, and says so', () => {
    const r = parseOrgExport('Id,Name\n12345678901,Payer\n');
    expect(r.accounts[0]!.id).toBe('012345678901');
    expect(r.problems).toEqual([
      { kind: 'padded-id', line: 2, value: '12345678901', id: '012345678901', name: 'Payer' },
    ]);
  });

  it('reports IDs it cannot read, and files it does not recognise', () => {
    expect(parseOrgExport('Id,Name\nabc,Payer\n').problems).toEqual([
      { kind: 'bad-id', line: 2, value: 'abc', name: 'Payer' },
    ]);
    expect(parseOrgExport('{"Users": []}').problems[0]!.kind).toBe('not-recognised');
    expect(parseOrgExport('Name,Email\nx,y\n').problems[0]!.kind).toBe('not-recognised');
    expect(parseOrgExport('{not json').problems[0]).toEqual({
      kind: 'not-recognised',
      detail: 'the file is not valid JSON',
    });
    expect(parseOrgExport('   ').problems[0]!.kind).toBe('not-recognised');
  });

  it('splits CSV on the header line separator, keeping separators inside quotes', () => {
    expect(parseCsvRows('a;b\n"x;1";"say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x;1', 'say "hi"'],
    ]);
    expect(parseCsvRows('Id\tName\n1\tA, B\n')).toEqual([
      ['Id', 'Name'],
      ['1', 'A, B'],
    ]);
  });
});

describe('planImport', () => {
  it('adds only new accounts, keeps existing ones, and reports repeats', () => {
    const a = (id: string) => ({ id, name: id, email: '', status: '' });
    const plan = planImport([a('1'), a('2'), a('3'), a('2')], ['1']);
    expect(plan.add.map((x) => x.id)).toEqual(['2', '3']);
    expect(plan.alreadyListed.map((x) => x.id)).toEqual(['1']);
    expect(plan.repeated.map((x) => x.id)).toEqual(['2']);
  });
});
