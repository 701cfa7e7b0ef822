// ESLint flat config: typescript-eslint's recommended rules plus type-aware rules that catch real bugs (a promise
// nobody awaits or catches, a promise where a callback's return value is ignored, a switch that misses a case).
// The scripts and benchmarks (scripts/, bench/: plain Node ES modules and CommonJS) get the same recommended rules
// without types. Formatting is Prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import statusComparisons from './scripts/lint/status-comparisons.cjs';

/** What the lazy seam forbids in src (but src/extension.ts): see its block below. */
const LAZY_SEAM = [
  {
    group: ['**/lazy/load'],
    message: 'Only src/extension.ts loads later bundles: take a factory from the composition root instead.',
  },
  {
    group: ['**/lazy/features', '**/api/client'],
    allowTypeImports: true,
    message:
      'This module starts a bundle loaded after activation: import its types with `import type`, and get its values through a factory from src/extension.ts.',
  },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'media/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-constant-binary-expression': 'error',
      'no-self-compare': 'error',
      'no-unmodified-loop-condition': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'bench/ui/bare-webview/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // A CommonJS file's top level is its module function's scope: a name of its own may shadow a global.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      // One program from tsconfig.json, which includes every .ts file linted (the project service took about 6 s more).
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // Passing on a caught `unknown` unchanged is fine; throwing a string or a plain object is not. The emulator's
      // GatewayError is a fault description its request handler turns into an HTTP answer, not an Error.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allowThrowingUnknown: true, allowThrowingAny: false, allow: [{ from: 'file', name: 'GatewayError' }] },
      ],
      // A `.then` rejection handler's reason is typed `any`; passing it on unchanged is what it should do.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingUnknown: true, allowThrowingAny: true },
      ],
      // undici (~0.5 MB) loads on the first request (src/api/http.ts); markdown-it ships no types for the tests. The
      // other requires on first use (src/lazy/load.ts, src/api/nodeModules.ts) say why on their lines.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^undici$', '^markdown-it$'] }],
      // Sanitisers strip control characters on purpose; a regex naming them is the point, not a typo.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always'],
      'no-constant-binary-expression': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
    },
  },
  // The lazy seam: code activation does not load (dist/features.js, dist/client.js; scripts/build.mjs) is reached only
  // through src/lazy/load.ts, which only the composition root imports; it hands features factories. Everywhere else
  // the later bundles' entry modules are imported for their types: a value import would load them at activation.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: LAZY_SEAM }] },
  },
  // src/auth and src/features import nothing of each other, not even a type (CONTRIBUTING.md's layers, which
  // test/unit/layers.test.ts checks for every layer): what both need lives below them (src/tickets, src/common).
  ...[
    ['auth', 'features'],
    ['features', 'auth'],
  ].map(([from, to]) => ({
    files: [`src/${from}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LAZY_SEAM,
            {
              group: [`**/${to}`, `**/${to}/**`],
              message: `src/${from} imports nothing of src/${to} (CONTRIBUTING.md, "The layers"): move what both need down to src/tickets or src/common.`,
            },
          ],
        },
      ],
    },
  })),
  // Lifetime has one owner: a feature's register* returns what it registered (its handle is a Disposable) and the
  // composition root (src/extension.ts, src/window.ts) adds it to the extension's subscriptions.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/window.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='subscriptions']:not([object.type='ThisExpression'])",
          message:
            'Only the composition root (src/extension.ts, src/window.ts) adds to context.subscriptions: return the disposables from register* instead.',
        },
      ],
    },
  },
  // What a status means is decided once (src/tickets/status.ts; the wire's values in src/api): elsewhere a status is
  // asked through its predicates, never compared, switched on or listed by value (scripts/lint/status-comparisons.cjs).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/tickets/status.ts', 'src/api/**'],
    plugins: { house: { rules: { 'status-comparisons': statusComparisons.rule } } },
    rules: { 'house/status-comparisons': 'error' },
  },
);
