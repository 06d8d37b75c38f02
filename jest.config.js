/** @type {import('jest').Config} */
module.exports = {
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  transform: {
    // tsc is the type-checker of record (`npm run typecheck`); ts-jest only transpiles.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // hyparquet and its companions (hysnappy: its snappy codec) ship ES modules only; jest runs
    // CommonJS, so they are transpiled.
    '^.+/node_modules/(hyparquet|hyparquet-compressors|hyparquet-writer|hysnappy)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false },
    ],
    // Microsoft's Excel client for the in-memory host (scripts/office-client.js, docs/excel.md).
    '@microsoft[\\\\/]office-js[\\\\/]dist[\\\\/]excel-web-16\\.00\\.js$': '<rootDir>/scripts/office-client-jest.js',
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(hyparquet|hyparquet-compressors|hyparquet-writer|hysnappy|@microsoft/office-js)/)',
  ],
  testEnvironment: 'node',
  // Property tests run hundreds of cases; on a busy 2-core CI machine 5 s is not enough. No
  // test asserts on time (speed is measured by the bench scripts).
  testTimeout: 60_000,
};
