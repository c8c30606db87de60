// Only the regular-expression rules (issue #8): every regex in src/ must be linear. The general lint is
// Biome (`npm run lint`); this config runs eslint-plugin-regexp's backtracking checks alone.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export default [
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { regexp },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false }],
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
];
