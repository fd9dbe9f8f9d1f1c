import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.cache/', 'coverage/', 'tools/ferretdb/', 'adapters/console/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The core stays platform-neutral (CONVENTIONS.md, habit 2).
      'no-restricted-imports': [
        'error',
        { patterns: ['@slack/*', 'botbuilder*', '@microsoft/*', 'express', 'node-cron', '**/adapters/**', '**/jobs/**'] },
      ],
    },
  },
  { files: ['tools/**/*.mjs', 'adapters/cli/**/*.ts', 'app/wbbsi.ts', 'test/bench/**/*.ts'], rules: { 'no-console': 'off' } },
  { files: ['jest.config.js', '.dependency-cruiser.cjs'], languageOptions: { globals: { module: 'writable' } } },
  { files: ['tools/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
