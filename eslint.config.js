// Lint: TypeScript rules plus the layer direction of ../shared/DESIGN.md, enforced with
// `no-restricted-imports` per folder. test/lint/layers.test.ts proves the rule bites.
import tseslint from 'typescript-eslint';

/** Modules that do I/O or talk to AWS: only the I/O layers may import them. */
const IO_MODULES = [
  { group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS SDK calls live in src/aws/ only (DESIGN.md §1).' },
  {
    group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https', 'node:child_process', 'child_process', 'better-sqlite3', 'pg', 'nodemailer'],
    message: 'Pure layers do no I/O (DESIGN.md §1): take data in, return data out.',
  },
];

/** Lower layers a pure layer must never reach into. */
const LOWER_LAYERS = {
  group: ['**/aws/**', '**/collect/**', '**/activity/readers/**', '**/store/**', '**/notify/**', '**/sandbox/**', '**/server/**', '**/web/**', '**/cli/**'],
  message: 'Data flows one way (DESIGN.md §1): a layer never imports a layer below it.',
};

const pureLayerFiles = ['model', 'catalog', 'engine', 'analyzers', 'detect', 'generate', 'findings'].map((l) => `src/${l}/**/*.ts`);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench/out/**', 'test-artifacts/**', 'src/web/assets/vendor/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='RegExp']", message: 'RegExp built at run time may be super-linear; use src/engine/wildcard or justify with an eslint-disable comment.' }],
    },
  },
  {
    files: pureLayerFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [...IO_MODULES, LOWER_LAYERS] }] },
  },
  {
    // actions reach AWS and the store through interfaces (AwsGateway, stores) handed to them.
    files: ['src/actions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...IO_MODULES, { ...LOWER_LAYERS, group: ['**/collect/**', '**/notify/**', '**/sandbox/**', '**/server/**', '**/web/**', '**/cli/**'] }] }] },
  },
  {
    // activity aggregation is pure; only its readers/ subfolder does I/O.
    files: ['src/activity/**/*.ts'],
    ignores: ['src/activity/readers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...IO_MODULES, LOWER_LAYERS] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
