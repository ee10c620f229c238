#!/usr/bin/env node
// Runs the whole suite with Node's own test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the test files are listed here.
// Usage: npm test [-- path-or-substring ...]   (filters test files by substring)
// A skipped or todo test fails the run unless it is on ALLOWED_SKIPS below (tests must not switch
// themselves off; docs/decisions.md "No test switches itself off").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The only skips allowed: a tool of the machine (installed by scripts/prepare-machine.sh) is
 * missing, so the test cannot run here at all. Each entry: file, the test name's start, why.
 */
const ALLOWED_SKIPS = [
  // Needs the curl binary to prove a plain client gets 401; prepare-machine installs it.
  { file: 'test/server/limits.test.ts', name: 'acceptance: curl without a token', why: 'curl not installed' },
  // Runs Debian's /usr/bin/aws against moto; prepare-machine installs awscli.
  { file: 'test/actions/remediate/cli-equivalence.test.ts', name: 'CLI commands run by /usr/bin/aws', why: 'awscli not installed' },
];

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = findTests('test')
  .map((f) => relative('.', f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(2);
}
const concurrency = process.env.CORDON_TEST_CONCURRENCY ?? '2';
const skipsDir = mkdtempSync(join(tmpdir(), 'cordon-skips-'));
const skipsFile = join(skipsDir, 'skips.jsonl');
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--import', new URL('./test-exit-after.mjs', import.meta.url).href, '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${new URL('./test-skips-reporter.mjs', import.meta.url).href}`, `--test-reporter-destination=${skipsFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env } },
);
let text = '';
try {
  text = readFileSync(skipsFile, 'utf8');
} catch {
  // no skip and no todo: the reporter wrote nothing (or the run died before; its status says so)
}
rmSync(skipsDir, { recursive: true, force: true });
const switchedOff = text
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))
  .filter((t) => !ALLOWED_SKIPS.some((a) => t.kind === 'skip' && relative('.', t.file) === a.file && t.name.startsWith(a.name)));
for (const t of switchedOff) console.error(`✖ ${t.kind} not on the allow-list (scripts/run-tests.mjs): ${relative('.', t.file)}: ${t.name}${t.reason ? ` # ${t.reason}` : ''}`);
if (switchedOff.length > 0) {
  console.error(`${switchedOff.length} test(s) switched themselves off: a test that cannot run must fail, not skip.`);
  process.exit(1);
}
process.exit(result.status ?? 1);
