/**
 * What `msp-enroll preview` prints: a table per subset for people, the whole result as JSON for
 * tools, the lines as CSV, and a self-contained HTML report (inline CSS and SVG, no scripts).
 */
import type { PreviewNote } from '../core/findings';
import { formatMoney, MONEY_DECIMALS, type Money } from '../core/preview/money';
import type { PreviewResult, Stages, SubsetPreview } from '../core/preview/runner';
import { DIALECT_TITLES } from '../core/preview/columns';

const money = (m: Money): string => formatMoney(m);
const signed = (m: Money): string => (m > 0n ? `+${money(m)}` : money(m));

/** Exact money for tools: every unit, trailing zeros beyond the cents dropped ("0.0000004", "12.50"). */
export function exactMoney(m: Money): string {
  const full = formatMoney(m, MONEY_DECIMALS);
  return full.replace(/(\.\d\d\d*?)0+$/, '$1');
}

const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));

function finalOf(s: Stages): Money {
  return s.after.length === 0 ? s.before : s.after[s.after.length - 1]!;
}

function subsetTable(result: PreviewResult, s: SubsetPreview): string {
  const wf = result.workflows.find((w) => w.name === s.workflow);
  const who =
    s.endCustomer === null ? '' : ` (end customer ${s.endCustomer.consoleEmail}, org ${s.endCustomer.spotOrgId})`;
  const rows: string[][] = [['', 'before', money(s.before), '', '']];
  let previous = s.before;
  (wf?.steps ?? []).forEach((step, k) => {
    const value = s.after[k] ?? previous;
    rows.push([String(step.step), step.rule, money(value), signed(value - previous), step.exactness]);
    previous = value;
  });
  rows.push(['', 'final', money(s.final), signed(s.difference), '']);
  const widths = [4, Math.max(6, ...rows.map((r) => r[1]!.length)), Math.max(8, ...rows.map((r) => r[2]!.length)), 12];
  const lines = rows.map((r) =>
    `  ${pad(r[0]!, widths[0]!)}${pad(r[1]!, widths[1]! + 2)}${pad(r[2]!, widths[2]!, true)}  ${pad(r[3]!, widths[3]!, true)}  ${r[4]}`.trimEnd(),
  );
  return `Subset "${s.subset}"${who}, workflow "${s.workflow}"\n${lines.join('\n')}\n`;
}

const noteLine = (n: PreviewNote): string => `${n.severity === 'warning' ? 'warning' : 'note   '}  ${n.message}`;

export function formatPreviewText(result: PreviewResult): string {
  const out: string[] = [];
  out.push(
    `Preview of ${result.month ?? 'an unknown month'}, payer ${result.payer ?? 'unknown'}, ${DIALECT_TITLES[result.dialect]}: ${result.rows.previewed.toLocaleString('en-US')} line items\n`,
  );
  for (const s of result.subsets) out.push(subsetTable(result, s));
  if (result.notEnrolled.accounts.length > 0)
    out.push(
      `Not enrolled (${result.notEnrolled.accounts.length} accounts of the CUR not in the workbook): ${money(result.notEnrolled.before)}, no workflow applied\n`,
    );
  out.push(
    `Total: before ${money(result.total.before)}, final ${money(result.total.final)}, difference ${signed(result.total.final - result.total.before)}\n`,
  );
  if (result.notes.length > 0) out.push(result.notes.map(noteLine).join('\n') + '\n');
  return out.join('\n');
}

/** JSON with money as exact decimal strings. */
export function formatPreviewJson(result: PreviewResult): string {
  return (
    JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? exactMoney(value) : value), 2) + '\n'
  );
}

