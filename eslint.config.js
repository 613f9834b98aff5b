// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  eslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.stringContaining, ...) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // A function that outgrows a screen is split where a name can say what the part does.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // src/core is shared by every action and never depends on one.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/actions/**'], message: 'src/core never imports an action.' }] },
      ],
    },
  },
  {
    // core/action is the bottom layer (with core/util): the runtime, inputs, errors, permissions.
    files: ['src/core/action/**/*.ts', 'src/core/util/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/actions/**'], message: 'src/core never imports an action.' },
            {
              regex: '^\\.\\./(?!util/)',
              message:
                'core/action and core/util import only each other: they are the bottom layer.',
            },
          ],
        },
      ],
    },
  },
  {
    // An action never imports another: what two actions share lives in src/core (a sibling
    // import starts with '../' and names an action folder, not '../../core').
    files: ['src/actions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/',
              message: 'An action never imports another action: move what they share to src/core.',
            },
            {
              group: ['**/core/aws/clients.js'],
              importNames: ['createClient'],
              message:
                'Ask context.clients.get(...) for a client: one lazy factory per step, shared by plan and execution.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
