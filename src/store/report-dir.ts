/**
 * Containment reports in a directory: `{root}/{yyyy}/{mm}/{dd}/{hh}/{mi}/{execution_id}.json`.
 * Keys are validated against the layout and the resolved path (symlinks included) must stay
 * under the root. Writes are atomic (temporary file + rename), files are private (0600).
 */
import { lstat, mkdir, open, readdir, readFile, realpath, rename } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { isReportKey } from '../model/containment/key.js';
import { parseReport, type ContainmentReport, type ReportSink } from '../model/containment/report.js';
import { readConfinedText } from './confined-file.js';
import { InputError, RefusedError } from '../model/errors.js';

const isDigits = (s: string) => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    // The journal must survive a crash of the machine, not only of the process.
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read report: ${(err as Error).message}`, { file: path }, { cause: err });
  }
}

/** Reports are small; a larger file under the report directory is not one. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;

/**
 * Reads a report under `root`: the file itself must resolve (symlinks followed) inside the root
 * and be a regular file, so a symlink planted in the directory cannot make the server read
 * another file. Undefined when nothing is there.
 */
async function readUnder(root: string, path: string): Promise<string | undefined> {
  const exists = await lstat(path).then(() => true, (err: NodeJS.ErrnoException) => err.code !== 'ENOENT');
  if (!exists) return undefined;
  try {
    return await readConfinedText({ root, maxBytes: MAX_REPORT_BYTES }, path);
  } catch {
    throw new RefusedError(`report path ${path} is not a regular file inside ${root}`);
  }
}

/** A report sink over a directory. */
export function directoryReportSink(root: string): ReportSink {
  const rootAbs = resolve(root);
  const pathOf = (key: string): string => {
    if (!isReportKey(key)) throw new RefusedError(`report key \`${key.slice(0, 120)}\` does not have the layout yyyy/mm/dd/hh/mi/<execution-id>.json`);
    const path = resolve(rootAbs, key);
    if (!path.startsWith(rootAbs + sep)) throw new RefusedError(`report key \`${key}\` escapes ${rootAbs}`);
    return path;
  };
  const checkReal = async (path: string) => {
    const [realRoot, realDir] = await Promise.all([realpath(rootAbs), realpath(dirname(path))]);
    if (realDir !== realRoot && !realDir.startsWith(realRoot + sep)) throw new RefusedError(`report path ${path} resolves outside ${realRoot}`);
  };
  return {
    locate: (key) => pathOf(key),
    async prepare() {
      await mkdir(rootAbs, { recursive: true, mode: 0o700 });
    },
    async write(key, report) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await checkReal(path);
      await atomicWrite(path, `${JSON.stringify(report, null, 2)}\n`);
    },
    async read(key) {
      const path = pathOf(key);
      const text = await readUnder(rootAbs, path);
      return text === undefined ? undefined : parseReport(text, path);
    },
    async find(executionId) {
      // Walk the five numeric levels only; anything else in the directory is ignored.
      let level: string[] = [''];
      for (let depth = 0; depth < 5; depth++) {
        const next: string[] = [];
        for (const prefix of level) {
          let names: string[] = [];
          try {
            names = await readdir(resolve(rootAbs, prefix));
          } catch {
            continue;
          }
          for (const n of names.filter(isDigits).sort()) next.push(prefix ? `${prefix}/${n}` : n);
        }
        level = next;
      }
      for (const prefix of level.reverse()) {
        const key = `${prefix}/${executionId}.json`;
        if (isReportKey(key) && (await readUnder(rootAbs, resolve(rootAbs, key))) !== undefined) return key;
      }
      return undefined;
    },
  };
}

/** A sink bound to one report file given on the command line (`cordon release --report FILE`). */
export function fileReportSink(file: string): ReportSink & { readFile(): Promise<ContainmentReport> } {
  const path = resolve(file);
  return {
    locate: () => path,
    prepare: async () => {},
    write: async (_key, report) => atomicWrite(path, `${JSON.stringify(report, null, 2)}\n`),
    read: async () => {
      const text = await readText(path);
      return text === undefined ? undefined : parseReport(text, path);
    },
    find: async () => undefined,
    async readFile() {
      const text = await readText(path);
      if (text === undefined) throw new InputError('report file not found', { file: path });
      return parseReport(text, path);
    },
  };
}
