/** The local file system as a `TrailTree` (symbolic links followed, unreadable entries reported). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { TrailFile, TrailTree } from './trail-tree.js';

/** A `TrailTree` over local folders. */
export function localTrailTree(): TrailTree {
  return {
    async list(folder) {
      const folders: string[] = [];
      const files: TrailFile[] = [];
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          const s = await stat(path).catch(() => undefined);
          isDir = s?.isDirectory() ?? false;
          isFile = s?.isFile() ?? false;
        }
        if (isDir) folders.push(path);
        else if (isFile) files.push({ path });
      }
      return { folders, files };
    },
    read: (file) => readFile(file.path),
    segments: (folder) => folder.split(sep),
  };
}
