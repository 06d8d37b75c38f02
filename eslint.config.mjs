// The Office add-in rules (eslint-plugin-office-addins, what office-addin-lint runs) on top of
// typescript-eslint's recommended rules; formatting is prettier's, checked by `npm run lint`.
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'bench-out/', '.cache/'] },
  ...tseslint.configs.recommended,
  ...officeAddins.configs.react,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node, ...globals.jest, Office: 'readonly', Excel: 'readonly' },
    },
    rules: {
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
