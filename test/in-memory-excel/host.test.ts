import { createMemoryExcel, display, install } from '../../src/in-memory-excel';
import { evaluate } from '../../src/in-memory-excel/formula';

function host() {
  const h = createMemoryExcel();
  install(h);
  h.addSheet('Sheet1');
  return h;
}

describe('in-memory Excel: batch semantics', () => {
  it('throws PropertyNotLoaded before load and sync, as Office does', async () => {
    host();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      // Reading before load and sync is the mistake under test, so the Office rules are off here.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(r.values).toEqual([['']]);
    });
  });

  it('applies writes at sync, not before', async () => {
    const h = host();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
      expect(h.model.sheet('Sheet1')!.value(0, 0)).toBeNull();
      await context.sync();
      expect(h.model.sheet('Sheet1')!.value(0, 0)).toBe('x');
    });
  });

  it('rejects a missing sheet at sync with ItemNotFound, and answers OrNullObject with isNullObject', async () => {
    host();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Nope').getRange('A1').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject('nope');
      const used = context.workbook.worksheets.getItem('Sheet1').getUsedRangeOrNullObject(true);
      await context.sync();
      expect(ws.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
  });

  it('refuses a 2-D array of the wrong shape', async () => {
    host();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [['a']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('refuses requests over the payload limit', async () => {
    const h = createMemoryExcel({ payloadLimit: 1000 });
    install(h);
    h.addSheet('Sheet1');
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x'.repeat(2000)]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });

  it('counts syncs and bytes', async () => {
    const h = host();
    h.resetStats();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.values = [['abc', 'def']];
      r.load('values');
      await context.sync();
    });
    // The batch's own, and the client's release of the range it kept (Excel.run's clean-up).
    expect(h.stats.syncs).toBe(2);
    expect(h.stats.records[0]!.requestBytes).toBeGreaterThan(10);
    expect(h.stats.records[0]!.responseBytes).toBeGreaterThan(10);
  });
});

describe('in-memory Excel: values as Excel enters them', () => {
  it('a General cell turns 012345678901 into a number; a Text (@) cell keeps it', async () => {
    const h = host();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1').values = [['012345678901']];
      ws.getRange('B1').numberFormat = [['@']];
      ws.getRange('B1').values = [['012345678901']];
      await context.sync();
    });
    const s = h.model.sheet('Sheet1')!;
    expect(s.value(0, 0)).toBe(12345678901);
    expect(s.value(0, 1)).toBe('012345678901');
    expect(s.text(0, 0)).toBe('12345678901');
  });

  it('a string starting with = becomes a formula unless the cell is Text; an apostrophe forces text', async () => {
    const h = host();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1').values = [['=1+1']];
      ws.getRange('B1').numberFormat = [['@']];
      ws.getRange('B1').values = [['=1+1']];
      ws.getRange('C1').values = [["'=1+1"]];
      await context.sync();
    });
    const s = h.model.sheet('Sheet1')!;
    expect([s.value(0, 0), s.cell(0, 0)?.formula]).toEqual([2, '=1+1']);
    expect(s.value(0, 1)).toBe('=1+1');
    expect(s.value(0, 2)).toBe('=1+1');
  });

  it('recalculates once per range written, not once per cell, with the same results', async () => {
    const h = host();
    h.type('Sheet1', 'E1', '=B1*10');
    // Each recalculation evaluates every formula cell (A1 and E1 here) in each of its 3 passes.
    const evaluations = jest.spyOn(h.model, 'env');
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      // A1 refers to B1, written after it in the same range; E1 (outside) to B1 too.
      ws.getRange('A1:C1').values = [['=B1+1', 41, 'x']];
      ws.getRange('A2:A1001').values = Array.from({ length: 1000 }, (_, i) => [i]);
      await context.sync();
    });
    const s = h.model.sheet('Sheet1')!;
    expect([s.value(0, 0), s.value(0, 1), s.value(0, 4)]).toEqual([42, 41, 410]);
    expect(s.value(1000, 0)).toBe(999);
    // One recalculation per range written: at most 2 x 3 passes x 2 formulas (per cell: thousands).
    expect(evaluations.mock.calls.length).toBeGreaterThan(0);
    expect(evaluations.mock.calls.length).toBeLessThanOrEqual(12);
    evaluations.mockRestore();
  });

  it('shows 12-digit numbers in General as Excel does, and padded formats in full', () => {
    expect(display(123456789012, 'General')).toBe('1.23457E+11');
    expect(display(12345678901, 'General')).toBe('12345678901');
    expect(display(1111111112, '000000000000')).toBe('001111111112');
  });

  it('types error codes as errors, and reports their value types', async () => {
    const h = host();
    h.type('Sheet1', 'A1', '#N/A');
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.load('values,valueTypes');
      await context.sync();
      expect([r.values[0]![0], r.valueTypes[0]![0]]).toEqual(['#N/A', 'Error']);
    });
  });
});

