/**
 * Replay rows for customer managed policies: creation, deletion, new versions (optionally made
 * default) and the choice of default version. The default version's document is what the engine
 * evaluates, so `SetDefaultPolicyVersion` can grant or revoke access by itself.
 */
import type { ManagedPolicy } from '../../model/snapshot/types.js';
import { policyDocument, str } from './decode.js';
import { findPolicy, iamArn } from './entities.js';
import type { HandlerContext, HandlerResult, ReplayHandler } from './types.js';

const IAM = 'iam.amazonaws.com';
const missing = (what: string): HandlerResult => ({ changed: false, status: 'unknown-entity', note: `${what} is not in the snapshot` });

/** Every holder of `arn` (attachment or boundary) is affected by a change to the policy. */
function touchHolders(ctx: HandlerContext, arn: string): void {
  ctx.touch(arn);
  for (const p of [...ctx.account.users, ...ctx.account.roles]) if (p.attachedPolicyArns.includes(arn) || p.permissionsBoundaryArn === arn) ctx.touch(p.arn);
  for (const g of ctx.account.groups) if (g.attachedPolicyArns.includes(arn)) ctx.touch(g.arn);
}

function setDefault(policy: ManagedPolicy, versionId: string): void {
  policy.versions = policy.versions.map((v) => ({ ...v, isDefault: v.versionId === versionId }));
  policy.defaultVersionId = versionId;
}

function nextVersionId(policy: ManagedPolicy): string {
  const max = Math.max(0, ...policy.versions.map((v) => Number(v.versionId.replace(/^v/, '')) || 0));
  return `v${max + 1}`;
}

/** Customer managed policies and their versions. */
export const MANAGED_POLICY_HANDLERS: readonly ReplayHandler[] = [
  {
    eventSource: IAM, eventName: 'CreatePolicy', title: 'creates a customer managed policy (version v1, default)',
    apply(ctx) {
      const name = str(ctx.params, 'policyName');
      if (!name) return missing('policyName');
      const created = (ctx.event.responseElements?.policy ?? {}) as Record<string, unknown>;
      const arn = typeof created.arn === 'string' ? created.arn : iamArn(ctx, 'policy', name, str(ctx.params, 'path'));
      const document = policyDocument(ctx.params.policyDocument);
      if (!document) ctx.uncertain(arn, 'document unreadable');
      ctx.account.policies = ctx.account.policies.filter((p) => p.arn !== arn);
      ctx.account.policies.push({
        arn, name, path: str(ctx.params, 'path') ?? '/', defaultVersionId: 'v1', isAwsManaged: false, documentStatus: document ? 'present' : 'unknown',
        versions: document ? [{ versionId: 'v1', isDefault: true, document, createDate: ctx.event.eventTime }] : [], createDate: ctx.event.eventTime, origin: { api: `cloudtrail:${ctx.event.eventID}` },
      });
      touchHolders(ctx, arn);
      return { changed: true, note: `policy ${arn} created` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeletePolicy', title: 'deletes a customer managed policy (IAM refuses while it is attached)',
    apply(ctx) {
      const policy = findPolicy(ctx, str(ctx.params, 'policyArn'));
      if (!policy) return missing(`policy ${String(ctx.params.policyArn)}`);
      touchHolders(ctx, policy.arn);
      ctx.account.policies = ctx.account.policies.filter((p) => p !== policy);
      return { changed: true, note: `policy ${policy.arn} deleted` };
    },
  },
  {
    eventSource: IAM, eventName: 'CreatePolicyVersion', title: 'adds a policy version, default when setAsDefault',
    apply(ctx) {
      const policy = findPolicy(ctx, str(ctx.params, 'policyArn'));
      if (!policy) return missing(`policy ${String(ctx.params.policyArn)}`);
      const returned = (ctx.event.responseElements?.policyVersion ?? {}) as Record<string, unknown>;
      const versionId = typeof returned.versionId === 'string' ? returned.versionId : nextVersionId(policy);
      const document = policyDocument(ctx.params.policyDocument);
      const asDefault = ctx.params.setAsDefault === true || ctx.params.setAsDefault === 'true';
      touchHolders(ctx, policy.arn);
      if (!document) {
        if (asDefault) {
          policy.documentStatus = 'unknown';
          policy.versions = policy.versions.map((v) => ({ ...v, isDefault: false }));
          policy.defaultVersionId = versionId;
          ctx.uncertain(policy.arn, `default version ${versionId} unreadable`);
        }
        return { changed: true, note: `policy ${policy.arn} got version ${versionId} with an unreadable document` };
      }
      policy.versions = [...policy.versions.filter((v) => v.versionId !== versionId), { versionId, isDefault: false, document, createDate: ctx.event.eventTime }];
      if (asDefault) {
        setDefault(policy, versionId);
        if (policy.documentStatus === 'unknown') policy.documentStatus = 'present';
      }
      return { changed: true, note: `policy ${policy.arn} version ${versionId} created${asDefault ? ' as default' : ''}` };
    },
  },
  {
    eventSource: IAM, eventName: 'SetDefaultPolicyVersion', title: 'makes another stored version the default one',
    apply(ctx) {
      const policy = findPolicy(ctx, str(ctx.params, 'policyArn'));
      const versionId = str(ctx.params, 'versionId');
      if (!policy || !versionId) return missing(`policy ${String(ctx.params.policyArn)}`);
      touchHolders(ctx, policy.arn);
      if (!policy.versions.some((v) => v.versionId === versionId)) {
        // The snapshot did not hold that version's document: the policy's effect is now unknown.
        policy.versions = policy.versions.map((v) => ({ ...v, isDefault: false }));
        policy.defaultVersionId = versionId;
        policy.documentStatus = 'unknown';
        ctx.uncertain(policy.arn, `version ${versionId} is not in the snapshot`);
        return { changed: true, note: `policy ${policy.arn} default set to unknown version ${versionId}` };
      }
      setDefault(policy, versionId);
      if (policy.documentStatus === 'unknown') policy.documentStatus = 'present';
      return { changed: true, note: `policy ${policy.arn} default version is now ${versionId}` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeletePolicyVersion', title: 'deletes a non-default policy version',
    apply(ctx) {
      const policy = findPolicy(ctx, str(ctx.params, 'policyArn'));
      const versionId = str(ctx.params, 'versionId');
      if (!policy || !versionId) return missing(`policy ${String(ctx.params.policyArn)}`);
      policy.versions = policy.versions.filter((v) => v.versionId !== versionId || v.isDefault);
      ctx.touch(policy.arn);
      return { changed: true, note: `policy ${policy.arn} version ${versionId} deleted` };
    },
  },
];
