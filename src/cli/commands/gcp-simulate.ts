/**
 * `cordon simulate --cloud gcp`: one GCP request (`--principal user:...|serviceAccount:...`,
 * `--permission storage.objects.get`, `--resource //storage.googleapis.com/projects/_/buckets/b`)
 * evaluated on the GCP exports given with `--snapshot`, explained in Policy Troubleshooter's order
 * (PAB, deny, allow). `--time` sets `request.time` for conditions; without it conditions on time
 * are unknown and the answer may be CONDITIONAL. Exit 0 whatever the decision; 2 on errors.
 */
import { UsageError } from '../../model/errors.js';
import { parseMember } from '../../model/gcp/members.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { compileGcp, evaluateGcp, explainGcpDecision } from '../../engine/gcp/index.js';
import { printJson, warn } from '../output.js';

export interface GcpSimulateOptions {
  snapshot: string[];
  principal: string;
  permission?: string;
  action?: string;
  resource: string;
  time?: string;
}

const PERMISSION = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+){2,}$/;

/** Runs the GCP simulation and prints it; returns the exit code. */
export async function simulateGcp(opts: GcpSimulateOptions, format: 'json' | 'table'): Promise<0> {
  const permission = opts.permission ?? opts.action;
  if (!permission) throw new UsageError('--permission is required with --cloud gcp (e.g. storage.objects.get)');
  if (!PERMISSION.test(permission)) throw new UsageError(`--permission \`${permission}\` is not a GCP permission (service.resource.verb, e.g. storage.objects.get)`);
  if (parseMember(opts.principal).kind === 'unknown') throw new UsageError(`--principal \`${opts.principal}\` is not a GCP member (user:EMAIL, serviceAccount:EMAIL, group:EMAIL, allUsers, principal://...)`);
  if (!opts.resource.startsWith('//')) throw new UsageError(`--resource \`${opts.resource}\` is not a full resource name (//SERVICE.googleapis.com/...)`);
  const time = opts.time ? new Date(opts.time) : undefined;
  if (time && Number.isNaN(time.getTime())) throw new UsageError(`--time must be an ISO time, got \`${opts.time}\``);
  if (opts.snapshot.length === 0) throw new UsageError('--snapshot is required with --cloud gcp (gcloud exports or a Cordon snapshot)');
  const { snapshot, issues } = await loadSnapshotFiles(opts.snapshot);
  for (const i of issues) warn(`${i.file ?? ''}${i.pointer ? `#${i.pointer}` : ''}: ${i.message}`);
  if (!snapshot.gcp) throw new UsageError('the --snapshot inputs hold no GCP exports');
  const decision = evaluateGcp(compileGcp(snapshot.gcp), { principal: opts.principal, permission, resource: opts.resource, ...(time ? { time } : {}) });
  if (format === 'json') printJson({ ...decision, explanation: explainGcpDecision(decision) });
  else process.stdout.write(`${explainGcpDecision(decision).join('\n')}\n`);
  return 0;
}
