#!/usr/bin/env node
// Offline validation of the add-in-only XML manifest against Microsoft's XSDs.
//
// `office-addin-manifest validate` posts the manifest to an online Microsoft service that these
// machines cannot reach, so this validates against the published XSDs instead, with libxml2
// compiled to WebAssembly (xmllint-wasm): no network, no native binary.
//
// Usage: node scripts/validate-manifest.js [MANIFEST ...] [--schemas DIR]
//   MANIFEST  defaults to manifest.xml at the repository root
//   DIR       defaults to $MANIFEST_SCHEMA_DIR, else schemas/office-addin-manifest in the
//             repository (copied from shared/, with its origin and licence in its README)
// Exit: 0 every manifest is valid; 1 a manifest is invalid (xmllint's errors on stderr);
//       2 validation could not run (a file or the schema folder is missing, bad arguments).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { validateXML } = require('xmllint-wasm');

const REPO_ROOT = path.resolve(__dirname, '..');
const ENTRY_SCHEMA = 'OfficeAppManifestV1_1.xsd';

/** The folder holding Microsoft's manifest XSDs. */
function defaultSchemaDir() {
  return process.env.MANIFEST_SCHEMA_DIR
    ? path.resolve(process.env.MANIFEST_SCHEMA_DIR)
    : path.resolve(REPO_ROOT, 'schemas', 'office-addin-manifest');
}

/**
 * Reads the entry schema and every other .xsd beside it (they import one another by file name).
 * @param {string} schemaDir
 */
function loadSchemas(schemaDir) {
  const entryPath = path.join(schemaDir, ENTRY_SCHEMA);
  if (!fs.existsSync(entryPath)) {
    throw new Error(
      `Manifest schemas not found: ${entryPath} does not exist. ` +
        'Expected schemas/office-addin-manifest/ in the repository, or set MANIFEST_SCHEMA_DIR / --schemas.',
    );
  }
  const others = fs
    .readdirSync(schemaDir)
    .filter((name) => name.endsWith('.xsd') && name !== ENTRY_SCHEMA)
    .sort()
    .map((name) => ({ fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), 'utf8') }));
  return { schema: { fileName: ENTRY_SCHEMA, contents: fs.readFileSync(entryPath, 'utf8') }, preload: others };
}

/**
 * Validates manifest text against the XSDs.
 * @param {string} xml the manifest's text
 * @param {{ fileName?: string, schemaDir?: string }} [options]
 * @returns {Promise<{ valid: boolean, errors: string[] }>} errors are xmllint's messages, with line numbers
 */
async function validateManifest(xml, options = {}) {
  const { schema, preload } = loadSchemas(options.schemaDir ?? defaultSchemaDir());
  const fileName = path.basename(options.fileName ?? 'manifest.xml');
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [schema], preload });
  const errors = result.errors.map((e) => e.rawMessage.trim()).filter((message) => message.length > 0);
  return { valid: result.valid, errors };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const files = [];
  let schemaDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schemas') {
      schemaDir = argv[++i];
      if (!schemaDir) throw new Error('--schemas needs a folder');
    } else if (arg === '-h' || arg === '--help') {
      return { help: true, files, schemaDir };
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) files.push(path.join(REPO_ROOT, 'manifest.xml'));
  return { help: false, files, schemaDir };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`validate-manifest: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (args.help) {
    console.log('Usage: node scripts/validate-manifest.js [MANIFEST ...] [--schemas DIR]');
    return 0;
  }
  let status = 0;
  for (const file of args.files) {
    let result;
    try {
      const xml = fs.readFileSync(file, 'utf8');
      result = await validateManifest(xml, { fileName: file, schemaDir: args.schemaDir });
    } catch (err) {
      console.error(`validate-manifest: ${err instanceof Error ? err.message : String(err)}`);
      return 2;
    }
    const shown = path.relative(process.cwd(), path.resolve(file)) || file;
    if (result.valid) {
      console.log(`${shown}: valid (Office add-in manifest schema ${ENTRY_SCHEMA})`);
    } else {
      console.error(`${shown}: INVALID`);
      for (const message of result.errors) console.error(`  ${message}`);
      status = 1;
    }
  }
  return status;
}

module.exports = { validateManifest, defaultSchemaDir, ENTRY_SCHEMA };

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
