/**
 * Lists containment report keys in a report directory (`yyyy/mm/dd/hh/mi/<execution-id>.json`),
 * newest first. Only the numeric date levels and valid report keys are considered.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isReportKey } from '../actions/report/key.js';

const isDigits = (s: string) => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Report keys under `root`, newest first, at most `max`. */
export async function listReportKeys(root: string, max = 200): Promise<string[]> {
  let prefixes: string[] = [''];
  for (let depth = 0; depth < 5; depth++) {
    const next: string[] = [];
    for (const prefix of prefixes) {
      for (const n of (await names(join(root, prefix))).filter(isDigits)) next.push(prefix ? `${prefix}/${n}` : n);
    }
    prefixes = next;
  }
  const keys: string[] = [];
  for (const prefix of prefixes) {
    for (const n of await names(join(root, prefix))) {
      const key = `${prefix}/${n}`;
      if (isReportKey(key)) keys.push(key);
    }
  }
  // Keys start with the time, so a reverse sort is newest first.
  return keys.sort().reverse().slice(0, max);
}
