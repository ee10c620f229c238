/**
 * Replay rows for IAM events that change a principal's own policies: inline policies,
 * managed-policy attachments and permission boundaries of users, roles and groups.
 */
import { policyDocument, str } from './decode.js';
import { ensurePolicy, policyHolder } from './entities.js';
import type { HandlerResult, ReplayHandler } from './types.js';

const IAM = 'iam.amazonaws.com';
const KINDS = ['User', 'Role', 'Group'] as const;

const missing = (what: string): HandlerResult => ({ changed: false, status: 'unknown-entity', note: `${what} is not in the snapshot` });

const inlineRows: ReplayHandler[] = KINDS.flatMap((kind): ReplayHandler[] => [
  {
    eventSource: IAM, eventName: `Put${kind}Policy`, title: `adds or replaces an inline policy of a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      const name = str(ctx.params, 'policyName');
      if (!holder || !name) return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      const document = policyDocument(ctx.params.policyDocument);
      ctx.touch(holder.arn);
      holder.inlinePolicies = holder.inlinePolicies.filter((p) => p.name !== name);
      // An unreadable document: keep the policy out (never invent access) and say the holder is uncertain.
      if (!document) ctx.uncertain(holder.arn, `inline policy ${name} has no readable document`);
      else holder.inlinePolicies.push({ name, document, origin: { api: `cloudtrail:${ctx.event.eventID}` } });
      return { changed: true, note: `inline policy ${name} put on ${holder.arn}` };
    },
  },
  {
    eventSource: IAM, eventName: `Delete${kind}Policy`, title: `deletes an inline policy of a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      const name = str(ctx.params, 'policyName');
      if (!holder || !name) return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      ctx.touch(holder.arn);
      holder.inlinePolicies = holder.inlinePolicies.filter((p) => p.name !== name);
      return { changed: true, note: `inline policy ${name} deleted from ${holder.arn}` };
    },
  },
  {
    eventSource: IAM, eventName: `Attach${kind}Policy`, title: `attaches a managed policy to a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      const arn = str(ctx.params, 'policyArn');
      if (!holder || !arn) return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      ctx.touch(holder.arn);
      ensurePolicy(ctx, arn, holder.arn);
      if (!holder.attachedPolicyArns.includes(arn)) holder.attachedPolicyArns = [...holder.attachedPolicyArns, arn];
      return { changed: true, note: `${arn} attached to ${holder.arn}` };
    },
  },
  {
    eventSource: IAM, eventName: `Detach${kind}Policy`, title: `detaches a managed policy from a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      const arn = str(ctx.params, 'policyArn');
      if (!holder || !arn) return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      ctx.touch(holder.arn);
      holder.attachedPolicyArns = holder.attachedPolicyArns.filter((a) => a !== arn);
      return { changed: true, note: `${arn} detached from ${holder.arn}` };
    },
  },
]);

const boundaryRows: ReplayHandler[] = (['User', 'Role'] as const).flatMap((kind): ReplayHandler[] => [
  {
    eventSource: IAM, eventName: `Put${kind}PermissionsBoundary`, title: `sets the permissions boundary of a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      const arn = str(ctx.params, 'permissionsBoundary');
      if (!holder || holder.kind === 'group' || !arn) return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      ctx.touch(holder.arn);
      ensurePolicy(ctx, arn, holder.arn);
      holder.permissionsBoundaryArn = arn;
      return { changed: true, note: `boundary ${arn} set on ${holder.arn}` };
    },
  },
  {
    eventSource: IAM, eventName: `Delete${kind}PermissionsBoundary`, title: `removes the permissions boundary of a ${kind.toLowerCase()}`,
    apply(ctx) {
      const holder = policyHolder(ctx, kind);
      if (!holder || holder.kind === 'group') return missing(`${kind.toLowerCase()} ${String(ctx.params[`${kind.toLowerCase()}Name`])}`);
      ctx.touch(holder.arn);
      delete holder.permissionsBoundaryArn;
      return { changed: true, note: `boundary removed from ${holder.arn}` };
    },
  },
]);

/** Inline policies, attachments and boundaries of users, roles and groups. */
export const PRINCIPAL_POLICY_HANDLERS: readonly ReplayHandler[] = [...inlineRows, ...boundaryRows];
