// Lint rules, including the architecture of DESIGN.md §2 as errors rather than review comments.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const appsScriptServices = [
  'SpreadsheetApp',
  'UrlFetchApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'GmailApp',
  'Gmail',
  'MailApp',
  'ScriptApp',
  'HtmlService',
  'Session',
  'Utilities',
  'Logger',
].map((name) => ({ name, message: 'Apps Script services belong in src/server.' }));

const nodeOnly = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'http', 'child_process', 'worker_threads'],
      message: 'No Node API outside src/local.',
    },
    { group: ['**/local/**'], message: 'src/local is Node-only and never bundled.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.crm-local/',
      'coverage/',
      'artifacts/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptServices],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes the clock as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core takes the clock as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'core is deterministic.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeOnly.patterns,
            { group: ['**/server/**', '**/sidebar/**'], message: 'core imports only core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeOnly.patterns,
            {
              group: ['**/sidebar/**'],
              message: 'The sidebar talks to the server through src/server/api only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The HtmlService pages: the sidebar and the dialogs.
    files: ['src/sidebar/**/*.ts', 'src/dialogs/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptServices],
      'no-restricted-imports': ['error', { patterns: [...nodeOnly.patterns] }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM nodes; set textContent.' },
      ],
    },
  },
);
