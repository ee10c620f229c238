/**
 * A minimal progress bar for long work. Draws on stderr only when it is a TTY and `--quiet` is
 * off, so piped and CI output stays clean.
 */

/** What long-running work reports to. Pure layers accept this interface, never the bar itself. */
export interface ProgressSink {
  start(label: string, total: number): void;
  tick(delta?: number, detail?: string): void;
  stop(): void;
}

/** Progress that goes nowhere (non-TTY, `--quiet`, tests). */
export const silentProgress: ProgressSink = { start() {}, tick() {}, stop() {} };

/** Returns a terminal progress bar, or `silentProgress` when it would not be seen. */
export function terminalProgress(quiet = false, stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (quiet || !stream.isTTY) return silentProgress;
  let label = '';
  let total = 0;
  let done = 0;
  let lastDraw = 0;
  const draw = (detail = '') => {
    const now = Date.now();
    if (now - lastDraw < 50 && done < total) return;
    lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    stream.write(`\r${label} ${bar} ${done}/${total} ${detail}`.slice(0, (stream.columns ?? 100) - 1).padEnd(20));
  };
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      draw();
    },
    tick(delta = 1, detail) {
      done += delta;
      draw(detail);
    },
    stop() {
      stream.write('\r\x1b[K');
    },
  };
}
