/**
 * Runs one command as a child process under GNU `/usr/bin/time -v` (and coreutils `timeout`)
 * and returns what the scale benchmark reports: wall time, CPU time (user + system) and peak RSS
 * of the child tree, exit status, and stderr. Stdout goes to a file so large outputs never sit in
 * this process.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** Measurements of one child run. */
export interface ChildRun {
  status: number;
  wallS: number;
  cpuS: number;
  peakRssMiB: number;
  /** `ok`, `timeout`, `out of memory` or `exit N`. */
  outcome: string;
  stderr: string;
}

const num = (text: string, label: string): number => {
  const line = text.split('\n').find((l) => l.trim().startsWith(label));
  return line ? Number(line.slice(line.lastIndexOf(':') + 1).trim()) : NaN;
};

/** `h:mm:ss` or `m:ss.cc` as seconds. */
function clock(text: string): number {
  const line = text.split('\n').find((l) => l.includes('Elapsed (wall clock) time'));
  if (!line) return NaN;
  const value = line.slice(line.indexOf('):') + 2).trim();
  return value.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** Runs `argv` with a time limit; exit codes in `okCodes` count as success. */
export function measureChild(argv: readonly string[], o: { timeoutS: number; stdoutFile: string; env?: NodeJS.ProcessEnv; okCodes?: readonly number[] }): ChildRun {
  const out = openSync(o.stdoutFile, 'w');
  try {
    // TERM (then KILL 10 s later): `timeout` exits 124 and `time` still sees the child's usage;
    // with `-s KILL` timeout kills itself too and the child's figures are lost.
    const r = spawnSync('/usr/bin/time', ['-v', 'timeout', '-k', '10', String(o.timeoutS), ...argv], {
      stdio: ['ignore', out, 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...o.env }, maxBuffer: 256 * 2 ** 20, encoding: 'utf8',
    });
    const text = r.stderr ?? '';
    const status = num(text, 'Exit status');
    const ok = (o.okCodes ?? [0]).includes(status);
    const oom = /heap out of memory|Allocation failed|Invalid string length/.test(text);
    const killed = /Command terminated by signal/.test(text);
    const outcome = oom ? 'out of memory' : status === 124 || status === 137 || killed ? 'timeout' : ok ? 'ok' : `exit ${status}`;
    const cut = text.indexOf('\tCommand being timed');
    return {
      status, outcome, stderr: cut >= 0 ? text.slice(0, cut) : text,
      wallS: clock(text), cpuS: num(text, 'User time (seconds)') + num(text, 'System time (seconds)'),
      peakRssMiB: num(text, 'Maximum resident set size (kbytes)') / 1024,
    };
  } finally {
    closeSync(out);
  }
}

/** CPU seconds (user + system) of this process so far. */
export function ownCpuS(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** `met` / `NOT met` with the figure and the target. */
export function verdict(ok: boolean): string {
  return ok ? 'target met' : 'target NOT met';
}
