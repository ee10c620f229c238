/**
 * `cordon collect --cloud azure --subscription ID | --management-group ID`: the Azure part of a
 * snapshot read live through the Azure SDKs (DefaultAzureCredential: environment, managed
 * identity, Azure CLI login, ...; `--endpoint-url` points ARM and Graph at a local stub), written
 * as a Cordon snapshot file that `cordon scan --snapshot` reads back.
 */
import { writeFileSync } from 'node:fs';
import { UsageError } from '../../model/errors.js';
import { collectAzure } from '../../collect/azure/live.js';
import { info, warn } from '../output.js';

export interface AzureCollectFlags {
  subscription?: string;
  managementGroup?: string;
  out?: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Runs the Azure collection; returns the exit code. */
export async function collectAzureCommand(flags: AzureCollectFlags, g: { endpointUrl?: string; quiet?: boolean }, now: Date = new Date()): Promise<0> {
  if (!flags.subscription === !flags.managementGroup) throw new UsageError('give exactly one of --subscription ID or --management-group ID with --cloud azure');
  if (flags.subscription && !GUID.test(flags.subscription)) throw new UsageError(`--subscription \`${flags.subscription}\` is not a subscription id (a GUID)`);
  if (flags.managementGroup && !/^[A-Za-z0-9._()-]{1,90}$/.test(flags.managementGroup)) throw new UsageError(`--management-group \`${flags.managementGroup}\` is not a management group id`);
  const { azure, issues } = await collectAzure({ subscription: flags.subscription?.toLowerCase(), managementGroup: flags.managementGroup }, g.endpointUrl ? { armEndpoint: g.endpointUrl, graphEndpoint: g.endpointUrl } : {});
  const snapshot = { schemaVersion: 1, sources: azure.sources, collectedAt: now.toISOString(), accounts: [], azure, warnings: issues.map((i) => ({ code: i.code, message: i.message, origin: { file: i.file ?? '', pointer: i.pointer ?? '' } })) };
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (flags.out && flags.out !== '-') writeFileSync(flags.out, text);
  else process.stdout.write(text);
  info(`collected ${flags.subscription ?? flags.managementGroup}: ${azure.roleAssignments.length} role assignments, ${azure.roleDefinitions.length} role definitions, ${azure.denyAssignments.length} deny assignments, ${azure.resources.length} resources, ${azure.users.length} users, ${azure.servicePrincipals.length} service principals`, g.quiet);
  if (issues.length) warn(`${issues.length} part(s) could not be read completely; see "warnings" in the snapshot`);
  return 0;
}
