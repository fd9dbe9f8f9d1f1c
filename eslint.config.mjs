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
  {
    // Mongoose models are the repositories' business (src/db): everything else gets plain objects from them.
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'jobs/**/*.ts'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='models']", message: 'Use a repository method (src/db/repositories): models are used in src/db only.' },
      ],
    },
  },
  { files: ['tools/**/*.mjs', 'adapters/cli/**/*.ts', 'app/wbbsi.ts', 'test/bench/**/*.ts'], rules: { 'no-console': 'off' } },
  { files: ['jest.config.js', '.dependency-cruiser.cjs'], languageOptions: { globals: { module: 'writable' } } },
  { files: ['tools/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
