// Proves the layer rule of DESIGN.md §1 bites: ESLint, with the project's own config, rejects
// an AWS SDK import in src/engine/ and accepts the same import in src/aws/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const AWS_IMPORT = "import { IAMClient } from '@aws-sdk/client-iam';\nexport const c = IAMClient;\n";

test('src/engine may not import @aws-sdk/client-iam', async () => {
  const errors = await restrictedImportErrors(AWS_IMPORT, 'src/engine/lint-probe.ts');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /src\/aws\//);
});

test('src/engine may not import node:fs', async () => {
  const errors = await restrictedImportErrors("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/engine/lint-probe.ts');
  assert.equal(errors.length, 1);
});

test('src/analyzers may not import the store (a lower layer)', async () => {
  const errors = await restrictedImportErrors("import { x } from '../../store/sqlite.js';\nexport const y = x;\n", 'src/analyzers/risky/lint-probe.ts');
  assert.equal(errors.length, 1);
});

test('src/aws may import @aws-sdk/client-iam', async () => {
  assert.deepEqual(await restrictedImportErrors(AWS_IMPORT, 'src/aws/lint-probe.ts'), []);
});

test('pure activity code may not read files, its readers may', async () => {
  const code = "import { createReadStream } from 'node:fs';\nexport const s = createReadStream;\n";
  assert.equal((await restrictedImportErrors(code, 'src/activity/aggregate-probe.ts')).length, 1);
  assert.deepEqual(await restrictedImportErrors(code, 'src/activity/readers/file-probe.ts'), []);
});
