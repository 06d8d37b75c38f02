#!/usr/bin/env node
// HTTPS certificate for the dev server (https://localhost:3000), used by webpack.config.js.
//
// 1. office-addin-dev-certs' getHttpsServerOptions(): a localhost certificate signed by the
//    "Developer CA for Microsoft Office Add-ins", which it installs as trusted (this is what the
//    Yeoman template does). Where it cannot install its CA (no sudo, no keychain access, as on
//    the build machines) it throws, and:
// 2. a self-signed localhost certificate kept in .cache/certs/ (gitignored) and reused while it
//    is valid: made with openssl where present, else with office-addin-dev-certs' own generator.
//    Browsers and Office do not trust it: the dev server starts and `curl -k` works, but Office
//    will not load the add-in until the user runs `npx office-addin-dev-certs install` on their
//    own machine (then step 1 succeeds). A warning says so, once per start.
//
// `node scripts/dev-certs.js` prints which certificate the dev server would use.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const CERT_DIR = path.resolve(__dirname, '..', '.cache', 'certs');
const KEY_FILE = path.join(CERT_DIR, 'localhost.key');
const CERT_FILE = path.join(CERT_DIR, 'localhost.crt');
const CA_FILE = path.join(CERT_DIR, 'ca.crt'); // only with office-addin-dev-certs' generator
const DAYS = 30;

let warned = false;

function warnUntrusted(reason) {
  if (warned) return;
  warned = true;
  console.warn(
    [
      '',
      'dev-certs: WARNING: the dev server uses a local certificate that browsers and Office do not trust:',
      `  ${path.relative(process.cwd(), CERT_FILE)}`,
      `  (office-addin-dev-certs could not provide a trusted one: ${reason})`,
      '  The server runs (curl -k works), but Office will not load the add-in from it.',
      '  On your own machine, run once:  npx office-addin-dev-certs install',
      '  then restart the dev server (npm run dev-server, or npm run start:desktop).',
      '',
    ].join('\n'),
  );
}

/** The cached certificate, if it exists, covers localhost and is valid for at least another day. */
function readCachedCertificate() {
  if (!fs.existsSync(KEY_FILE) || !fs.existsSync(CERT_FILE)) return undefined;
  try {
    const cert = fs.readFileSync(CERT_FILE);
    const key = fs.readFileSync(KEY_FILE);
    const x509 = new crypto.X509Certificate(cert);
    const oneDayFromNow = Date.now() + 24 * 60 * 60 * 1000;
    if (new Date(x509.validTo).getTime() < oneDayFromNow) return undefined;
    if (new Date(x509.validFrom).getTime() > Date.now()) return undefined;
    if (x509.checkHost('localhost') === undefined) return undefined;
    if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) return undefined;
    return { key, cert };
  } catch {
    return undefined;
  }
}

function hasOpenssl() {
  const result = spawnSync('openssl', ['version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function generateWithOpenssl() {
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      KEY_FILE,
      '-out',
      CERT_FILE,
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-days',
      String(DAYS),
    ],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    throw new Error(`openssl failed: ${result.error ? result.error.message : result.stderr.trim()}`);
  }
}

async function generateWithOfficeAddinDevCerts() {
  const { generateCertificates } = require('office-addin-dev-certs');
  await generateCertificates(CA_FILE, CERT_FILE, KEY_FILE, DAYS, ['localhost', '127.0.0.1']);
}

/** A self-signed localhost certificate from .cache/certs/, made if missing or expiring. */
async function localCertificate() {
  const cached = readCachedCertificate();
  if (cached) return cached;
  fs.mkdirSync(CERT_DIR, { recursive: true });
  if (hasOpenssl()) generateWithOpenssl();
  else await generateWithOfficeAddinDevCerts();
  fs.chmodSync(KEY_FILE, 0o600);
  const made = readCachedCertificate();
  if (!made) throw new Error(`could not make a usable certificate in ${CERT_DIR}`);
  return made;
}

/**
 * Key and certificate for webpack-dev-server's `server.options`.
 * @returns {Promise<{ key: Buffer, cert: Buffer, ca?: Buffer, trusted: boolean }>}
 */
async function getDevServerHttpsOptions() {
  let reason;
  try {
    const { getHttpsServerOptions } = require('office-addin-dev-certs');
    const options = await getHttpsServerOptions();
    if (options && options.key && options.cert) {
      return { key: options.key, cert: options.cert, ca: options.ca, trusted: true };
    }
    reason = 'it returned no certificate';
  } catch (err) {
    reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
  const local = await localCertificate();
  warnUntrusted(reason);
  return { ...local, trusted: false };
}

module.exports = { getDevServerHttpsOptions, CERT_DIR };

if (require.main === module) {
  getDevServerHttpsOptions().then(
    ({ cert, trusted }) => {
      const x509 = new crypto.X509Certificate(cert);
      console.log(`${trusted ? 'trusted (office-addin-dev-certs)' : 'self-signed, untrusted'}: ${x509.subject}`);
      console.log(`  ${x509.subjectAltName}; valid until ${x509.validTo}`);
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
