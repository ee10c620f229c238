/**
 * Reading a file named by an API caller: only a regular file, inside a root directory, up to a
 * size limit. The path is resolved with symlinks followed (`realpath`) and containment is checked
 * on the result, the file is opened non-blocking (a FIFO cannot stall the open) and checked with
 * `fstat` on the opened descriptor (no stat-then-open race), and on Linux the descriptor's own
 * path (`/proc/self/fd/N`) is checked again, so a symlink swapped in after `realpath` is caught.
 *
 * Every refusal — missing, outside the root, not a regular file, unreadable — carries the SAME
 * message, so a caller cannot probe which paths exist; no message ever quotes file content.
 */
import { constants } from 'node:fs';
import { open, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../model/errors.js';

/** Where caller-named files may be read from, and how large they may be. */
export interface FileRoot {
  /** Absolute directory; must exist. */
  root: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

/** Default size limit for caller-named files: 256 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The path as echoed in messages: the caller's own text, shortened and without control characters. */
function shown(path: string): string {
  const clean = [...path.slice(0, 200)].map((c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('');
  return path.length > 200 ? `${clean}…` : clean;
}

/** The one refusal for a caller-named path (missing, outside the root, not a regular file, unreadable). */
export function refusedPath(path: string, pointer?: string): InputError {
  return new InputError(`\`${shown(path)}\` is not a readable regular file inside the server's file root`, pointer === undefined ? {} : { pointer });
}

/** True when `path` is `root` itself or lies below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Reads a regular file under `root` (symlinks followed, containment re-checked); `path` may be relative to the root. */
export async function readConfinedFile(limits: FileRoot, path: string, pointer?: string): Promise<Buffer> {
  const fail = () => refusedPath(path, pointer);
  let root: string;
  try {
    root = await realpath(limits.root);
  } catch {
    throw fail();
  }
  let real: string;
  try {
    real = await realpath(resolve(root, path));
  } catch {
    throw fail();
  }
  if (!isInside(root, real)) throw fail();
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    throw fail();
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw fail();
    const viaFd = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    if (viaFd !== undefined && !isInside(root, viaFd)) throw fail();
    if (info.size > limits.maxBytes) throw tooLarge(path, limits.maxBytes, pointer);
    // Read to the limit + 1, not to `size`: the file may grow after fstat.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, limits.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > limits.maxBytes) throw tooLarge(path, limits.maxBytes, pointer);
      if (filled === buffer.length) break;
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fail();
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, maxBytes: number, pointer?: string): InputError {
  return new InputError(`\`${shown(path)}\` is larger than the server's limit of ${maxBytes} bytes`, pointer === undefined ? {} : { pointer });
}

/** `readConfinedFile` as UTF-8 text. */
export async function readConfinedText(limits: FileRoot, path: string, pointer?: string): Promise<string> {
  return (await readConfinedFile(limits, path, pointer)).toString('utf8');
}
