#!/usr/bin/env node
// Entry point. Runs the compiled JavaScript in dist/ (built by `npm ci` through package.json
// `prepare`, scripts/build.mjs) while it is up to date with src/; otherwise — during development, or
// with CORDON_FROM_SOURCE=1 — the TypeScript sources through tsx (see docs/decisions.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node 20 is supported (package.json engines); the SDK's upgrade reminder would only be noise on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `cordon ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const root = fileURLToPath(new URL('..', import.meta.url));

/** True when dist/ was built from the sources as they are now (same file count, none newer). */
function distIsCurrent() {
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, 'dist', 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  let count = 0;
  const stack = [join(root, 'src')];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (++count > info.files || statSync(path).mtimeMs > info.newestSourceMtimeMs) return false;
    }
  }
  return count === info.files;
}

let main;
if (process.env.CORDON_FROM_SOURCE !== '1' && distIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
