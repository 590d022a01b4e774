import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layers (README "Layers"): what each folder may import and touch, enforced here so that the
 * arrows hold without anyone remembering them. tests/gate/layers.test.ts proves each rule bites.
 */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'FormApp',
  'MailApp',
  'GmailApp',
  'DriveApp',
  'DocumentApp',
  'ScriptApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'Session',
  'Utilities',
  'HtmlService',
  'UrlFetchApp',
  'Logger',
  'Browser',
  'ContentService',
];
const noAppsScript = (why) => ['error', ...APPS_SCRIPT_GLOBALS.map((name) => ({ name, message: `${name} is an Apps Script service: ${why}` }))];
/** An import path that reaches a folder of src/ (from anywhere below src/, any depth of ../). */
const srcFolder = (names) => `(^|/)(${names.join('|')})(/|$)`;
const restrict = (patterns, allowTypeImports = false) => ['error', { patterns: patterns.map(([regex, message]) => ({ regex, message, allowTypeImports })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // What ships never reaches into the emulator, the tests or the Node scripts.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        [srcFolder(['emulator', 'tests', 'scripts']), 'src/ ships to Apps Script: it cannot import the emulator, tests or scripts.'],
      ]),
    },
  },
  {
    // Pure code: decisions as functions of data, testable without Apps Script.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': noAppsScript('domain/ is pure; call it from app/ with the data, and reach Apps Script through gas/.'),
      '@typescript-eslint/no-restricted-imports': restrict([
        [
          srcFolder(['gas', 'app', 'ui', 'emulator', 'tests', 'scripts']),
          'domain/ is pure: it imports only domain/ and defaults/ (the adapters and features call it, not the other way round).',
        ],
      ]),
    },
  },
  {
    // Features go through the gas/ adapters for every Apps Script service.
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-globals': noAppsScript('app/ reaches Apps Script through a gas/ adapter.') },
  },
  {
    // Browser code: server code only as types (a page's bundle must not pull in the server). The one
    // exception is domain/text (pure; the directory searches with the registry's own text fold).
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-globals': noAppsScript('ui/ runs in the browser, where there is none; call the server through ui/rpc.ts.'),
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          [
            srcFolder(['app', 'gas', 'defaults', 'main', 'emulator', 'tests', 'scripts']),
            'ui/ runs in the browser: it imports server code only with `import type`.',
          ],
          ['(^|/)domain/(?!text$)', 'ui/ runs in the browser: it imports domain/ code only with `import type` (domain/text excepted).'],
        ],
        true,
      ),
    },
  },
  {
    // The emulator is a package of its own: it runs any Apps Script bundle, not this product's code.
    files: ['emulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([[srcFolder(['src']), 'emulator/ cannot import the product (src/): it runs the built bundle.']]),
    },
  },
);
