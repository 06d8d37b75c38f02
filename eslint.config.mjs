// typescript-eslint's recommended rules, React's, and the Office add-in rules that
// office-addin-lint runs (eslint-plugin-office-addins' recommended set, e.g. load-before-read,
// sync-before-read, no context.sync in loops). The plugin's own bundled configs pin an older
// @typescript-eslint that breaks on ESLint 9.39, so its rule settings are taken and applied
// here with the current typescript-eslint. Formatting: prettier (rule prettier/prettier).
import officeAddins from 'eslint-plugin-office-addins';
import prettier from 'eslint-plugin-prettier';
import react from 'eslint-plugin-react';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const officeRecommended = officeAddins.configs.recommended.find((c) => c.plugins?.['office-addins']);
const officeRules = Object.fromEntries(
  Object.entries(officeRecommended.rules).filter(([name]) => !name.startsWith('@typescript-eslint/')),
);

export default [
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'bench-out/', '.cache/'] },
  ...tseslint.configs.recommended,
  react.configs.flat.recommended,
  {
    plugins: { 'office-addins': officeAddins, prettier },
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node, ...globals.jest, Office: 'readonly', Excel: 'readonly' },
    },
    settings: { react: { version: 'detect' } },
    rules: {
      ...officeRules,
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
