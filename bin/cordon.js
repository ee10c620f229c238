#!/usr/bin/env node
// Entry point: TypeScript sources run through tsx's loader (see docs/decisions.md, "No build step").
import { register } from 'tsx/esm/api';

// Node 20 is supported (package.json engines); the SDK's upgrade reminder would only be noise on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
