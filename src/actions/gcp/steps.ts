/**
 * GCP remediation steps as step-machine kinds (../steps/): plan text, the IAM permissions applying
 * and undoing need, the state read before (journaled), idempotent apply and undo through the
 * `GcpGateway`, and the same change as exact `gcloud` commands.
 */
import { kindLookup, type KindOf, type StepTable } from '../steps/step.js';
import { hierarchyKind } from '../../model/gcp/names.js';
import type { GcpCondition } from '../../model/gcp/snapshot.js';
import type { AllowPolicyBody, GcpGateway } from './gateway.js';
import { denyStepName, type GcpRemediationStep } from './plan.js';

/** Nothing to configure for gcloud rendering today (the project is in every command). */
export type GcloudTarget = Record<string, never>;

export type GcpRemediationKinds = StepTable<GcpRemediationStep, 'kind', GcpGateway, GcloudTarget>;

const done = { status: 'done' as const };
// Single-quote for POSIX shells: the only character to escape inside '...' is ' itself.
const q = (s: string): string => (/^[A-Za-z0-9@%+=:,./_-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function conditionFlag(c: GcpCondition | undefined): string {
  if (!c) return '--condition=None';
  // gcloud's --condition takes key=value pairs; ^;^ switches the separator so commas in CEL survive.
  return `--condition=${q(`^;^expression=${c.expression};title=${c.title ?? 'condition'}${c.description ? `;description=${c.description}` : ''}`)}`;
}

/** `gcloud <group> add|remove-iam-policy-binding <target>` for a resource's full name. */
function bindingCommand(verb: 'add' | 'remove', resource: string, role: string, member: string, c: GcpCondition | undefined): string {
  const kind = hierarchyKind(resource);
  const id = resource.slice(resource.lastIndexOf('/') + 1);
  const sa = /^\/\/iam\.googleapis\.com\/projects\/([^/]+)\/serviceAccounts\/([^/]+)$/.exec(resource);
  const bucket = /^\/\/storage\.googleapis\.com\/projects\/_\/buckets\/([^/]+)$/.exec(resource);
  const command = `${verb}-iam-policy-binding`;
  let head: string | undefined;
  let tail = '';
  if (kind === 'project') head = `gcloud projects ${command} ${q(id)}`;
  else if (kind === 'folder') head = `gcloud resource-manager folders ${command} ${q(id)}`;
  else if (kind === 'organization') head = `gcloud organizations ${command} ${q(id)}`;
  else if (sa) {
    head = `gcloud iam service-accounts ${command} ${q(sa[2]!)}`;
    tail = ` --project=${q(sa[1]!)}`;
  } else if (bucket) head = `gcloud storage buckets ${command} ${q(`gs://${bucket[1]!}`)}`;
  if (!head) return `# ${verb} ${member} ${verb === 'add' ? 'to' : 'from'} ${role} on ${resource}: edit the resource's allow policy (getIamPolicy / setIamPolicy)`;
  return `${head} --member=${q(member)} --role=${q(role)} ${conditionFlag(c)}${tail}`;
}

const sameCondition = (a: GcpCondition | undefined, b: GcpCondition | undefined): boolean => (a?.expression ?? '') === (b?.expression ?? '');

function withoutMember(policy: AllowPolicyBody, s: Extract<GcpRemediationStep, { kind: 'RemoveBinding' }>): AllowPolicyBody {
  const bindings = policy.bindings
    .map((b) => (b.role === s.role && sameCondition(b.condition, s.condition) ? { ...b, members: b.members.filter((m) => m !== s.member) } : b))
    .filter((b) => b.members.length > 0);
  return { ...policy, version: 3, bindings };
}

function hasMember(policy: AllowPolicyBody, s: { role: string; member: string; condition?: GcpCondition }): boolean {
  return policy.bindings.some((b) => b.role === s.role && sameCondition(b.condition, s.condition) && b.members.includes(s.member));
}

/** Disabling a service account or key: idempotent, and undone only when it was enabled before. */
const disableToggle = {
  before: async (s: { name: string }, gw: GcpGateway) => ({ disabled: await gw.isDisabled(s.name) }),
  async apply(s: { name: string }, gw: GcpGateway) {
    if (!(await gw.isDisabled(s.name))) await gw.setDisabled(s.name, true);
  },
  async undo(s: { name: string }, gw: GcpGateway, before: unknown) {
    if (!(before as { disabled?: boolean } | undefined)?.disabled) await gw.setDisabled(s.name, false);
    return done;
  },
};

function keyParts(name: string): { email: string; key: string } {
  const m = /serviceAccounts\/([^/]+)\/keys\/([^/]+)$/.exec(name);
  return { email: m?.[1] ?? '', key: m?.[2] ?? '' };
}

/** Every GCP remediation step kind. */
export const GCP_REMEDIATION_KINDS: GcpRemediationKinds = {
  CreateDenyPolicy: {
    describe: (s) => `iam.policies.createPolicy ${denyStepName(s)}`,
    permissions: ['iam.denypolicies.create', 'iam.denypolicies.get', 'iam.denypolicies.delete'],
    before: async (s, gw) => ({ existed: (await gw.getDenyPolicy(denyStepName(s))) !== undefined }),
    async apply(s, gw) {
      if ((await gw.getDenyPolicy(denyStepName(s))) === undefined) await gw.createDenyPolicy(s.attachmentPoint, s.policyId, s.policy);
      return { policy: denyStepName(s) };
    },
    async undo(s, gw, before) {
      if ((before as { existed?: boolean } | undefined)?.existed) return { status: 'skipped', notes: [`${denyStepName(s)} existed before the remediation; left in place`] };
      if ((await gw.getDenyPolicy(denyStepName(s))) !== undefined) await gw.deleteDenyPolicy(denyStepName(s));
      return done;
    },
    cli: (s) => [`cat > ${s.policyId}.json <<'EOF'`, JSON.stringify(s.policy, null, 2), 'EOF', `gcloud iam policies create ${s.policyId} --attachment-point=${q(s.attachmentPoint.replace(/^\/\//, ''))} --kind=denypolicies --policy-file=${s.policyId}.json`].join('\n'),
    undoCli: (s) => `gcloud iam policies delete ${s.policyId} --attachment-point=${q(s.attachmentPoint.replace(/^\/\//, ''))} --kind=denypolicies`,
  },
  RemoveBinding: {
    describe: (s) => `setIamPolicy ${s.resource}: remove ${s.member} from ${s.role}${s.condition ? ` (condition ${s.condition.title ?? s.condition.expression})` : ''}`,
    permissions: ['resourcemanager.projects.getIamPolicy', 'resourcemanager.projects.setIamPolicy', 'resourcemanager.folders.getIamPolicy', 'resourcemanager.folders.setIamPolicy', 'resourcemanager.organizations.getIamPolicy', 'resourcemanager.organizations.setIamPolicy', 'iam.serviceAccounts.getIamPolicy', 'iam.serviceAccounts.setIamPolicy', 'storage.buckets.getIamPolicy', 'storage.buckets.setIamPolicy'],
    before: async (s, gw) => ({ present: hasMember(await gw.getIamPolicy(s.resource), s) }),
    async apply(s, gw) {
      const current = await gw.getIamPolicy(s.resource);
      if (hasMember(current, s)) await gw.setIamPolicy(s.resource, withoutMember(current, s));
    },
    async undo(s, gw, before) {
      if (!(before as { present?: boolean } | undefined)?.present) return { status: 'skipped', notes: ['the binding was not there before the remediation'] };
      const current = await gw.getIamPolicy(s.resource);
      if (hasMember(current, s)) return done;
      const existing = current.bindings.find((b) => b.role === s.role && sameCondition(b.condition, s.condition));
      const bindings = existing ? current.bindings.map((b) => (b === existing ? { ...b, members: [...b.members, s.member] } : b)) : [...current.bindings, { role: s.role, members: [s.member], ...(s.condition ? { condition: s.condition } : {}) }];
      await gw.setIamPolicy(s.resource, { ...current, version: 3, bindings });
      return done;
    },
    cli: (s) => bindingCommand('remove', s.resource, s.role, s.member, s.condition),
    undoCli: (s) => bindingCommand('add', s.resource, s.role, s.member, s.condition),
  },
  DisableServiceAccount: {
    describe: (s) => `iam.serviceAccounts.disable ${s.name}`,
    permissions: ['iam.serviceAccounts.get', 'iam.serviceAccounts.disable', 'iam.serviceAccounts.enable'],
    ...disableToggle,
    cli: (s) => `gcloud iam service-accounts disable ${q(s.name.split('/').pop()!)} --project=${q(s.name.split('/')[1]!)}`,
    undoCli: (s) => `gcloud iam service-accounts enable ${q(s.name.split('/').pop()!)} --project=${q(s.name.split('/')[1]!)}`,
  },
  DisableServiceAccountKey: {
    describe: (s) => `iam.serviceAccountKeys.disable ${s.name}`,
    permissions: ['iam.serviceAccountKeys.get', 'iam.serviceAccountKeys.disable', 'iam.serviceAccountKeys.enable'],
    ...disableToggle,
    cli: (s) => `gcloud iam service-accounts keys disable ${q(keyParts(s.name).key)} --iam-account=${q(keyParts(s.name).email)}`,
    undoCli: (s) => `gcloud iam service-accounts keys enable ${q(keyParts(s.name).key)} --iam-account=${q(keyParts(s.name).email)}`,
  },
};

/** The kind of a GCP remediation step. */
export const gcpRemediationKind: KindOf<GcpRemediationStep, GcpGateway, GcloudTarget> = kindLookup(GCP_REMEDIATION_KINDS, 'kind');
