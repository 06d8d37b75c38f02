import { z } from 'zod';
import { joinList } from './english';
import { oneOf, typeError, uniqueList } from './params';
import { defineRule } from './rule';
import { classifyCredit, compile } from '../preview/credit-patterns';
import type { ApplyContext, StepEffect } from '../preview/effect';
import { lineTypes, need, TYPES } from '../preview/effects';
import { formatMoney, MoneySums } from '../preview/money';
import type { SqlContext, SqlStep } from '../preview/sql/context';
import { andThen, caseOf, inList, typeIs } from '../preview/sql/effects';

const PROGRAMS = [
  'edp',
  'data-egress-waiver',
  'apn-partner-accelerator',
  'solution-provider-program',
  'other',
] as const;
type Program = (typeof PROGRAMS)[number];

/** How each benefit is named in a sentence; `plural` picks "it" or "they" when it stands alone. */
const PROGRAM_TEXT: Record<Program, { readonly text: string; readonly plural: boolean }> = {
  edp: { text: 'EDP discount', plural: false },
  'data-egress-waiver': { text: 'data egress waiver credits', plural: true },
  'apn-partner-accelerator': { text: 'APN Partner Accelerator credits', plural: true },
  'solution-provider-program': { text: 'Solution Provider Program credits', plural: true },
  other: { text: 'other credits', plural: true },
};

/**
 * Which rows each program removes. Legacy CUR bills EDP and SPP as line types of their own;
 * credits of every program share the type Credit and are told apart by their description (the
 * editable pattern table), so the result says it is approximate. "other": credits matching no
 * pattern.
 */
function creditsEffect(programs: readonly Program[], refunds: boolean, ctx: ApplyContext): StepEffect {
  const chosen = new Set(programs);
  const compiled = compile(ctx.creditPatterns);
  const DROP = 1;
  const UNCLASSIFIED = 2;
  const credits = ctx.derive('description', (d) => {
    const program = classifyCredit(d, ctx.creditPatterns, compiled);
    return (chosen.has(program ?? 'other') ? DROP : 0) | (program === null ? UNCLASSIFIED : 0);
  });
  const types = lineTypes(ctx);
  let unclassifiedRows = 0;
  // Cell 0: unclassified credits; cell 1: the EDP of a CUR 2.0 discount map.
  const sums = new MoneySums(2);
  return {
    exactness: 'approximate',
    apply(batch, charge, rows, count) {
      const t = types.table();
      const codes = need(batch.text.lineItemType, 'lineItemType');
      const c = credits.table();
      const descriptions = need(batch.text.description, 'description');
      const edpMap = chosen.has('edp') ? batch.money.edpDiscount : undefined;
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        const type = t[codes[r]!];
        if (type === TYPES.Credit) {
          const decision = c[descriptions[r]!]!;
          if ((decision & UNCLASSIFIED) !== 0) {
            unclassifiedRows++;
            sums.add(0, charge[r]!);
          }
          if ((decision & DROP) !== 0) charge[r] = 0;
        } else if (
          (type === TYPES.EdpDiscount && chosen.has('edp')) ||
          (type === TYPES.SppDiscount && chosen.has('solution-provider-program')) ||
          (type === TYPES.Refund && refunds)
        )
          charge[r] = 0;
        if (edpMap !== undefined) sums.add(1, edpMap[r]!);
      }
    },
    finish() {
      ctx.note('credits-by-description', { workflow: ctx.workflow });
      if (unclassifiedRows > 0)
        ctx.note('credits-unclassified', {
          workflow: ctx.workflow,
          rows: unclassifiedRows,
          amount: formatMoney(sums.get(0)),
        });
      if (sums.get(1) !== 0n)
        ctx.note('cur2-discount-map', { workflow: ctx.workflow, amount: formatMoney(sums.get(1)) });
      if (refunds) ctx.note('refunds-late', { workflow: ctx.workflow });
      return [];
    },
  };
}

// ---- SQL (issue 14) ---------------------------------------------------------------------------------

/** creditsEffect in SQL: the first matching pattern names the program (RE2/Joni read these patterns as JavaScript does). */
function creditsSql(programs: readonly Program[], refunds: boolean, ctx: SqlContext): SqlStep {
  const description = ctx.col('description');
  const whens = ctx.creditPatterns.map(
    (p) => `WHEN ${ctx.dialect.regexpLike(description, p.pattern, true)} THEN '${p.program}'`,
  );
  const program = whens.length === 0 ? "'other'" : `(CASE ${whens.join(' ')} ELSE 'other' END)`;
  const branches: [string, string][] = [
    [andThen(typeIs(ctx, TYPES.Credit), inList(ctx.dialect, program, programs)), '0'],
  ];
  if (programs.includes('edp')) branches.push([typeIs(ctx, TYPES.EdpDiscount), '0']);
  if (programs.includes('solution-provider-program')) branches.push([typeIs(ctx, TYPES.SppDiscount), '0']);
  if (refunds) branches.push([typeIs(ctx, TYPES.Refund), '0']);
  const edpMap = programs.includes('edp') && ctx.has('edpDiscount');
  ctx.note('credits-by-description', { workflow: ctx.workflow });
  if (refunds) ctx.note('refunds-late', { workflow: ctx.workflow });
  return {
    exactness: 'approximate',
    charge: caseOf(ctx, branches),
    // Credits no pattern names, and their amount before the step (creditsEffect's cell 0).
    // and the EDP of a CUR 2.0 discount map over the step's rows (cell 1).
    tallies: {
      of: [
        { rows: andThen(typeIs(ctx, TYPES.Credit), `${program} = 'other'`), units: ctx.charge },
        ...(edpMap ? [{ rows: `${ctx.col('edpDiscount')} <> 0`, units: ctx.col('edpDiscount') }] : []),
      ],
      notes: ([v, edp], note) => {
        if (v!.rows > 0)
          note('credits-unclassified', { workflow: ctx.workflow, rows: v!.rows, amount: formatMoney(v!.units) });
        if (edp !== undefined && edp.units !== 0n)
          note('cur2-discount-map', { workflow: ctx.workflow, amount: formatMoney(edp.units) });
      },
    },
  };
}

export const removeCredits = defineRule({
  id: 'remove-credits',
  group: 'credits-and-taxes',
  title: 'Remove credits',
  summary: 'Keep the chosen discounts, credits and refunds as margin instead of passing them on to the customer',
  schema: z.strictObject({
    programs: uniqueList(oneOf(PROGRAMS), 'program'),
    // Required, not defaulted: keeping refunds is a decision the MSP should state.
    refunds: z.boolean({ error: typeError('true or false, without quotes') }),
  }),
  example: { programs: ['edp'], refunds: false },
  describe: (p) => {
    const items = p.programs.map((program) => PROGRAM_TEXT[program]);
    if (p.refunds) items.push({ text: 'refunds', plural: true });
    const [only] = items;
    const pronoun = items.length === 1 && only !== undefined && !only.plural ? 'it is' : 'they are';
    return `Remove ${joinList(items.map((i) => i.text))} so ${pronoun} not shared with the customer`;
  },
  reads: () => ['lineItemType', 'description'],
  // A CUR 2.0 keeps the EDP discount in its discount map: read for the cur2-discount-map note.
  readsIfPresent: (p) => (p.programs.includes('edp') ? ['edpDiscount'] : []),
  apply: (p, ctx) => creditsEffect(p.programs, p.refunds, ctx),
  // SQL (issue 14): the same effect as `apply`, for DuckDB and Athena.
  sql: (p, ctx) => creditsSql(p.programs, p.refunds, ctx),
});
