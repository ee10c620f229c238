/**
 * `npm run bench [-- NAME ...]`: runs the named benchmarks (all when none is named). Each prints
 * its throughput next to a baseline measured in the same run, and the ratio. Never part of `npm test`.
 */
// Node 20 is supported (package.json engines); the SDK's upgrade reminder is noise in the numbers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { BENCHMARKS } = await import('./registry.js');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const bench of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  console.log(`\n== ${bench.name}: ${bench.title}`);
  await bench.run();
}
