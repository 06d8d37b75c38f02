// Webpack loader for @microsoft/office-js's Excel client library (the harness): the file becomes
// a module exporting the client as a function of `window` (scripts/office-client.js).
'use strict';

const { officeClientModule } = require('./office-client');

module.exports = function officeClientLoader(source) {
  return officeClientModule(source);
};
