// Proves the layer rule of DESIGN.md §1 bites: ESLint, with the project's own config, rejects each
// probe below (one per rule: rank order, SDK adapters, dynamic imports, pure-layer globals) and
// accepts the legitimate counterpart. Probes are linted as text at a path inside src/; no file is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Layer-rule messages (plus any fatal parse error, so a broken probe cannot pass silently). */
async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'cordon/layers' || m.fatal || m.ruleId === null).map((m) => m.message);
}

interface Probe {
  rule: string;
  file: string;
  code: string;
  /** Part of the expected message. */
  says: RegExp;
}

const use = (spec: string) => `import * as m from '${spec}';\nexport const x = m;\n`;

/** The thirteen probes first, then one per further rule the lint enforces. */
const PROBES: Probe[] = [
  { rule: 'model → engine', file: 'src/model/probe.ts', code: use('../engine/evaluate.js'), says: /src\/model\/ may not import src\/engine\// },
  { rule: 'engine → analyzers', file: 'src/engine/probe.ts', code: use('../analyzers/index.js'), says: /may not import src\/analyzers\// },
  { rule: 'analyzers → findings', file: 'src/analyzers/risky/probe.ts', code: use('../../findings/lifecycle.js'), says: /may not import src\/findings\// },
  { rule: 'catalog → engine', file: 'src/catalog/probe.ts', code: use('../engine/index.js'), says: /may not import src\/engine\// },
  { rule: 'AWS SDK in cli/', file: 'src/cli/commands/probe.ts', code: use('@aws-sdk/client-iam'), says: /only in src\/aws\// },
  { rule: 'AWS SDK in collect/', file: 'src/collect/live/probe.ts', code: use('@aws-sdk/client-s3'), says: /only in src\/aws\// },
  { rule: 'AWS SDK in store/', file: 'src/store/probe.ts', code: use('@smithy/types'), says: /only in src\/aws\// },
  { rule: 'AWS SDK in server/', file: 'src/server/probe.ts', code: use('@aws-sdk/client-sts'), says: /only in src\/aws\// },
  { rule: 'aws/ → cli/', file: 'src/aws/probe.ts', code: use('../cli/context.js'), says: /src\/aws\/ may not import src\/cli\// },
  { rule: 'store/ → server/', file: 'src/store/probe.ts', code: use('../server/auth.js'), says: /src\/store\/ may not import src\/server\// },
  { rule: "dynamic import('node:fs') in a pure layer", file: 'src/engine/probe.ts', code: "export const f = () => import('node:fs');\n", says: /no dynamic import/ },
  { rule: 'process.env in a pure layer', file: 'src/analyzers/probe.ts', code: 'export const region = process.env.AWS_REGION;\n', says: /`process`/ },
  { rule: 'Date.now() in a pure layer', file: 'src/findings/probe.ts', code: 'export const t = Date.now();\n', says: /read the clock/ },
  { rule: 'Math.random() in a pure layer', file: 'src/detect/probe.ts', code: 'export const r = Math.random();\n', says: /Math\.random/ },
  // Further rules.
  { rule: 'argument-less new Date() in a pure layer', file: 'src/model/probe.ts', code: 'export const t = new Date();\n', says: /read the clock/ },
  { rule: 'Date passed around (aliased) in a pure layer', file: 'src/engine/probe.ts', code: 'const D = Date;\nexport const t = new D();\n', says: /read the clock/ },
  { rule: "process['env'] through globalThis", file: 'src/catalog/probe.ts', code: "export const e = globalThis['process'];\n", says: /`globalThis`/ },
  { rule: 'crypto.randomUUID in a pure layer', file: 'src/findings/probe.ts', code: "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();\n", says: /randomness/ },
  { rule: 'node:fs statically in a pure layer', file: 'src/generate/probe.ts', code: use('node:fs'), says: /is pure/ },
  { rule: 'require() in a pure layer', file: 'src/model/probe.ts', code: "declare const require: (s: string) => unknown;\nexport const fs = require('fs');\n", says: /no dynamic import\(\) or require/ },
  { rule: 'new Function (code from a string) in a pure layer', file: 'src/engine/probe.ts', code: "export const f = new Function('return 1');\n", says: /`Function`/ },
  { rule: 'Azure SDK outside src/azure/', file: 'src/collect/azure/probe.ts', code: use('@azure/identity'), says: /only in src\/azure\// },
  { rule: 'Microsoft Graph outside src/azure/', file: 'src/server/probe.ts', code: use('@microsoft/microsoft-graph-client'), says: /only in src\/azure\// },
  { rule: 'GCP SDK outside src/gcp/', file: 'src/engine/gcp/probe.ts', code: use('@google-cloud/iam'), says: /only in src\/gcp\// },
  { rule: 'googleapis outside src/gcp/', file: 'src/cli/probe.ts', code: use('googleapis'), says: /only in src\/gcp\// },
  { rule: 'one adapter importing another cloud', file: 'src/aws/probe.ts', code: use('google-auth-library'), says: /only in src\/gcp\// },
  { rule: 'provider subfolder belongs to its layer (model/azure → engine)', file: 'src/model/azure/probe.ts', code: use('../../engine/azure/evaluate.js'), says: /src\/model\/ may not import src\/engine\// },
  { rule: 'import of the adapter folder src/azure/ from a pure layer', file: 'src/analyzers/azure/probe.ts', code: use('../../azure/client.js'), says: /may not import src\/azure\// },
  { rule: 're-export from a lower layer', file: 'src/engine/probe.ts', code: "export * from '../findings/lifecycle.js';\n", says: /may not import src\/findings\// },
  { rule: 'self-reference through the package name', file: 'src/model/probe.ts', code: use('cordon/src/store/index.js'), says: /may not import src\/store\// },
  { rule: 'dynamic import of an SDK outside its adapter', file: 'src/cli/probe.ts', code: "export const f = () => import('@aws-sdk/client-iam');\n", says: /only in src\/aws\// },
  { rule: 'module name computed at run time', file: 'src/cli/probe.ts', code: "export const f = (n: string) => import(n);\n", says: /computed at run time/ },
  { rule: 'actions/ imports a value from the store (I/O) layer', file: 'src/actions/probe.ts', code: use('../store/index.js'), says: /import only types from src\/store\// },
  { rule: 'actions/ imports node:fs', file: 'src/actions/contain/probe.ts', code: use('node:fs/promises'), says: /does I\/O only through interfaces/ },
  { rule: 'aws/ → sandbox/', file: 'src/aws/probe.ts', code: use('../sandbox/demo/scenario.js'), says: /src\/aws\/ may not import src\/sandbox\// },
  { rule: 'store/ → actions/', file: 'src/store/probe.ts', code: use('../actions/report/key.js'), says: /src\/store\/ may not import src\/actions\// },
  { rule: 'a folder of src/ missing from the layer table', file: 'src/newthing/probe.ts', code: 'export const x = 1;\n', says: /not in the layer table/ },
];

for (const p of PROBES) {
  test(`probe fails lint: ${p.rule}`, async () => {
    const errors = await layerErrors(p.code, p.file);
    assert.ok(errors.length >= 1, `expected a layer error for ${p.file}`);
    assert.ok(errors.some((e) => p.says.test(e)), `messages were: ${errors.join(' | ')}`);
  });
}

/** The legitimate counterparts: the rule must not flag what the design allows. */
const ALLOWED: { rule: string; file: string; code: string }[] = [
  { rule: 'AWS SDK in src/aws/', file: 'src/aws/probe.ts', code: use('@aws-sdk/client-iam') },
  { rule: 'Azure SDK in src/azure/', file: 'src/azure/probe.ts', code: use('@azure/identity') },
  { rule: 'GCP SDK in src/gcp/', file: 'src/gcp/probe.ts', code: use('@google-cloud/iam') },
  { rule: 'engine → model', file: 'src/engine/probe.ts', code: use('../model/errors.js') },
  { rule: 'engine/azure → model/azure', file: 'src/engine/azure/probe.ts', code: use('../../model/azure/x.js') },
  { rule: 'actions/ imports store types', file: 'src/actions/probe.ts', code: "import type { CordonStore } from '../store/index.js';\nexport type S = CordonStore;\n" },
  { rule: 'instanceof Date and Date as a type in a pure layer', file: 'src/findings/probe.ts', code: 'export const isDate = (v: unknown): v is Date => v instanceof Date;\n' },
  { rule: 'new Date(value) and Date.parse in a pure layer', file: 'src/model/probe.ts', code: "export const t = new Date(Date.parse('2020-01-01T00:00:00Z'));\n" },
  { rule: 'a local named process in a pure layer', file: 'src/engine/probe.ts', code: 'export const f = (process: { env: string }) => process.env;\n' },
  { rule: 'node:fs in collect/', file: 'src/collect/files/probe.ts', code: use('node:fs') },
  { rule: 'activity readers read files, aggregation does not', file: 'src/activity/readers/probe.ts', code: use('node:fs') },
  { rule: 'cli lazy-loads its commands', file: 'src/cli/commands/probe.ts', code: "export const f = () => import('./scan.js');\n" },
];

for (const a of ALLOWED) {
  test(`allowed by lint: ${a.rule}`, async () => {
    assert.deepEqual(await layerErrors(a.code, a.file), []);
  });
}

test('pure activity aggregation may not read files', async () => {
  assert.ok((await layerErrors(use('node:fs'), 'src/activity/aggregate-probe.ts')).length >= 1);
});

// Inline `eslint-disable` comments are honoured by `npm run lint` (the RegExp rule needs them), so the
// suite lints src/ once more with inline configuration off: a disabled layer error still fails here.
const strict = new ESLint({ cwd: process.cwd(), allowInlineConfig: false });

test('an eslint-disable comment cannot switch the layer rule off', async () => {
  const code = `// eslint-disable-next-line cordon/layers\n${use('@aws-sdk/client-iam')}`;
  const [result] = await strict.lintText(code, { filePath: 'src/engine/probe.ts' });
  assert.ok(result!.messages.some((m) => m.ruleId === 'cordon/layers'));
});

test('src/ has no layer error, even one hidden by an eslint-disable comment', async () => {
  const results = await strict.lintFiles(['src']);
  const errors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'cordon/layers').map((m) => `${r.filePath}:${m.line} ${m.message}`));
  assert.deepEqual(errors, []);
});

test('every folder of src/ has a rank in the layer table', async () => {
  const { readdirSync } = await import('node:fs');
  const config = (await eslint.calculateConfigForFile('src/model/probe.ts')) as { rules: Record<string, [unknown, { layers: { folders: string[] }[] }]> };
  const ranked = new Set(config.rules['cordon/layers']![1].layers.flatMap((l) => l.folders));
  assert.ok(ranked.has('model') && ranked.has('cli'));
  const folders = readdirSync('src', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.deepEqual(folders.filter((f) => !ranked.has(f)), []);
});
