/**
 * Where the shared corpora are (`../shared/corpora` beside the repository, as CI lays it out).
 * `CORDON_CORPORA` overrides; `/work/shared/corpora` is the fallback for a clone made elsewhere
 * (e.g. a scratch CI run under /tmp) on the project's machines.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function resolveCorpora(): string {
  const candidates = [process.env.CORDON_CORPORA, fileURLToPath(new URL('../../../shared/corpora/', import.meta.url)), '/work/shared/corpora/'];
  for (const dir of candidates) if (dir && existsSync(dir)) return dir.endsWith('/') ? dir : `${dir}/`;
  return candidates[1]!;
}

/** Absolute path of the corpora folder, with a trailing slash. */
export const CORPORA = resolveCorpora();
