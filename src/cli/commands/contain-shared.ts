/**
 * Pieces shared by `cordon contain` and `cordon release`: the AWS target from the global flags,
 * the step table, and small parsers.
 */
import { randomBytes } from 'node:crypto';
import type { AwsTarget } from '../../aws/client-config.js';
import type { StepRecord } from '../../actions/contain/steps.js';
import { UsageError } from '../../model/errors.js';
import type { GlobalOptions } from '../context.js';
import type { Column } from '../output.js';

/** The AWS target (profile, region, endpoint) named by the global flags. */
export function awsTarget(g: GlobalOptions): AwsTarget {
  return { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };
}

/** Columns of the step table printed by both commands. */
export const STEP_COLUMNS: readonly Column<StepRecord>[] = [
  { header: 'STATUS', cell: (s) => s.status },
  { header: 'STEP', cell: (s) => s.description, maxWidth: 140 },
  { header: 'ERROR', cell: (s) => s.error?.message, maxWidth: 80 },
];

/** Parses one `--tag Key=K,Value=V` (AWS CLI shorthand) into the accumulated map. */
export function parseTag(value: string, previous: Record<string, string> = {}): Record<string, string> {
  let key: string | undefined;
  let val: string | undefined;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq) : '';
    if (name === 'Key') key = part.slice(eq + 1);
    else if (name === 'Value') val = part.slice(eq + 1);
    else throw new UsageError(`--tag must look like Key=K,Value=V, got \`${value}\``);
  }
  if (!key) throw new UsageError(`--tag needs a Key, got \`${value}\``);
  return { ...previous, [key]: val ?? '' };
}

/** Parses `--bucket-access` (bucket names or `arn:aws:s3:::name` ARNs, comma-separated). */
export function parseBuckets(value: string, previous: string[] = []): string[] {
  const names = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (v.startsWith('arn:') ? v.split(':::')[1] ?? '' : v));
  for (const n of names) if (!n || n.includes('/')) throw new UsageError(`--bucket-access takes bucket names or bucket ARNs, got \`${value}\``);
  return [...previous, ...names];
}

/** A random hex suffix for execution ids. */
export const randomHex = () => randomBytes(3).toString('hex');

/** A temporary console password: 24 characters, every character class IAM password policies ask for. */
export function temporaryPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%^&*()-_=+'];
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b, i) => {
    const set = classes[i % classes.length]!;
    return set[b % set.length]!;
  });
  // Shuffle so the class pattern is not positional.
  const order = randomBytes(24);
  return chars.map((c, i) => ({ c, k: order[i]! })).sort((a, b) => a.k - b.k).map((x) => x.c).join('');
}
