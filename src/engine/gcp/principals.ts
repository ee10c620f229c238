/**
 * Does a member (allow binding) or principal identifier (deny rule, PAB binding) include the
 * principal of a request? Groups are followed transitively through the exported memberships;
 * `domain:` and `principalSet://goog/cloudIdentityCustomerId/` match users of that domain;
 * workload and workforce pool sets (`.../*`) match their subjects.
 * https://cloud.google.com/iam/docs/principal-identifiers
 */
import { memberDomain, parseMember, type Member } from '../../model/gcp/members.js';
import { hierarchyFullName, serviceAccountProject } from '../../model/gcp/names.js';
import { ancestorsOf, type GcpModel } from './compile.js';

/** A request principal with the groups it belongs to (transitively). */
export interface GcpPrincipal {
  member: Member;
  groups: Set<string>;
}

/** Resolves a principal's group closure once per request. */
export function resolvePrincipal(model: GcpModel, principal: string): GcpPrincipal {
  const member = parseMember(principal);
  const groups = new Set<string>();
  const queue = [`${member.kind}:${member.value}`];
  if (member.kind === 'group') groups.add(member.value);
  while (queue.length > 0) {
    const key = queue.pop()!;
    for (const g of model.memberOf.get(key) ?? []) {
      if (!groups.has(g)) {
        groups.add(g);
        queue.push(`group:${g}`);
      }
    }
  }
  return { member, groups };
}

const poolPath = (id: string): string => id.replace(/^principal(Set)?:\/\//, '');

/** True when `raw` (member or v2 identifier) includes the principal. */
export function memberIncludes(model: GcpModel, raw: string, p: GcpPrincipal): boolean {
  const m = parseMember(raw);
  const who = p.member;
  switch (m.kind) {
    case 'allUsers':
    case 'publicAll':
      return true;
    case 'allAuthenticatedUsers':
      return who.kind !== 'allUsers';
    case 'user':
    case 'serviceAccount':
      return who.kind === m.kind && who.value === m.value;
    case 'group':
      return p.groups.has(m.value);
    case 'domain':
      return (who.kind === 'user' || who.kind === 'group') && memberDomain(who) === m.value;
    case 'customer': {
      const domain = model.snapshot.organizations.find((o) => o.directoryCustomerId === m.value)?.domain;
      return domain !== undefined && who.kind === 'user' && memberDomain(who) === domain;
    }
    case 'poolSet': {
      // principalSet://cloudresourcemanager.googleapis.com/{projects|folders|organizations}/X/type/ServiceAccount:
      // every service account of projects at or under X (deny and allow principal sets).
      const saSet = /^principalSet:\/\/cloudresourcemanager\.googleapis\.com\/((?:projects|folders|organizations)\/[^/]+)\/type\/ServiceAccount$/.exec(m.value);
      if (saSet) {
        if (who.kind !== 'serviceAccount') return false;
        const project = model.serviceAccounts.get(who.value)?.projectId ?? serviceAccountProject(who.value);
        if (!project) return false;
        const node = model.canon(hierarchyFullName(saSet[1]!));
        const projectNode = model.canon(hierarchyFullName(`projects/${project}`));
        return projectNode === node || ancestorsOf(model, projectNode).includes(node);
      }
      const set = poolPath(m.value);
      if (who.kind === 'poolSet' && poolPath(who.value) === set) return true;
      return set.endsWith('/*') && (who.kind === 'poolSubject' || who.kind === 'poolSet') && poolPath(who.value).startsWith(set.slice(0, -1));
    }
    case 'poolSubject':
      return who.kind === 'poolSubject' && who.value === m.value;
    case 'projectRole': {
      // projectOwner:P etc.: principals holding the basic role on project P (direct, unconditional bindings).
      const [kind, project] = m.value.split(':') as [string, string];
      const role = kind === 'projectOwner' ? 'roles/owner' : kind === 'projectEditor' ? 'roles/editor' : 'roles/viewer';
      const policies = model.policies.get(model.canon(hierarchyFullName(`projects/${project}`))) ?? [];
      return policies.some((pol) => pol.bindings.some((b) => b.role === role && !b.condition && b.members.some((x) => parseMember(x).kind !== 'projectRole' && memberIncludes(model, x, p))));
    }
    default:
      return false;
  }
}
