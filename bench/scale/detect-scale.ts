/**
 * The detect part of `npm run bench -- scale`: `cordon detect` through the real CLI over 1 M
 * events in 10,000 `.json.gz` files with the built-in rule pack (~90,000 alerts, streamed as
 * `--output jsonl`), against the floor — gunzip + `JSON.parse` of the same files in a plain Node
 * process — measured in the same run, in paired rounds. Both under `/usr/bin/time`: events/s by
 * wall and by CPU, peak RSS. Targets: ≥ 0.8× the floor (median round), ≤ 300 MB peak RSS.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureChild, verdict } from './measure.js';
import { writeTrail } from './trail-events.js';

const BIN = fileURLToPath(new URL('../../bin/cordon.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./detect-floor.mjs', import.meta.url));

/** The middle value (mean of the middle two for an even count). */
function median(values: readonly number[]): number {
  const v = [...values].sort((x, y) => x - y);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * Runs the floor and Cordon over one generated trail, `rounds` times back to back (floor, then
 * Cordon), and prints each round and the median. On a shared 2-core machine one pair moves by
 * ±15% from run to run (the floor alone took 3.3–4.5 s in one sitting); each round's ratio is of
 * two runs seconds apart, and the target is judged on the median round.
 */
export function runDetectScale(o: { events: number; files: number; rounds: number; cacheDir: string; timeoutS: number }): void {
  const t0 = performance.now();
  const dir = writeTrail(join(o.cacheDir, `trail-${o.events}-${o.files}`), o.events, o.files);
  console.log(`  trail: ${o.events} events in ${o.files} .json.gz files under ${dir} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; kept for re-runs)`);
  // Warm the page cache once so neither side pays the first read from disk.
  measureChild([process.execPath, FLOOR, dir], { timeoutS: o.timeoutS, stdoutFile: '/dev/null' });
  const rate = (s: number) => (o.events / s).toFixed(0).padStart(8);
  const byWall: number[] = [];
  const byCpu: number[] = [];
  let ok = true;
  let alerts = NaN;
  let peakRssMiB = 0;
  for (let round = 1; round <= o.rounds; round++) {
    const floor = measureChild([process.execPath, FLOOR, dir], { timeoutS: o.timeoutS, stdoutFile: '/dev/null' });
    const cordon = measureChild([process.execPath, BIN, 'detect', '--cloudtrail', dir, '--output', 'jsonl'], { timeoutS: o.timeoutS, stdoutFile: '/dev/null', okCodes: [0, 1] });
    const m = /read (\d+) events from (\d+) files .*?; (\d+) alerts/.exec(cordon.stderr);
    const events = m ? Number(m[1]) : NaN;
    alerts = m ? Number(m[3]) : NaN;
    ok &&= cordon.outcome === 'ok' && events === o.events;
    peakRssMiB = Math.max(peakRssMiB, cordon.peakRssMiB);
    byWall.push(floor.wallS / cordon.wallS);
    byCpu.push(floor.cpuS / cordon.cpuS);
    console.log(`  round ${round}: floor (gunzip + JSON.parse) ${floor.outcome}, ${rate(floor.wallS)} events/s wall, ${rate(floor.cpuS)} events/s CPU (${floor.wallS.toFixed(1)} s wall, ${floor.cpuS.toFixed(1)} s CPU), peak RSS ${floor.peakRssMiB.toFixed(0)} MiB`);
    console.log(`           cordon detect --output jsonl ${cordon.outcome}, ${rate(cordon.wallS)} events/s wall, ${rate(cordon.cpuS)} events/s CPU (${cordon.wallS.toFixed(1)} s wall, ${cordon.cpuS.toFixed(1)} s CPU), peak RSS ${cordon.peakRssMiB.toFixed(0)} MiB, ${events} events read, ${alerts} alerts → ${byWall.at(-1)!.toFixed(2)}x by wall, ${byCpu.at(-1)!.toFixed(2)}x by CPU`);
  }
  const range = (v: number[]) => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;
  const wall = median(byWall);
  const cpu = median(byCpu);
  console.log(`  [detect] ≥ 0.8x the floor: median of ${o.rounds} rounds ${wall.toFixed(2)}x by wall (${range(byWall)}), ${cpu.toFixed(2)}x by CPU (${range(byCpu)}) → ${verdict(ok && wall >= 0.8)} (by wall; by CPU ${verdict(ok && cpu >= 0.8)})`);
  console.log(`  [detect] ≤ 300 MB peak RSS with ${alerts} alerts: ${peakRssMiB.toFixed(0)} MiB (highest round) → ${verdict(ok && peakRssMiB * 1.048576 <= 300)}`);
}
