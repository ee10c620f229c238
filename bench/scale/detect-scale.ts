/**
 * The detect part of `npm run bench -- scale`: `cordon detect` through the real CLI over 1 M
 * events in 10,000 `.json.gz` files with the built-in rule pack (~90,000 alerts, streamed as
 * `--output jsonl`), against the floor — gunzip + `JSON.parse` of the same files in a plain Node
 * process — measured in the same run. Both under `/usr/bin/time`: events/s by wall and by CPU,
 * peak RSS. Targets: ≥ 0.8× the floor, ≤ 300 MB peak RSS.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureChild, verdict } from './measure.js';
import { writeTrail } from './trail-events.js';

const BIN = fileURLToPath(new URL('../../bin/cordon.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./detect-floor.mjs', import.meta.url));

/** Runs the floor and Cordon over one generated trail and prints the comparison. */
export function runDetectScale(o: { events: number; files: number; cacheDir: string; timeoutS: number }): void {
  const t0 = performance.now();
  const dir = writeTrail(join(o.cacheDir, `trail-${o.events}-${o.files}`), o.events, o.files);
  console.log(`  trail: ${o.events} events in ${o.files} .json.gz files under ${dir} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; kept for re-runs)`);
  // Warm the page cache once so neither side pays the first read from disk.
  measureChild([process.execPath, FLOOR, dir], { timeoutS: o.timeoutS, stdoutFile: '/dev/null' });
  const floor = measureChild([process.execPath, FLOOR, dir], { timeoutS: o.timeoutS, stdoutFile: '/dev/null' });
  const cordon = measureChild([process.execPath, BIN, 'detect', '--cloudtrail', dir, '--output', 'jsonl'], { timeoutS: o.timeoutS, stdoutFile: '/dev/null', okCodes: [0, 1] });
  const m = /read (\d+) events from (\d+) files .*?; (\d+) alerts/.exec(cordon.stderr);
  const events = m ? Number(m[1]) : NaN;
  const alerts = m ? Number(m[3]) : NaN;
  const rate = (s: number) => (o.events / s).toFixed(0).padStart(8);
  console.log(`  floor  (gunzip + JSON.parse): ${floor.outcome}, ${rate(floor.wallS)} events/s wall, ${rate(floor.cpuS)} events/s CPU (${floor.wallS.toFixed(1)} s wall, ${floor.cpuS.toFixed(1)} s CPU), peak RSS ${floor.peakRssMiB.toFixed(0)} MiB`);
  console.log(`  cordon detect --output jsonl: ${cordon.outcome}, ${rate(cordon.wallS)} events/s wall, ${rate(cordon.cpuS)} events/s CPU (${cordon.wallS.toFixed(1)} s wall, ${cordon.cpuS.toFixed(1)} s CPU), peak RSS ${cordon.peakRssMiB.toFixed(0)} MiB, ${events} events read, ${alerts} alerts`);
  const byWall = floor.wallS / cordon.wallS;
  const byCpu = floor.cpuS / cordon.cpuS;
  const ok = cordon.outcome === 'ok' && events === o.events;
  console.log(`  [detect] ≥ 0.8x the floor: ${byWall.toFixed(2)}x by wall, ${byCpu.toFixed(2)}x by CPU → ${verdict(ok && byWall >= 0.8)} (by wall; by CPU ${verdict(ok && byCpu >= 0.8)})`);
  console.log(`  [detect] ≤ 300 MB peak RSS with ${alerts} alerts: ${cordon.peakRssMiB.toFixed(0)} MiB → ${verdict(ok && cordon.peakRssMiB * 1.048576 <= 300)}`);
}
