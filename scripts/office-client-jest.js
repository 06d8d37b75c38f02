// Jest transform for @microsoft/office-js's Excel client library: the file becomes a module
// exporting the client as a function of `window` (scripts/office-client.js).
'use strict';

const crypto = require('node:crypto');
const { officeClientModule } = require('./office-client');

module.exports = {
  process(sourceText) {
    return { code: officeClientModule(sourceText) };
  },
  getCacheKey(sourceText) {
    return crypto.createHash('sha256').update(sourceText).update(officeClientModule.toString()).digest('hex');
  },
};
