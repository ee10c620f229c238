/** Small timing helpers shared by the benchmarks. */

/** Runs `fn` repeatedly for at least `minMs` and returns operations per second. */
export function opsPerSecond(fn: () => void, minMs = 500): number {
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minMs) {
    fn();
    runs++;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (runs * 1000) / elapsedMs;
}

/** Wall time of one async call in milliseconds. */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Peak resident set size so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Formats a ratio like `12.3x`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
