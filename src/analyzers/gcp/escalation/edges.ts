/**
 * Escalation edges of one identity: for every method row of `catalog/gcp/escalation-methods.ts`,
 * the targets (service accounts, `admin:<scope>`) whose required permissions the engine grants it.
 * Every permission is asked of the engine, so deny policies, conditions and PAB take part.
 */
import type { Evidence } from '../../../model/finding.js';
import { hierarchyFullName, hierarchyKind } from '../../../model/gcp/names.js';
import { ancestorsOf, evaluateGcp } from '../../../engine/gcp/index.js';
import { GCP_ESCALATION_METHODS, requiredPermissions, type GcpEscalationMethod } from '../../../catalog/gcp/escalation-methods.js';
import type { GcpScan } from '../context.js';

const ACT_AS = 'iam.serviceAccounts.actAs';

/** One step an identity can take. `to` is a member string or `admin:<full resource name>`. */
export interface GcpEdge {
  method: GcpEscalationMethod;
  from: string;
  to: string;
  /** Where the method's permissions were checked (project, scope or service account). */
  checkedOn: string;
  /** Narrowest deny-policy attachment point (org, folder or project) that covers `checkedOn`. */
  attachmentPoint: string;
  permissions: string[];
  conditional: boolean;
  evidence: Evidence[];
  /** Permissions of Rhino's set the attacker lacks (the path holds without them; the exploit is less convenient). */
  missingHelpers?: string[];
}

type Check = { ok: boolean | 'unknown'; evidence: Evidence[] };

/** Memoised permission checks for one scan. */
export class EdgeFinder {
  private readonly cache = new Map<string, Check>();
  private readonly edges = new Map<string, GcpEdge[]>();
  constructor(private readonly scan: GcpScan) {}

  private check(identity: string, permissions: readonly string[], resource: string): Check {
    let ok: boolean | 'unknown' = true;
    const evidence: Evidence[] = [];
    for (const permission of permissions) {
      const key = `${identity}\u0000${permission}\u0000${resource}`;
      let c = this.cache.get(key);
      if (!c) {
        const d = evaluateGcp(this.scan.model, { principal: identity, permission, resource, time: this.scan.now }, this.scan.principals.get(identity));
        const granted: boolean | 'unknown' = d.access === 'GRANTED' ? true : d.access === 'CONDITIONAL' ? 'unknown' : false;
        c = {
          ok: granted,
          evidence: d.allows.filter((a) => a.result !== false).map((a) => ({ policy: a.resource, policyType: 'gcp-allow', statementIndex: a.bindingIndex, pointer: `${a.origin.pointer}/bindings/${a.bindingIndex}`, note: `${a.role} grants ${permission} to ${a.member}${a.condition ? ` if ${a.condition}` : ''}` })),
        };
        this.cache.set(key, c);
      }
      if (c.ok === false) return { ok: false, evidence: [] };
      if (c.ok === 'unknown') ok = 'unknown';
      evidence.push(...c.evidence);
    }
    return { ok, evidence };
  }

  /** Nearest org/folder/project at or above `resource`. */
  private attachment(resource: string): string {
    if (hierarchyKind(resource)) return resource;
    const chain = [resource, ...ancestorsOf(this.scan.model, resource)];
    return chain.find((n) => hierarchyKind(n) !== undefined) ?? resource;
  }

  /** Every permission some binding of `identity` holds anywhere (deny and conditions only take away). */
  private heldPermissions(identity: string): Set<string> {
    const out = new Set<string>();
    for (const h of this.scan.held.get(identity) ?? []) for (const p of this.scan.model.roles.get(h.role) ?? []) out.add(p);
    return out;
  }

