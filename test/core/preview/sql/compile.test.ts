/**
 * The SQL compiler as text (its results are checked against the engine in
 * test/cli/preview-sql-differential.test.ts): literals that no value can end, the dialects'
 * words, refusals, steps whose columns the source lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePreview, type SqlSource } from '../../../../src/core/preview/sql/compile';
import { ATHENA, doubleLit, DUCKDB, lit } from '../../../../src/core/preview/sql/dialect';
import { oneWorkflow } from '../helpers';

const SOURCE: SqlSource = {
  from: 't',
  dialect: 'cur-athena',
  columns: [
    { name: 'line_item_usage_account_id', type: 'text' },
    { name: 'line_item_unblended_cost', type: 'double' },
    { name: 'line_item_line_item_type', type: 'text' },
    { name: 'line_item_line_item_description', type: 'text' },
    { name: 'line_item_usage_start_date', type: 'timestamp' },
    { name: 'line_item_usage_end_date', type: 'timestamp' },
  ],
};

describe('SQL literals', () => {
  it('double every quote, so a value never ends its string', () => {
    expect(lit("O'Brien'); DROP TABLE x; --")).toBe("'O''Brien''); DROP TABLE x; --'");
  });
  it('write DOUBLE literals (a bare 1.03 is DECIMAL in DuckDB and Trino)', () => {
    expect(doubleLit(1.03)).toBe('1.03e0');
    expect(doubleLit(1e-7)).toBe('1e-7');
    expect(() => doubleLit(Number.NaN)).toThrow();
  });
});

describe('compilePreview', () => {
  const weekday = oneWorkflow([{ rule: 'discount', parameters: { percent: 2, when: { daysOfWeek: ['tue'] } } }]);

  it('writes each dialect’s weekday and never the other’s', () => {
    const duck = compilePreview(weekday, DUCKDB, SOURCE);
    const athena = compilePreview(weekday, ATHENA, SOURCE);
    if (!duck.ok || !athena.ok) throw new Error('not compiled');
    // DuckDB tests membership with list_contains (its IN plans a join per list).
    expect(duck.compiled.sql).toContain('list_contains([2], isodow("usageStartDate"))');
    expect(duck.compiled.sql).not.toContain('day_of_week');
    expect(athena.compiled.sql).toContain('day_of_week("usageStartDate") IN (2)');
    expect(athena.compiled.sql).not.toContain('isodow');
    expect(duck.compiled.sql).toContain('0.98e0');
  });

  it('puts a credit pattern with a quote into a literal', () => {
    const e = oneWorkflow([{ rule: 'remove-credits', parameters: { programs: ['edp'], refunds: false } }]);
    const out = compilePreview(e, DUCKDB, SOURCE, { creditPatterns: [{ program: 'edp', pattern: "O'Brien" }] });
    if (!out.ok) throw new Error(out.message);
    expect(out.compiled.sql).toContain("regexp_matches(\"description\", 'O''Brien', 'i')");
  });

  it('leaves a step whose columns the source lacks unchanged, and says which column and rule', () => {
    const e = oneWorkflow([{ rule: 'replace-ri-discount', parameters: { purchasedBy: 'any' } }]);
    const out = compilePreview(e, DUCKDB, SOURCE);
    if (!out.ok) throw new Error(out.message);
    expect(out.compiled.workflows[0]!.steps[0]!.exactness).toBe('not-computed');
    expect(out.compiled.sql).toContain(
      'steps_1 AS (SELECT steps_0.*, CASE WHEN wf_no = 0 THEN c0 ELSE c0 END AS c1 FROM steps_0)',
    );
    expect(out.compiled.notes.map((n) => n.message)).toEqual([
      'The CUR has no pricing_public_on_demand_cost column, so replace-ri-discount cannot be computed; those steps leave the charge unchanged.',
    ]);
  });

  it('derives FOCUS line types from its charge and commitment columns; refuses a source without the required columns', () => {
    const taxes = oneWorkflow([{ rule: 'remove-taxes', parameters: {} }]);
    const focus = compilePreview(taxes, DUCKDB, {
      from: 'f',
      dialect: 'focus',
      columns: ['SubAccountId', 'BilledCost', 'ChargeCategory', 'CommitmentDiscountStatus', 'ProviderName'].map(
        (name) => ({ name, type: name === 'BilledCost' ? 'double' : 'text' }),
      ),
    });
    if (!focus.ok) throw new Error(focus.message);
    // Text "NULL" is blank in FOCUS; the parts a file lacks are ''; other clouds' rows are counted apart.
    expect(focus.compiled.sql).toContain(`COALESCE(CAST(NULLIF("ChargeCategory", 'NULL') AS VARCHAR), '') = 'Usage'`);
    expect(focus.compiled.sql).toContain(
      `COALESCE(CAST(NULLIF("CommitmentDiscountStatus", 'NULL') AS VARCHAR), '') = 'Used'`,
    );
    expect(focus.compiled.sql).toContain(`(CASE WHEN '' = 'One-Time' THEN`);
    expect(focus.compiled.sql).toContain("'other-provider' AS kind");
    const bare = compilePreview(weekday, DUCKDB, { ...SOURCE, columns: SOURCE.columns.slice(0, 1) });
    expect(bare).toEqual({ ok: false, message: expect.stringMatching(/no line_item_unblended_cost column/) });
  });

  it('keeps src/core/preview/sql pure: no Node, DOM, Office or React imports', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'src', 'core', 'preview', 'sql');
    for (const file of readdirSync(dir)) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      expect(imports.filter((i) => !i.startsWith('.'))).toEqual([]);
    }
  });
});
