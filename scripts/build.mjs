#!/usr/bin/env node
// Compiles src/ to dist/ (one ES module per TypeScript file, same tree, web assets copied) so the
// `cordon` binary starts without compiling TypeScript at every run. Runs at `npm ci`/`npm install`
// (package.json `prepare`); type checking stays `npm run typecheck`. esbuild only strips types, so a
// work-in-progress type error never blocks a build.
import { transform } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist');

/** Every file under `dir`, depth first, in name order. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

rmSync(out, { recursive: true, force: true });
const files = walk(src);
let newest = 0;
for (const file of files) {
  newest = Math.max(newest, statSync(file).mtimeMs);
  const target = join(out, relative(src, file));
  mkdirSync(dirname(target), { recursive: true });
  if (!file.endsWith('.ts')) {
    cpSync(file, target);
    continue;
  }
  const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file });
  writeFileSync(target.replace(/\.ts$/, '.js'), code);
}
// bin/cordon.js runs dist/ only while it is at least as new as every source file.
writeFileSync(join(out, 'build-info.json'), `${JSON.stringify({ files: files.length, newestSourceMtimeMs: newest })}\n`);
console.error(`cordon: compiled ${files.length} files to dist/`);
