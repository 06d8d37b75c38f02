// Microsoft's Office.js client for Excel (proxy objects, load, sync, batching, request and
// response messages, errors), taken from @microsoft/office-js as the file Excel on the web loads,
// for the in-memory Excel host (src/in-memory-excel) in jest, the harness and the benchmarks.
//
// That file is office.js's Excel-on-the-web bundle: Office's common layer (OSF: the messaging
// with the page that frames the add-in), then the client (OfficeExtension, OfficeCore, Excel).
// Only the client is taken, unchanged, between two markers of the file; OSF is what the
// in-memory host replaces. The text is wrapped in a function of `window` (the one global it
// reads, for `window.Office.context.requirements` and `.platform`), so that each host gets its
// own copy of the client and nothing is left on the real global object. Used by the jest
// transform (office-client-jest.js), the webpack loader (office-client-loader.js) and bench
// scripts. See docs/excel.md.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The Excel on the web client library of @microsoft/office-js. */
const OFFICE_CLIENT_FILE = path.join(
  path.dirname(require.resolve('@microsoft/office-js/package.json')),
  'dist',
  'excel-web-16.00.js',
);

/** Names the client declares at its top level (with `var` in the file's parts we leave out). */
const DECLARED = [
  '__extends',
  '__assign',
  '__awaiter',
  '__generator',
  'OfficeExtension',
  'OfficeCore',
  'Excel',
  'Office',
];

/**
 * The client's source as a CommonJS module exporting `(window) => ({ Excel, OfficeExtension })`.
 * @param {string} text the library file's text
 */
function officeClientModule(text) {
  // The client starts where the OfficeExtension runtime does (its first statement defines
  // __extends again, then `OfficeExtension._Internal.OfficeRequire`) and ends at `_EndExcel`.
  const require_ = text.indexOf('OfficeRequire');
  if (require_ < 0) throw new Error('office-client: no OfficeExtension runtime in the library');
  const start = Math.max(text.lastIndexOf('var __extends', require_), text.lastIndexOf('__extends=', require_));
  const endMarker = text.indexOf('_EndExcel="_EndExcel"') >= 0 ? '_EndExcel="_EndExcel"' : '_EndExcel = "_EndExcel"';
  const end = text.indexOf(endMarker);
  if (start < 0 || end < 0) throw new Error('office-client: the library has changed shape (markers not found)');
  const body = text.slice(start, end + endMarker.length);
  return [
    'module.exports = function officeClient(window) {',
    `var ${DECLARED.join(', ')}, _BeginExcel, _EndExcel;`,
    body,
    ';',
    'return { Excel: Excel, OfficeExtension: OfficeExtension };',
    '};',
    '',
  ].join('\n');
}

/** Loads the client in Node (benchmarks): a fresh copy per call of the returned factory. */
function loadOfficeClient() {
  const vm = require('node:vm');
  const source = officeClientModule(fs.readFileSync(OFFICE_CLIENT_FILE, 'utf8'));
  const module = { exports: /** @type {unknown} */ (null) };
  vm.runInThisContext(`(function (module) {\n${source}\n})`, { filename: OFFICE_CLIENT_FILE })(module);
  return module.exports;
}

module.exports = { OFFICE_CLIENT_FILE, officeClientModule, loadOfficeClient };
