#!/usr/bin/env node
// The installed `msp-enroll` command: a shim over the compiled CLI (`npm run build:cli`, which
// `npm install` runs through the `prepare` script).
'use strict';

const path = require('path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'cli', 'main.js');
let cli;
try {
  cli = require(entry);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(entry)) {
    process.stderr.write('msp-enroll: the command is not built yet; run `npm run build:cli` (or `npm install`)\n');
    process.exit(2);
  }
  throw e;
}
cli.main();
