/**
 * What every GCP analyzer needs once per scan: the compiled engine model, the identities to
 * analyze, the hierarchy nodes and service accounts as targets, and each identity's bindings
 * (for "is the target more privileged" and for risky grants).
 */
import type { GcpSnapshot } from '../../model/gcp/snapshot.js';
import { memberString, parseMember } from '../../model/gcp/members.js';
import { assetTypeFromName, hierarchyFullName, hierarchyKind, isHierarchyNode, projectSegment, serviceAccountProject, serviceAccountResource } from '../../model/gcp/names.js';
import { compileGcp, memberIncludes, resolvePrincipal, type GcpModel, type GcpPrincipal } from '../../engine/gcp/index.js';

/** A binding some identity holds: role on a canonical resource. */
export interface HeldBinding {
  resource: string;
  role: string;
  conditional: boolean;
  bindingIndex: number;
  pointer: string;
  file: string;
}

/** A service account as an escalation target. */
export interface GcpTargetSa {
  email: string;
  projectId: string;
  resource: string;
  disabled: boolean;
}

export interface GcpScan {
  model: GcpModel;
  now: Date;
  /** Member strings of every identity that appears (bindings, service accounts). */
  identities: string[];
  principals: Map<string, GcpPrincipal>;
  /** Canonical org/folder/project full names. */
  hierarchy: string[];
  serviceAccounts: GcpTargetSa[];
  held: Map<string, HeldBinding[]>;
}

const ANALYZED = new Set(['user', 'group', 'serviceAccount', 'poolSubject', 'poolSet', 'allUsers', 'allAuthenticatedUsers']);

/** Builds the shared scan context. */
export function gcpScan(snapshot: GcpSnapshot, now: Date): GcpScan {
  const model = compileGcp(snapshot);
  const identities = new Set<string>();
  const sas = new Map<string, GcpTargetSa>();
  for (const sa of snapshot.serviceAccounts) {
    identities.add(`serviceAccount:${sa.email}`);
    sas.set(sa.email, { email: sa.email, projectId: sa.projectId, resource: model.canon(serviceAccountResource(sa.email, sa.projectId)), disabled: sa.disabled });
  }
  for (const p of snapshot.allowPolicies) {
    for (const b of p.bindings) {
      for (const raw of b.members) {
        const m = parseMember(raw);
        if (!ANALYZED.has(m.kind)) continue;
        identities.add(memberString(m));
        const project = m.kind === 'serviceAccount' ? serviceAccountProject(m.value) : undefined;
        if (project && !sas.has(m.value)) sas.set(m.value, { email: m.value, projectId: project, resource: model.canon(serviceAccountResource(m.value, project)), disabled: false });
      }
    }
  }
  // Members of exported groups are identities too (their access comes through the group).
  for (const members of Object.values(snapshot.groups)) {
    for (const raw of members) {
      const m = parseMember(raw);
      if (m.kind === 'user' || m.kind === 'serviceAccount') identities.add(memberString(m));
    }
  }
  // Service accounts known only as resources (their own allow policy, or Cloud Asset resources).
  for (const name of [...snapshot.allowPolicies.map((p) => p.resource), ...snapshot.nodes.map((n) => n.name)]) {
    const m = /^\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceAccounts\/[^/]+$/.exec(name) ? /serviceAccounts\/([^/]+)$/.exec(model.canon(name)) : null;
    const email = m?.[1];
    const project = email ? (projectSegment(model.canon(name).replace(/^\/\/[^/]+\//, '')) ?? serviceAccountProject(email)) : undefined;
    if (email && email.includes('@') && project && !sas.has(email)) {
      identities.add(`serviceAccount:${email}`);
      sas.set(email, { email, projectId: project, resource: model.canon(serviceAccountResource(email, project)), disabled: false });
    }
  }
  const hierarchy = new Set<string>();
  const addNode = (n: string): void => {
    if (isHierarchyNode(n)) hierarchy.add(model.canon(n));
  };
  for (const n of model.nodes.keys()) addNode(n);
  for (const [c, p] of model.parent) {
    addNode(c);
    addNode(p);
  }
  for (const p of model.policies.keys()) addNode(p);
  for (const sa of sas.values()) addNode(hierarchyFullName(`projects/${sa.projectId}`));
  const principals = new Map([...identities].map((i) => [i, resolvePrincipal(model, i)] as const));
  const held = new Map<string, HeldBinding[]>();
  for (const [id, principal] of principals) {
    const list: HeldBinding[] = [];
    for (const [resource, policies] of model.policies) {
      for (const pol of policies) {
        pol.bindings.forEach((b, i) => {
          if (b.members.some((m) => memberIncludes(model, m, principal))) list.push({ resource, role: model.canon(b.role), conditional: b.condition !== undefined, bindingIndex: i, pointer: `${pol.origin.pointer}/bindings/${i}`, file: pol.origin.file });
        });
      }
    }
    held.set(id, list);
  }
  return { model, now, identities: [...identities].sort(), principals, hierarchy: [...hierarchy].sort(), serviceAccounts: [...sas.values()].sort((a, b) => a.email.localeCompare(b.email)), held };
}

/** Project id of a canonical resource (its own for a project), or the org/folder relative name. */
export function accountOf(scan: GcpScan, resource: string): string {
  if (hierarchyKind(resource) === 'project') return resource.slice(resource.lastIndexOf('/') + 1);
  const chain = [resource, ...(scan.model.parent.has(resource) ? walk(scan, resource) : [])];
  for (const n of chain) if (hierarchyKind(n) === 'project') return n.slice(n.lastIndexOf('/') + 1);
  const m = /\/projects\/([^/_-][^/]*)/.exec(resource);
  if (m) return m[1]!;
  const top = chain.find((n) => hierarchyKind(n) !== undefined);
  return top ? top.replace(/^\/\/cloudresourcemanager\.googleapis\.com\//, '') : 'gcp';
}

function walk(scan: GcpScan, resource: string): string[] {
  const out: string[] = [];
  let cur = scan.model.parent.get(resource);
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = scan.model.parent.get(cur);
  }
  return out;
}

/** Cloud Asset type of a canonical resource when the exports or its name say it. */
export function assetTypeOf(scan: GcpScan, resource: string): string {
  const known = scan.model.nodes.get(resource)?.assetType ?? assetTypeFromName(resource);
  if (known) return known;
  const m = /^\/\/([a-z0-9-]+)\.googleapis\.com\/.*\/([a-zA-Z]+?)s\/[^/]+$/.exec(resource);
  return m ? `${m[1]}.googleapis.com/${m[2]![0]!.toUpperCase()}${m[2]!.slice(1)}` : 'cloudresourcemanager.googleapis.com/Project';
}