  /** Every edge out of `identity` (memoised). */
  from(identity: string): GcpEdge[] {
    const cached = this.edges.get(identity);
    if (cached) return cached;
    const out: GcpEdge[] = [];
    const scan = this.scan;
    const holds = this.heldPermissions(identity);
    const push = (method: GcpEscalationMethod, to: string, checkedOn: string, permissions: readonly string[], c: Check, missing: string[] = []): void => {
      if (c.ok === false || to === identity) return;
      out.push({ method, from: identity, to, checkedOn, attachmentPoint: this.attachment(checkedOn), permissions: [...permissions], conditional: c.ok === 'unknown', evidence: c.evidence, ...(missing.length ? { missingHelpers: missing } : {}) });
    };
    const projects = scan.hierarchy.filter((h) => hierarchyKind(h) === 'project');
    const liveSas = scan.serviceAccounts.filter((s) => !s.disabled);
    for (const method of GCP_ESCALATION_METHODS) {
      const shape = method.shape;
      // INVARIANT: the engine grants only permissions of bound roles, so a method whose required
      // permissions the identity holds nowhere cannot apply; skipping it changes no result.
      if (!requiredPermissions(method).every((p) => holds.has(p))) continue;
      if (shape.kind === 'setIamPolicy') {
        for (const h of scan.hierarchy.filter((n) => hierarchyKind(n) === shape.scope)) push(method, `admin:${h}`, h, method.permissions, this.check(identity, method.permissions, h));
      } else if (shape.kind === 'serviceAccount') {
        for (const sa of liveSas) push(method, `serviceAccount:${sa.email}`, sa.resource, method.permissions, this.check(identity, method.permissions, sa.resource));
      } else if (shape.kind === 'heldCustomRole') {
        for (const hb of scan.held.get(identity) ?? []) {
          const m = /^(projects|organizations)\/([^/]+)\/roles\/[^/]+$/.exec(hb.role);
          if (!m) continue;
          const parent = scan.model.canon(hierarchyFullName(`${m[1]}/${m[2]}`));
          const c = this.check(identity, method.permissions, parent);
          if (c.ok !== false) push(method, `admin:${hb.resource}`, parent, method.permissions, { ok: c.ok === true && hb.conditional ? 'unknown' : c.ok, evidence: c.evidence });
        }
      } else if (shape.kind === 'projectServiceAccounts') {
        for (const p of projects) {
          const inProject = liveSas.filter((s) => scan.model.canon(hierarchyFullName(`projects/${s.projectId}`)) === p);
          if (inProject.length === 0) continue;
          const c = this.check(identity, method.permissions, p);
          for (const sa of inProject) push(method, `serviceAccount:${sa.email}`, p, method.permissions, c);
        }
      } else if (shape.kind === 'serviceAgent') {
        for (const p of projects) {
          const projectId = p.slice(p.lastIndexOf('/') + 1);
          const number = /^\d+$/.test(projectId) ? projectId : scan.model.projectNumbers.get(projectId);
          const agents = number ? [`serviceAccount:${number}@${shape.domain}`] : scan.identities.filter((i) => i.endsWith(`@${shape.domain}`) && (scan.held.get(i) ?? []).some((hb) => hb.resource === p));
          if (agents.length === 0) continue;
          const c = this.check(identity, method.permissions, p);
          for (const agent of agents) push(method, agent, p, method.permissions, c);
        }
      } else {
        const projectPermissions = requiredPermissions(method).filter((x) => x !== ACT_AS);
        const helpers = method.permissions.filter((x) => x !== ACT_AS && !projectPermissions.includes(x));
        for (const p of projects) {
          const inProject = liveSas.filter((s) => scan.model.canon(hierarchyFullName(`projects/${s.projectId}`)) === p);
          if (inProject.length === 0) continue;
          const c = this.check(identity, projectPermissions, p);
          if (c.ok === false) continue;
          const missing = helpers.filter((x) => this.check(identity, [x], p).ok === false);
          for (const sa of inProject) {
            const act = this.check(identity, [ACT_AS], sa.resource);
            if (act.ok === false) continue;
            push(method, `serviceAccount:${sa.email}`, p, [...projectPermissions, ACT_AS], { ok: c.ok === true && act.ok === true ? true : 'unknown', evidence: [...c.evidence, ...act.evidence] }, missing);
          }
        }
      }
    }
    this.edges.set(identity, out);
    return out;
  }
}
