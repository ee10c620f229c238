/**
 * The local file system as a `TrailTree` (symbolic links followed, unreadable entries reported).
 * A symbolic link to a folder that is already on the path being walked (a loop, e.g. `logs/again
 * -> ..`) is not followed: it is listed as a skipped entry, which the readers report as a warning,
 * so a loop can neither hang the walk nor read the same files twice along one path.
 */
import { readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { TrailFile, TrailTree } from './trail-tree.js';

/** Real paths of `folder` and of each of its ancestors (a loop makes two of them equal). */
async function realAncestors(folder: string): Promise<Set<string>> {
  const out = new Set<string>();
  let current = folder;
  for (;;) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) out.add(real);
    const parent = dirname(current);
    if (parent === current) return out;
    current = parent;
  }
}

/** A `TrailTree` over local folders. */
export function localTrailTree(): TrailTree {
  return {
    async list(folder) {
      const folders: string[] = [];
      const files: TrailFile[] = [];
      let ancestors: Set<string> | undefined;
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          const s = await stat(path).catch((err: NodeJS.ErrnoException) => (err.code === 'ELOOP' ? ('loop' as const) : undefined));
          if (s === 'loop') {
            files.push({ path, skipped: 'symbolic link loop; not followed' });
            continue;
          }
          isDir = s?.isDirectory() ?? false;
          isFile = s?.isFile() ?? false;
          if (isDir) {
            ancestors ??= await realAncestors(folder);
            const target = await realpath(path).catch(() => undefined);
            if (target === undefined || ancestors.has(target)) {
              files.push({ path, skipped: `symbolic link loop (points back to ${target ?? 'an unreadable folder'}); not followed` });
              continue;
            }
          }
        }
        if (isDir) folders.push(path);
        else if (isFile) files.push({ path });
      }
      return { folders, files };
    },
    // Synchronous: trail objects are small and fs/promises' readFile costs several thread-pool
    // round trips per file (2,000 files: +0.6 s CPU against readFileSync).
    read: async (file) => readFileSync(file.path),
    segments: (folder) => folder.split(sep),
  };
}
