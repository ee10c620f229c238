/**
 * `cordon collect --cloud gcp --organization N | --folder N | --project P`: the GCP part of a
 * snapshot read live through Google's clients (Application Default Credentials; `--endpoint-url`
 * for a local stub), written as a Cordon snapshot file that `cordon scan --snapshot` reads back.
 */
import { writeFileSync } from 'node:fs';
import { UsageError } from '../../model/errors.js';
import { collectGcp } from '../../collect/gcp/live.js';
import { info, warn } from '../output.js';

export interface GcpCollectFlags {
  organization?: string;
  folder?: string;
  project?: string;
  out?: string;
}

/** Runs the GCP collection; returns the exit code. */
export async function collectGcpCommand(flags: GcpCollectFlags, g: { endpointUrl?: string; quiet?: boolean }, now: Date = new Date()): Promise<0> {
  const given = [flags.organization && `organizations/${flags.organization}`, flags.folder && `folders/${flags.folder}`, flags.project && `projects/${flags.project}`].filter((s): s is string => Boolean(s));
  if (given.length !== 1) throw new UsageError('give exactly one of --organization N, --folder N or --project P with --cloud gcp');
  const scope = given[0]!;
  if (!/^(organizations|folders)\/\d+$|^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(scope)) throw new UsageError(`\`${scope}\` is not an organization or folder number or a project id`);
  const { gcp, issues } = await collectGcp(g.endpointUrl ? { endpoint: g.endpointUrl } : {}, { scope, log: (l) => info(l, g.quiet) });
  const snapshot = { schemaVersion: 1, sources: gcp.sources, collectedAt: now.toISOString(), accounts: [], gcp, warnings: issues.map((i) => ({ code: i.code, message: i.message, origin: { file: i.file ?? '', pointer: i.pointer ?? '' } })) };
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (flags.out && flags.out !== '-') writeFileSync(flags.out, text);
  else process.stdout.write(text);
  info(`collected ${scope}: ${gcp.allowPolicies.length} allow policies, ${gcp.roles.length} roles, ${gcp.denyPolicies.length} deny policies, ${gcp.serviceAccounts.length} service accounts`, g.quiet);
  if (issues.length) warn(`${issues.length} part(s) could not be read completely; see "warnings" in the snapshot`);
  return 0;
}
