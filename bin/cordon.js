#!/usr/bin/env node
// Entry point: TypeScript sources run through tsx's loader (see docs/decisions.md, "No build step").
import { register } from 'tsx/esm/api';

// Node 20 is supported (package.json engines); the SDK's upgrade reminder would only be noise on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `cordon ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
