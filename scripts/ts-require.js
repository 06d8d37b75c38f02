// Lets a Node script require the project's .ts/.tsx sources: each file goes through TypeScript's
// transpiler (types are checked by `npm run typecheck`, not here). Used by the bench scripts.
'use strict';

const fs = require('node:fs');
const ts = require('typescript');

for (const ext of ['.ts', '.tsx']) {
  require.extensions[ext] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        jsx: ts.JsxEmit.ReactJSX,
        esModuleInterop: true,
      },
    });
    module._compile(outputText, filename);
  };
}
