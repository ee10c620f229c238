// Loaded into every test file's process by scripts/run-tests.mjs, instead of --test-force-exit.
// Node 20's --test-force-exit exits as soon as the last test ends, before the file's results have
// all crossed the pipe to the runner: under load the tail of a file's report was lost, and those
// tests (and any failure among them) were silently missing from the totals (2,087 to 2,119 tests
// from one run to the next). Here the file's process ends one second after its last test instead,
// keeping the exit code the runner set, so a handle a test left open still cannot hang the suite.
import { after } from 'node:test';

after(() => {
  setTimeout(() => process.exit(), 1000).unref();
});