/** A CSV field; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
function csvField(value: string, text: boolean): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV row per subset, account and service line; step columns up to the longest workflow. */
export function formatPreviewCsv(result: PreviewResult): string {
  const steps = Math.max(0, ...result.workflows.map((w) => w.steps.length));
  const header = [
    'subset',
    'workflow',
    'end_customer_email',
    'account_id',
    'service',
    'before',
    ...Array.from({ length: steps }, (_, k) => `after_step_${k + 1}`),
    'final',
    'difference',
  ];
  const rows: string[] = [header.join(',')];
  const push = (texts: readonly string[], stages: Stages): void => {
    const after = Array.from({ length: steps }, (_, k) =>
      stages.after[k] === undefined ? '' : exactMoney(stages.after[k]!),
    );
    const final = finalOf(stages);
    rows.push(
      [
        ...texts.map((t) => csvField(t, true)),
        exactMoney(stages.before),
        ...after,
        exactMoney(final),
        exactMoney(final - stages.before),
      ].join(','),
    );
  };
  for (const s of result.subsets)
    for (const l of s.lines) push([s.subset, s.workflow, s.endCustomer?.consoleEmail ?? '', l.accountId, l.service], l);
  for (const a of result.notEnrolled.accounts)
    push(['(not enrolled)', '', '', a.accountId, ''], { before: a.before, after: [] });
  return rows.join('\n') + '\n';
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An SVG waterfall: the before bar, one floating bar per step's change, the final bar. */
function waterfall(result: PreviewResult, s: SubsetPreview): string {
  const wf = result.workflows.find((w) => w.name === s.workflow);
  const values = [s.before, ...s.after];
  const labels = ['before', ...(wf?.steps ?? []).map((st) => `${st.step}. ${st.rule}`), 'final'];
  const n = labels.length;
  const asNumber = (m: Money): number => Number(m) / 1e10;
  const all = [0, ...values.map(asNumber), asNumber(s.final)];
  const max = Math.max(...all);
  const min = Math.min(...all);
  const span = max - min || 1;
  const W = 120 * n;
  const H = 220;
  const top = 20;
  const plot = 150;
  const y = (v: number): number => top + ((max - v) / span) * plot;
  const bars: string[] = [];
  for (let i = 0; i < n; i++) {
    let from: number;
    let to: number;
    let cls: string;
    if (i === 0) [from, to, cls] = [0, asNumber(s.before), 'total'];
    else if (i === n - 1) [from, to, cls] = [0, asNumber(s.final), 'total'];
    else {
      from = asNumber(values[i - 1]!);
      to = asNumber(values[i]!);
      cls = to >= from ? 'up' : 'down';
    }
    const y1 = y(Math.max(from, to));
    const h = Math.max(1, Math.abs(y(from) - y(to)));
    const x = i * 120 + 20;
    const amount =
      i === 0 || i === n - 1 ? money(i === 0 ? s.before : s.final) : signed((values[i] ?? 0n) - (values[i - 1] ?? 0n));
    bars.push(
      `<rect class="${cls}" x="${x}" y="${y1.toFixed(1)}" width="80" height="${h.toFixed(1)}"><title>${escapeHtml(labels[i]!)}: ${escapeHtml(amount)}</title></rect>` +
        `<text x="${x + 40}" y="${(y1 - 4).toFixed(1)}" text-anchor="middle">${escapeHtml(amount)}</text>` +
        `<text x="${x + 40}" y="${H - 28}" text-anchor="middle" class="label">${escapeHtml(labels[i]!)}</text>`,
    );
  }
  return `<svg role="img" aria-label="Waterfall of subset ${escapeHtml(s.subset)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}

function stagesRow(cells: readonly string[], st: Stages, steps: number): string {
  const after = Array.from(
    { length: steps },
    (_, k) => `<td class="n">${st.after[k] === undefined ? '' : money(st.after[k]!)}</td>`,
  );
  const final = finalOf(st);
  return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}<td class="n">${money(st.before)}</td>${after.join('')}<td class="n">${money(final)}</td><td class="n">${signed(final - st.before)}</td></tr>`;
}

export function formatPreviewHtml(result: PreviewResult): string {
  const sections = result.subsets.map((s) => {
    const wf = result.workflows.find((w) => w.name === s.workflow);
    const steps = wf?.steps.length ?? 0;
    const head = `<tr><th>account</th><th>name</th><th>before</th>${(wf?.steps ?? []).map((st) => `<th>${st.step}. ${escapeHtml(st.rule)}</th>`).join('')}<th>final</th><th>difference</th></tr>`;
    const stepList = (wf?.steps ?? [])
      .map((st) => `<li>${escapeHtml(st.sentence)} <span class="${st.exactness}">(${st.exactness})</span></li>`)
      .join('');
    const services = s.services.map((sv) => stagesRow([sv.service, ''], sv, steps)).join('');
    return `<section><h2>${escapeHtml(s.subset)}</h2>
<p>Workflow “${escapeHtml(s.workflow)}”${s.endCustomer === null ? '' : `, end customer ${escapeHtml(s.endCustomer.consoleEmail)} (org ${escapeHtml(s.endCustomer.spotOrgId)})`}: before ${money(s.before)}, final ${money(s.final)}, difference ${signed(s.difference)}.</p>
<ol>${stepList}</ol>
${waterfall(result, s)}
<h3>By account</h3><table>${head}${s.accounts.map((a) => stagesRow([a.accountId, a.name], a, steps)).join('')}</table>
<h3>By service</h3><table>${head.replace('<th>account</th><th>name</th>', '<th>service</th><th></th>')}${services}</table>
</section>`;
  });
  const notes = result.notes.map((n) => `<li class="${n.severity}">${escapeHtml(n.message)}</li>`).join('');
  const notEnrolled =
    result.notEnrolled.accounts.length === 0
      ? ''
      : `<section><h2>Not enrolled</h2><p>${result.notEnrolled.accounts.length} accounts of the CUR are not in the workbook: ${money(result.notEnrolled.before)}, no workflow applied.</p><table><tr><th>account</th><th>charge</th></tr>${result.notEnrolled.accounts.map((a) => `<tr><td>${a.accountId}</td><td class="n">${money(a.before)}</td></tr>`).join('')}</table></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Billing workflow preview ${escapeHtml(result.month ?? '')}</title>
<style>
body{font-family:Segoe UI,system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}
rect.total{fill:#4a6fa5}rect.up{fill:#c0504d}rect.down{fill:#4f9a55}
svg text{font-size:11px}svg text.label{font-size:10px}
.approximate{color:#a15c00}.not-computed{color:#b00020}li.warning{color:#a15c00}
</style></head><body>
<h1>Billing workflow preview</h1>
<p>Month ${escapeHtml(result.month ?? 'unknown')}, payer ${escapeHtml(result.payer ?? 'unknown')}, ${escapeHtml(DIALECT_TITLES[result.dialect])}, ${result.rows.previewed.toLocaleString('en-US')} line items. Total before ${money(result.total.before)}, final ${money(result.total.final)}.</p>
${sections.join('\n')}
${notEnrolled}
${notes === '' ? '' : `<section><h2>Approximations and warnings</h2><ul>${notes}</ul></section>`}
</body></html>
`;
}
