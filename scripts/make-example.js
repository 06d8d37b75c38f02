// Writes examples/enrollment.xlsx from src/cli/example.ts (through the compiled CLI):
// `npm run example` builds, then runs this.
'use strict';

const path = require('path');
const { writeExample } = require('../dist/cli/cli/example.js');

const out = path.join(__dirname, '..', 'examples', 'enrollment.xlsx');
writeExample(out).then(
  () => process.stdout.write(`Wrote ${path.relative(process.cwd(), out)}\n`),
  (e) => {
    process.stderr.write(`make-example: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