describe('in-memory Excel: formulas', () => {
  const env = {
    value: (_s: string | null, r: number, c: number) =>
      r === 0 && c === 0 ? 'email1' : r === 0 && c === 1 ? 42 : null,
  };
  it.each([
    ['=EXACT(A1,"email1")', true],
    ['=EXACT(A1,"Email1")', false],
    ['=AND(N("tag")=0,ISNUMBER(B1),B1=42)', true],
    ['=LEN(A1)&"!"', '6!'],
    ['=IF(B1>40,"big","small")', 'big'],
    ['=ISBLANK(C1)', true],
    ['=1/0', { error: '#DIV/0!' }],
    ['=FOO(1)', { error: '#NAME?' }],
    ['=LEFT(A1,2)', 'em'],
  ])('%s', (formula, expected) => {
    expect(evaluate(formula, env)).toEqual(expected);
  });

  it('moves relative references by the offset of the cell in a conditional format range', () => {
    expect(evaluate('=B1=42', env, { rows: 0, cols: 0 })).toBe(true);
    expect(evaluate('=A1=42', env, { rows: 0, cols: 1 })).toBe(true);
    expect(evaluate('=$A$1=42', env, { rows: 0, cols: 1 })).toBe(false);
  });
});

describe('in-memory Excel: sheets, tables, protection, events', () => {
  it('refuses overlapping tables and sheet names differing only in case', async () => {
    host();
    await expect(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.tables.add('A1:B3', true);
        ws.tables.add('B2:C4', true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('sheet1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });

  it('shows a table’s totals row below its data body, which the data body range then leaves out', async () => {
    const h = host();
    const s = h.model.sheet('Sheet1')!;
    ['Name', 'ID'].forEach((v, c) => s.enter(0, c, v));
    ['a', 'b'].forEach((v, r) => s.enter(r + 1, 0, v));
    const addresses = await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:B3', true);
      table.showTotals = true;
      table.rows.add(undefined, [['c', '3']]);
      const whole = table.getRange().load('address');
      const body = table.getDataBodyRange().load('address');
      const totals = table.getTotalRowRange().load('address');
      table.load('showTotals,showHeaders');
      await context.sync();
      return [whole.address, body.address, totals.address, table.showTotals, table.showHeaders];
    });
    expect(addresses).toEqual(['Sheet1!A1:B5', 'Sheet1!A2:B4', 'Sheet1!A5:B5', true, true]);
    // The new row went above the totals row, which moved down with its label.
    expect(s.value(3, 0)).toBe('c');
    expect(s.value(4, 0)).toBe('Total');
    // Hidden again: Excel clears the row.
    await Excel.run(async (context) => {
      const tables = context.workbook.worksheets.getItem('Sheet1').tables.load('items');
      await context.sync();
      tables.items[0]!.showTotals = false;
      await context.sync();
    });
    expect(s.value(4, 0)).toBeNull();
  });

  it('refuses to show a totals row over cells that hold something (the stricter reading)', async () => {
    const h = host();
    h.model.sheet('Sheet1')!.enter(3, 1, 'mine');
    await expect(
      Excel.run(async (context) => {
        const table = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:B3', true);
        table.showTotals = true;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(h.model.sheet('Sheet1')!.value(3, 1)).toBe('mine');
    await expect(
      Excel.run(async (context) => {
        const tables = context.workbook.worksheets.getItem('Sheet1').tables.load('items');
        await context.sync();
        tables.items[0]!.getTotalRowRange().load('address');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('refuses writes to a protected sheet', async () => {
    const h = host();
    h.model.sheet('Sheet1')!.protected = true;
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('raises onChanged with the edited address, after user edits and add-in writes', async () => {
    const h = host();
    const seen: string[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (e) => {
        seen.push(e.address);
      });
      await context.sync();
    });
    h.type('Sheet1', 'B2', 'x');
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C3:D3').values = [['a', 'b']];
      await context.sync();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['B2', 'C3:D3']);
  });

  it('evaluates conditional formats per cell', () => {
    const h = host();
    const s = h.model.sheet('Sheet1')!;
    h.type('Sheet1', 'A1', 'bad');
    const cf = s.addConditionalFormat({ row: 0, col: 0, rows: 2, cols: 1 });
    cf.formula = '=EXACT(A1,"bad")';
    cf.fill = '#FF0000';
    expect(s.conditionalFormatAt(0, 0)?.fill).toBe('#FF0000');
    expect(s.conditionalFormatAt(1, 0)).toBeNull();
  });
});

describe('undo stack: the user’s edits', () => {
  it('records a typed value as the user’s, after the add-in’s changes', async () => {
    const host = createMemoryExcel();
    install(host);
    host.addSheet('Accounts', [['Name']]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').getRange('B2').values = [['x']];
      await context.sync();
    });
    host.type('Accounts', 'A2', 'typed');
    expect(host.undo.records.map((r) => r.by)).toEqual(['addin', 'user']);
    expect(host.undo.records[1]!.changes).toEqual(['value Accounts!A2']);
  });
});
