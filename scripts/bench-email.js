#!/usr/bin/env node
/**
 * The e-mail check on pathological cells (issue 16, item 6): 40 cells of the maximum cell size
 * (32,767 characters) shaped to make a backtracking pattern work hardest, judged as the validator
 * judges an e-mail cell. Prints the time per shape. Run after `npm run build:cli`.
 */
const { judgeEmail } = require('../dist/cli/core/values.js');

const MAX = 32767;
const SHAPES = {
  'placeholder word, spaces, a stop': `email${' '.repeat(MAX - 6)}!`,
  'placeholder word, spaces, #, spaces': `tbd${' '.repeat(16000)}#${' '.repeat(MAX - 16005)}!`,
  'bracket, spaces, no closing one': `(${' '.repeat(MAX - 2)}x`,
  'bracket, line breaks and spaces': `<${' \n'.repeat((MAX - 3) / 2)}x!`,
  'local part, no @': 'a'.repeat(MAX),
  'long domain label': `a@${'a'.repeat(MAX - 3)}!`,
  'dotted labels': `a@${'a.'.repeat((MAX - 3) / 2)}!`,
  'hyphens in a label': `a@a${'-'.repeat(MAX - 4)}!`,
};
const CELLS = 40;
let total = 0;
for (const [name, value] of Object.entries(SHAPES)) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CELLS; i++) judgeEmail({ type: 'text', value }, 'Contact Email');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  total += ms;
  console.log(`${name.padEnd(36)} ${String(value.length).padStart(6)} chars x ${CELLS}: ${ms.toFixed(1)} ms`);
}
console.log(`total ${(total / 1000).toFixed(2)} s`);
