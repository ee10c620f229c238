/**
 * CloudTrail events → activity rows: per principal (sessions folded to their role or user), per
 * action (through the catalog mapping), per resource ARN when the event shows it (`resources[]`,
 * or known request parameters), per day, with success and denied counts and first/last seen.
 * Calls that failed for another reason than authorization (NoSuchKey, throttling) were authorized,
 * so they count as successful uses of the permission.
 */
import type { Catalog } from '../catalog/index.js';
import { eventActionMapper } from '../catalog/cloudtrail/map-event.js';
import { DENIED_ERROR_CODES } from '../catalog/cloudtrail/rules.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { ActivityRow } from '../model/activity.js';

/** The IAM principal an event's permissions came from, or undefined (AWS services, anonymous). */
export function activityPrincipal(event: CloudTrailEvent): string | undefined {
  const id = event.userIdentity;
  if (!id) return undefined;
  switch (id.type) {
    case 'IAMUser':
    case 'Root':
      return id.arn;
    case 'AssumedRole':
    case 'FederatedUser':
      // Sessions (Identity Center, web identity, SAML and plain AssumeRole alike) fold to their issuer.
      return id.sessionContext?.sessionIssuer?.arn ?? id.arn;
    default:
      return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Resource ARNs an event names (CloudTrail `resources[]`, else well-known request parameters). */
export function eventResources(event: CloudTrailEvent, service: string): string[] {
  const listed = (event.resources ?? []).map((r) => r.ARN).filter((a): a is string => typeof a === 'string' && a.startsWith('arn:'));
  if (listed.length > 0) return listed;
  const p = event.requestParameters;
  if (!p || typeof p !== 'object') return [];
  const account = event.recipientAccountId ?? event.userIdentity?.accountId ?? '';
  const region = event.awsRegion ?? '';
  if (service === 's3') {
    const bucket = str(p.bucketName);
    if (!bucket) return [];
    const key = str(p.key);
    return [key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`];
  }
  if (service === 'iam') {
    const entity = str(p.roleName) ? `role/${p.roleName as string}` : str(p.userName) ? `user/${p.userName as string}` : str(p.groupName) ? `group/${p.groupName as string}` : undefined;
    // The entity acted on is the resource (AttachRolePolicy acts on the role; the policy ARN is
    // only a condition key); a policy is the resource when no entity is named (CreatePolicyVersion).
    if (entity) return account ? [`arn:aws:iam::${account}:${entity}`] : [];
    const policyArn = str(p.policyArn);
    return policyArn?.startsWith('arn:') ? [policyArn] : [];
  }
  for (const field of ['roleArn', 'topicArn', 'functionArn', 'secretId', 'keyId', 'resourceArn', 'stateMachineArn']) {
    const v = str(p[field]);
    if (v?.startsWith('arn:')) return [v];
  }
  if (service === 'lambda' && str(p.functionName) && account) return [(p.functionName as string).startsWith('arn:') ? (p.functionName as string) : `arn:aws:lambda:${region}:${account}:function:${p.functionName as string}`];
  if (service === 'dynamodb' && str(p.tableName) && account) return [`arn:aws:dynamodb:${region}:${account}:table/${p.tableName as string}`];
  if (service === 'sqs' && str(p.queueUrl)) {
    const m = /\/(\d{12})\/([^/?]+)$/.exec(p.queueUrl as string);
    if (m) return [`arn:aws:sqs:${region}:${m[1]}:${m[2]}`];
  }
  return [];
}

/** An event no action could be found for, counted by (source, name). */
export interface UnmappedEvent {
  eventSource: string;
  eventName: string;
  count: number;
  reason: string;
}

/** Accumulates rows for many events; `rows()` returns one row per (principal, action, resource, day). */
export class ActivityAggregator {
  private readonly map: (source: string, name: string) => ReturnType<ReturnType<typeof eventActionMapper>>;
  private readonly catalog: Catalog;
  private readonly byKey = new Map<string, ActivityRow>();
  /** principal → `source:name` → count. */
  private readonly unknown = new Map<string, Map<string, UnmappedEvent>>();
  /** Events read, events attributed to a principal, events without an IAM action. */
  readonly counts = { events: 0, attributed: 0, noAction: 0 };

  constructor(catalog: Catalog) {
    this.map = eventActionMapper(catalog);
    this.catalog = catalog;
  }

  add(event: CloudTrailEvent): void {
    this.addGroup(event, 1, event.eventTime, event.eventTime);
  }

  /**
   * Adds `count` events that share everything the aggregation reads (principal, event, resource
   * fields, day, denied or not), first and last seen at the given times: a row of a pushed-down
   * `GROUP BY` (Athena, CloudTrail Lake) counts exactly as its events read one by one.
   */
  addGroup(event: CloudTrailEvent, count: number, firstSeen: string, lastSeen: string): void {
    this.counts.events += count;
    const principal = activityPrincipal(event);
    if (!principal || !event.eventSource || !event.eventName) return;
    const mapping = this.map(event.eventSource, event.eventName);
    if (mapping.status === 'no-action') {
      this.counts.noAction += count;
      return;
    }
    if (mapping.status === 'unknown') {
      const k = `${event.eventSource}:${event.eventName}`;
      let mine = this.unknown.get(principal);
      if (!mine) this.unknown.set(principal, (mine = new Map()));
      const u = mine.get(k);
      if (u) u.count += count;
      else mine.set(k, { eventSource: event.eventSource, eventName: event.eventName, count, reason: mapping.reason });
      return;
    }
    this.counts.attributed += count;
    const denied = event.errorCode !== undefined && DENIED_ERROR_CODES.has(event.errorCode);
    const day = event.eventTime.slice(0, 10);
    const accountId = principal.split(':')[4] ?? '';
    for (const action of mapping.actions) {
      // CloudTrail lists the bucket next to the object of a GetObject: keep what the action acts on.
      const resources = eventResources(event, action.slice(0, action.indexOf(':'))).filter((arn) => this.catalog.fitsActionResource(action, arn));
      for (const resourceArn of resources.length > 0 ? resources : ['*']) {
        const key = `${principal}\u0000${action}\u0000${resourceArn}\u0000${day}`;
        const row = this.byKey.get(key);
        if (row) {
          if (denied) row.deniedCount += count;
          else row.successCount += count;
          if (firstSeen < row.firstSeen) row.firstSeen = firstSeen;
          if (lastSeen > row.lastSeen) row.lastSeen = lastSeen;
        } else {
          this.byKey.set(key, { accountId, principalArn: principal, action, resourceArn, day, successCount: denied ? 0 : count, deniedCount: denied ? count : 0, firstSeen, lastSeen });
        }
      }
    }
  }

  rows(): ActivityRow[] {
    return [...this.byKey.values()];
  }

  /** Events without a known action (of one principal, or of all). */
  unmapped(principal?: string): UnmappedEvent[] {
    const maps = principal ? [this.unknown.get(principal) ?? new Map<string, UnmappedEvent>()] : [...this.unknown.values()];
    const merged = new Map<string, UnmappedEvent>();
    for (const m of maps) for (const [k, u] of m) {
      const have = merged.get(k);
      if (have) have.count += u.count;
      else merged.set(k, { ...u });
    }
    return [...merged.values()].sort((a, b) => b.count - a.count || a.eventSource.localeCompare(b.eventSource) || a.eventName.localeCompare(b.eventName));
  }
}
