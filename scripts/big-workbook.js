// The generated 50,000-account workbook that the benchmarks read (scripts/bench.js,
// scripts/bench-package.js): the example's enrollment and workflows, and as many accounts,
// subsets and end customers as asked, IDs as text with leading zeros. Uses the built CLI (dist/cli).
const fs = require('fs');
const path = require('path');

const DIST = path.join(__dirname, '..', 'dist', 'cli');

async function generate(file, accounts, subsets) {
  const ExcelJS = require('exceljs');
  const { SHEETS, ENROLLMENT_FIELDS } = require(path.join(DIST, 'core', 'sheets.js'));
  const { exampleContent } = require(path.join(DIST, 'cli', 'example.js'));
  const example = exampleContent();
  const workflows = [...new Set(example.rows.billingWorkflows.map((r) => r[0]))];

  const pad = (n) => String(n).padStart(12, '0');
  const subsetName = (k) => `Subset ${k + 1}`;
  const workflowOf = (k) => workflows[k % workflows.length];
  const rows = {
    enrollment: ENROLLMENT_FIELDS.map((f) => [f.label, example.enrollment[f.key] ?? '']),
    // Unique IDs spread over the 12-digit range, leading zeros included, stored as text.
    accounts: function* () {
      for (let i = 0; i < accounts; i++) {
        const k = i % subsets;
        yield [
          `Customer ${k + 1} account ${i + 1}`,
          `aws-${i + 1}@customer${k + 1}.example.com`,
          pad(i * 19999001 + 7),
          subsetName(k),
        ];
      }
    },
    subsetWorkflows: function* () {
      for (let k = 0; k < subsets; k++) yield [subsetName(k), workflowOf(k)];
    },
    billingWorkflows: function* () {
      yield* example.rows.billingWorkflows;
    },
    endCustomers: function* () {
      for (let k = 0; k < subsets; k++) {
        yield [
          `finops@customer${k + 1}.example.com`,
          `606${String(k + 1).padStart(9, '0')}`,
          subsetName(k),
          workflowOf(k),
        ];
      }
    },
  };

  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  // The streaming writer, with shared strings and styles as Excel writes them.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    }));
    const source = rows[spec.key];
    for (const values of Array.isArray(source) ? source : source()) ws.addRow(values).commit();
    ws.commit();
  }
  await wb.commit();
  fs.renameSync(tmp, file);
}

module.exports = { generate };
