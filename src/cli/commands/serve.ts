/**
 * `cordon serve`: the HTTP API (`/api/v1`, OpenAPI at `/api/v1/openapi.json`) and the web UI in
 * one process, over the store named by `--db`. Runs until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions } from '../context.js';
import { info } from '../output.js';
import { UsageError } from '../../model/errors.js';
import { startServer } from '../../server/http-server.js';
import { DEFAULT_BODY_LIMIT } from '../../server/body.js';
import { DEFAULT_RATE_LIMIT } from '../../server/rate-limit.js';
import { DEFAULT_REPORT_DIR, productionPorts } from '../../server/wiring.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../store/confined-file.js';
import { DEFAULT_JOB_LIMITS } from '../../server/jobs/job-runner.js';
import { openStore } from '../../store/index.js';

const EXAMPLES = `
Examples:
  $ cordon tokens create --role admin --name me      # prints the token once
  $ cordon serve                                     # http://127.0.0.1:8080
  $ cordon serve --port 9000 --db postgres://cordon@db:5432/cordon --file-root /srv/snapshots
  $ curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/findings?status=ACTIVE
`;

function number(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag} must be a number >= ${min}, got \`${value}\``);
  return n;
}

interface ServeOptions {
  port: string;
  host: string;
  fileRoot?: string;
  reportDir: string;
  rateLimit: string;
  burst: string;
  bodyLimit: string;
  maxFileBytes: string;
  jobMemoryMb: string;
  jobTimeoutS: string;
  maxJobs: string;
}

/**
 * The directory caller-named files are read from: `--file-root`, else `files/` beside the SQLite
 * store (or `./.cordon/files` with PostgreSQL). Created if missing; never `/`.
 */
function fileRootOf(option: string | undefined, store: { backend: string; location: string }): string {
  const root = resolve(option ?? (store.backend === 'sqlite' ? `${dirname(resolve(store.location))}/files` : './.cordon/files'));
  if (root === resolve('/')) throw new UsageError('--file-root must not be `/`: name the directory that holds the snapshots callers may read');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return root;
}

function register(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the web UI (bearer tokens from `cordon tokens create`)')
    .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--file-root <dir>', 'the only directory whose regular files requests may name (default: files/ beside the store)')
    .option('--max-file-bytes <n>', 'largest file a request may name', String(DEFAULT_MAX_FILE_BYTES))
    .option('--job-memory-mb <n>', 'heap limit of each scan or snapshot simulation worker', String(DEFAULT_JOB_LIMITS.memoryMb))
    .option('--job-timeout-s <n>', 'time limit of each scan or snapshot simulation', String(DEFAULT_JOB_LIMITS.timeoutMs / 1000))
    .option('--max-jobs <n>', 'scans and snapshot simulations running at once (more wait)', String(DEFAULT_JOB_LIMITS.maxConcurrent))
    .option('--report-dir <dir>', 'where containment reports are written and read', DEFAULT_REPORT_DIR)
    .option('--rate-limit <n>', 'requests per second per token (0 disables)', String(DEFAULT_RATE_LIMIT.perSecond))
    .option('--burst <n>', 'requests a token may make at once before the rate applies', String(DEFAULT_RATE_LIMIT.burst))
    .option('--body-limit <bytes>', 'largest request body accepted', String(DEFAULT_BODY_LIMIT))
    .addHelpText('after', EXAMPLES)
    .action(
      action(async (opts: ServeOptions, cmd: Command) => {
        const g = globalOptions(cmd);
        const port = number('--port', opts.port, 0);
        if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port must be an integer in 0..65535, got \`${opts.port}\``);
        const maxFileBytes = number('--max-file-bytes', opts.maxFileBytes, 1);
        const jobs = { memoryMb: number('--job-memory-mb', opts.jobMemoryMb, 16), timeoutMs: number('--job-timeout-s', opts.jobTimeoutS, 1) * 1000, maxConcurrent: Math.floor(number('--max-jobs', opts.maxJobs, 1)) };
        const store = await openStore(g.db);
        const fileRoot = fileRootOf(opts.fileRoot, store);
        const log = g.quiet ? () => {} : (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
        const aws = { ...(g.profile ? { profile: g.profile } : {}), ...(g.region ? { region: g.region } : {}), ...(g.endpointUrl ? { endpointUrl: g.endpointUrl } : {}) };
        const server = await startServer({
          // Scan workers record through their own connection to the same store.
          ports: productionPorts(store, { aws, reportDir: resolve(opts.reportDir), progress: log, maxFileBytes, jobs, db: store.backend === 'sqlite' ? store.location : (g.db ?? process.env.CORDON_DB ?? store.location) }),
          host: opts.host,
          port,
          rateLimit: { perSecond: number('--rate-limit', opts.rateLimit, 0), burst: number('--burst', opts.burst, 1) },
          bodyLimitBytes: number('--body-limit', opts.bodyLimit, 1),
          fileRoot,
          log,
        }).catch(async (err: unknown) => {
          await store.close();
          throw err;
        });
        info(`cordon: serving ${server.url}/ (API ${server.url}/api/v1, OpenAPI ${server.url}/api/v1/openapi.json; store ${store.backend} ${store.location}; file root ${fileRoot})`, g.quiet);
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            info('cordon: shutting down', g.quiet);
            void server.close().then(() => store.close()).then(done, done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        return 0 as const;
      }),
    );
}

/** `cordon serve`. */
export const serveCommand: CommandModule = { register };
