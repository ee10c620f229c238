/**
 * Replay rows for AWS Organizations policy changes (SCPs and RCPs): creation, content updates,
 * deletion, attachment and detachment. They change `snapshot.organization`, which the engine
 * applies to every account under the target; a snapshot without its organization cannot take them.
 */
import type { OrganizationSnapshot, OrgPolicy } from '../../model/snapshot/types.js';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { policyDocument, str } from './decode.js';
import type { HandlerResult } from './types.js';

/** What an organization handler works on: a deep copy of the organization. */
export interface OrgContext {
  event: CloudTrailEvent;
  params: Record<string, unknown>;
  organization: OrganizationSnapshot;
  touch(id: string): void;
  uncertain(id: string, why: string): void;
}

/** One replayable Organizations event. */
export interface OrgReplayHandler {
  eventSource: 'organizations.amazonaws.com';
  eventName: string;
  title: string;
  apply(ctx: OrgContext): HandlerResult;
}

const ORG = 'organizations.amazonaws.com' as const;
const TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
const missing = (what: string): HandlerResult => ({ changed: false, status: 'unknown-entity', note: `${what} is not in the snapshot` });
const find = (ctx: OrgContext): OrgPolicy | undefined => {
  const id = str(ctx.params, 'policyId');
  return id === undefined ? undefined : ctx.organization.policies.find((p) => p.id === id);
};

/** SCP/RCP lifecycle and attachments. */
export const ORG_HANDLERS: readonly OrgReplayHandler[] = [
  {
    eventSource: ORG, eventName: 'CreatePolicy', title: 'creates an SCP or RCP (not yet attached)',
    apply(ctx) {
      const type = str(ctx.params, 'type');
      if (!type || !TYPES.has(type)) return { changed: false, status: 'not-state-changing', note: `policy type ${type ?? '(none)'} does not affect authorization` };
      const summary = ((ctx.event.responseElements?.policy as Record<string, unknown> | undefined)?.policySummary ?? {}) as Record<string, unknown>;
      const id = typeof summary.id === 'string' ? summary.id : `unknown-${ctx.event.eventID}`;
      const document = policyDocument(ctx.params.content);
      if (!document) ctx.uncertain(id, 'content unreadable');
      ctx.organization.policies.push({ id, name: str(ctx.params, 'name') ?? id, type: type as OrgPolicy['type'], document: document ?? { Version: '2012-10-17', Statement: [] }, targets: [], origin: { api: `cloudtrail:${ctx.event.eventID}` }, ...(typeof summary.arn === 'string' ? { arn: summary.arn } : {}) });
      ctx.touch(id);
      return { changed: true, note: `${type} ${id} created` };
    },
  },
  {
    eventSource: ORG, eventName: 'UpdatePolicy', title: 'replaces the content of an SCP or RCP',
    apply(ctx) {
      const policy = find(ctx);
      if (!policy) return missing(`policy ${String(ctx.params.policyId)}`);
      ctx.touch(policy.id);
      if (ctx.params.content === undefined) return { changed: true, note: `policy ${policy.id} renamed or described (content unchanged)` };
      const document = policyDocument(ctx.params.content);
      if (!document) {
        ctx.uncertain(policy.id, 'new content unreadable');
        return { changed: true, note: `policy ${policy.id} content replaced by an unreadable document (kept the old one)` };
      }
      policy.document = document;
      return { changed: true, note: `policy ${policy.id} content replaced` };
    },
  },
  {
    eventSource: ORG, eventName: 'DeletePolicy', title: 'deletes a detached SCP or RCP',
    apply(ctx) {
      const policy = find(ctx);
      if (!policy) return missing(`policy ${String(ctx.params.policyId)}`);
      ctx.organization.policies = ctx.organization.policies.filter((p) => p !== policy);
      ctx.touch(policy.id);
      return { changed: true, note: `policy ${policy.id} deleted` };
    },
  },
  ...(['AttachPolicy', 'DetachPolicy'] as const).map((eventName): OrgReplayHandler => ({
    eventSource: ORG, eventName, title: `${eventName === 'AttachPolicy' ? 'attaches' : 'detaches'} an SCP or RCP to a root, OU or account`,
    apply(ctx) {
      const policy = find(ctx);
      const target = str(ctx.params, 'targetId');
      if (!policy || !target) return missing(`policy ${String(ctx.params.policyId)}`);
      policy.targets = policy.targets.filter((t) => t !== target);
      if (eventName === 'AttachPolicy') policy.targets.push(target);
      ctx.touch(policy.id);
      ctx.touch(target);
      return { changed: true, note: `policy ${policy.id} ${eventName === 'AttachPolicy' ? 'attached to' : 'detached from'} ${target}` };
    },
  })),
];
