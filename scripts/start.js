#!/usr/bin/env node
// `npm start`: shows the command line on the example workbook, then serves the add-in and the
// browser harness (webpack dev server, https://localhost:3000) and opens the harness in a browser
// when one is available. Ctrl+C stops the server. See README.md and docs/harness.md.
//
// Where Excel exists (Windows, Mac, or Excel on the web), `npm run start:desktop` or
// `npm run start:web` sideloads the add-in instead (docs/addin.md).
'use strict';

const https = require('node:https');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const HARNESS_URL = 'https://localhost:3000/harness.html';
const EXAMPLE = 'examples/enrollment.xlsx';

function step(text) {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`);
}

// 1. The command line on the example (built by `npm ci` through `prepare`; built here if missing).
if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'cli', 'main.js'))) {
  step('Building the command line (npm run build:cli)');
  const built = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
step(`msp-enroll validate ${EXAMPLE}`);
const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'msp-enroll.js'), 'validate', EXAMPLE], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (cli.status !== 0) console.warn(`(msp-enroll exited with ${cli.status}: see above; starting the server anyway)`);

// 2. The dev server.
step('Starting the dev server (webpack serve, https://localhost:3000)');
const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
const server = spawn(process.execPath, [webpack, 'serve', '--mode', 'development', '--stats', 'errors-warnings'], {
  cwd: ROOT,
  stdio: 'inherit',
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
}
server.on('exit', (code, signal) => {
  if (!stopping) console.error(`The dev server stopped (${signal ?? `exit code ${code}`}).`);
  process.exit(stopping ? 0 : (code ?? 1));
});

/** Resolves when the harness page answers (the dev server's certificate may be untrusted: -k). */
function waitForServer(deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = https.get(HARNESS_URL, { rejectUnauthorized: false }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on('error', retry);
      req.setTimeout(5000, () => req.destroy());
    };
    const retry = () => (Date.now() > deadline ? reject(new Error('no answer')) : setTimeout(attempt, 500));
    attempt();
  });
}

function openBrowser(url) {
  // Only where a desktop session exists; quietly nothing otherwise (servers, containers, CI).
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const command = { darwin: 'open', win32: 'explorer' }[process.platform] ?? 'xdg-open';
  if (process.platform === 'linux' && spawnSync('which', [command]).status !== 0) return false;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

waitForServer(Date.now() + 180_000).then(
  () => {
    const opened = openBrowser(HARNESS_URL);
    console.log(
      [
        '',
        '\x1b[1mHarness (the task pane beside an in-memory workbook):\x1b[0m',
        `  ${HARNESS_URL}${opened ? '   (opened in your browser)' : ''}`,
        'The task pane for Excel: https://localhost:3000/taskpane.html (needs Excel: npm run start:desktop / start:web)',
        'The certificate is local: accept it in the browser if it asks. Ctrl+C stops the server.',
        '',
      ].join('\n'),
    );
  },
  () => console.error(`The dev server did not answer at ${HARNESS_URL} within 3 minutes.`),
);
