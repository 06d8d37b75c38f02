/** The preview's formats with hostile names: HTML escapes them, CSV keeps them from becoming formulas. */
import { parse } from 'csv-parse/sync';
import {
  formatPreviewCsv,
  formatPreviewHtml,
  formatPreviewJson,
  formatPreviewText,
} from '../../src/cli/preview-format';
import { enrollmentOf, moneyOf, previewOf } from '../core/preview/helpers';

const A = '111111111111';
const result = previewOf(
  enrollmentOf([{ name: '<img src=x onerror=alert(1)>', workflow: '=HYPERLINK("http://x")', accounts: [A] }], {
    '=HYPERLINK("http://x")': [{ rule: 'uplift', parameters: { percent: 10 } }],
  }),
  [
    { usageAccountId: A, lineItemType: 'Usage', unblendedCost: '0.00000001', productCode: '+cmd' },
    { usageAccountId: A, lineItemType: 'Usage', unblendedCost: '2', productCode: 'AmazonEC2' },
  ],
);

it('HTML escapes every name', () => {
  const html = formatPreviewHtml(result);
  expect(html).not.toContain('<img');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
});

it('CSV prefixes text that a spreadsheet would run as a formula, and keeps money exact', () => {
  const rows = parse(formatPreviewCsv(result), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r['workflow'])).toEqual(['\'=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")']);
  expect(rows.map((r) => r['service']).sort()).toEqual(["'+cmd", 'AmazonEC2']);
  expect(rows.find((r) => r['service'] === "'+cmd")!['before']).toBe('0.00000001');
});

it('JSON gives money as exact decimal strings', () => {
  const json = JSON.parse(formatPreviewJson(result));
  expect(json.total.before).toBe('2.00000001');
  expect(moneyOf(json.total.final)).toBe(moneyOf('2.200000011'));
});

it('text shows a table per subset with each step and the difference', () => {
  const text = formatPreviewText(result);
  expect(text).toMatch(/1\s+uplift\s+2\.20\s+\+0\.20\s+exact/);
  expect(text).toMatch(/final\s+2\.20\s+\+0\.20/);
});
