/**
 * `cordon tokens create|list|revoke`: API tokens for `cordon serve`. The secret is printed once
 * at creation; only its SHA-256 hash is stored.
 */
import type { Command } from 'commander';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable } from '../output.js';
import { UsageError } from '../../model/errors.js';
import { isRole, issueToken } from '../../server/auth.js';
import { ROLES, type TokenInfo } from '../../server/ports.js';
import { storePorts } from '../../server/store-ports.js';
import { withStore } from '../../store/index.js';

const EXAMPLES = `
Examples:
  $ cordon tokens create --role viewer --name dashboard
  $ cordon tokens create --role responder --name ci --expires-in 30d
  $ cordon tokens create --role admin --output json      # {"token": "cdn_..."}
  $ cordon tokens list
  $ cordon tokens revoke tok0123456789abcdef

Roles: viewer reads; responder also archives, remediates and contains; admin also manages tokens and archive rules.
`;

const COLUMNS = [
  { header: 'ID', cell: (t: TokenInfo) => t.id },
  { header: 'NAME', cell: (t: TokenInfo) => t.name },
  { header: 'ROLE', cell: (t: TokenInfo) => t.role },
  { header: 'CREATED', cell: (t: TokenInfo) => t.createdAt },
  { header: 'LAST USED', cell: (t: TokenInfo) => t.lastUsedAt },
  { header: 'REVOKED', cell: (t: TokenInfo) => t.revokedAt },
  { header: 'EXPIRES', cell: (t: TokenInfo) => t.expiresAt ?? 'never' },
];

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `30d`, `12h`, `90m`, `3600s` → the expiry time from `now` (ISO). */
export function expiryFrom(text: string, now: Date): string {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const amount = m ? Number(m[1]) : 0;
  if (!m || amount <= 0) throw new UsageError(`--expires-in must be a positive duration such as 30d, 12h, 90m or 3600s, got \`${text}\``);
  return new Date(now.getTime() + amount * UNIT_SECONDS[m[2]!]! * 1000).toISOString();
}

function register(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for `cordon serve` (stored hashed; roles viewer|responder|admin)').addHelpText('after', EXAMPLES);
  const format = (cmd: Command) => outputFormat(globalOptions(cmd), ['table', 'json'] as const, 'table');

  tokens
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--role <role>', `one of ${ROLES.join('|')}`)
    .option('--name <name>', 'a label to recognise it by (default: the role)')
    .option('--expires-in <duration>', 'the token stops working after this long (30d, 12h, 90m, 3600s; default: never)')
    .action(
      action(async (opts: { role: string; name?: string; expiresIn?: string }, cmd: Command) => {
        if (!isRole(opts.role)) throw new UsageError(`--role must be one of ${ROLES.join('|')}, got \`${opts.role}\``);
        const role = opts.role;
        const expiresAt = opts.expiresIn === undefined ? undefined : expiryFrom(opts.expiresIn, new Date());
        const fmt = format(cmd);
        const g = globalOptions(cmd);
        const { token, info: created } = await withStore(g.db, (store) => issueToken(storePorts(store).tokens, opts.name ?? role, role, expiresAt));
        if (fmt === 'json') printJson({ token, id: created.id, name: created.name, role: created.role, ...(created.expiresAt ? { expiresAt: created.expiresAt } : {}) });
        else {
          process.stdout.write(`${token}\n`);
          info(`token ${created.id} (${created.role}) created${created.expiresAt ? `, expires ${created.expiresAt}` : ''}; it is shown only this once`, g.quiet);
        }
        return 0 as const;
      }),
    );

  tokens
    .command('list')
    .description('list tokens (never their secrets)')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const list = await withStore(globalOptions(cmd).db, (store) => store.tokens.list());
        if (format(cmd) === 'json') printJson({ tokens: list });
        else printTable(list, COLUMNS);
        return 0 as const;
      }),
    );

  tokens
    .command('revoke <id>')
    .description('revoke a token (it stops working at once)')
    .action(
      action(async (id: string, _opts: unknown, cmd: Command) => {
        await withStore(globalOptions(cmd).db, (store) => store.tokens.revoke(id));
        if (format(cmd) === 'json') printJson({ revoked: id });
        else info(`token ${id} revoked`, globalOptions(cmd).quiet);
        return 0 as const;
      }),
    );
}

/** `cordon tokens`. */
export const tokensCommand: CommandModule = { register };
