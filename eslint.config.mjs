// Flat config: typescript-eslint recommended rules + prettier (formatting is prettier's job, not the linter's).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': 'off',
    },
  },
  // Test files: Jest's recommended rules (no-conditional-expect, no-standalone-expect, valid-expect...).
  // The embedded server's conformance suites are functions that declare tests for several targets.
  {
    files: ['tests/**/*.ts'],
    ignores: ['tests/embedded-mongo/**', 'packages/mongo-embedded/tests/**'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Supertest's `.expect(status)` (on `request(app)` or a helper such as `as(user)`) is an assertion.
      'jest/expect-expect': [
        'error',
        {
          assertFunctionNames: [
            'expect',
            'expect*',
            'request.**.expect',
            'as.**.expect',
            'closed',
            'stillReceives',
          ],
        },
      ],
    },
  },
);
