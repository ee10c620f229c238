/**
 * Exposure analyzer (IAM Access Analyzer parity, offline): for every trust and resource policy,
 * ACL grant and share, the principals outside the zone of trust that can get access, whether
 * access is public, and the conditions that still narrow it. Deny statements are applied by the
 * authorization engine (injected as `ExposureEngine`), so a Deny whose Sid is a finding's id —
 * Cordon's remediation — resolves that finding on the next scan.
 */
import { findingId } from '../../model/finding-id.js';
import type { Evidence, FindingDraft } from '../../model/finding.js';
import type { ConditionClause, Policy, PolicyType, Statement } from '../../model/policy/ast.js';
import type { PolicyDocumentJson, Snapshot } from '../../model/snapshot/types.js';
import { globMatch } from '../../model/policy/glob.js';
import { conditionScope, type OwnerLookup, type UniqueIdLookup } from './condition-scope.js';
import { denyCovers, probe, readPerimeterDeny, type PerimeterDeny, type ResourceFacts } from './perimeter.js';
import { externalReach, principalAtoms, type ExternalReach } from './reach.js';
import { exposureSources, SHARE_ACTIONS, type ExposureSource } from './sources.js';
import { zoneFor, type ZoneKind } from './zone.js';

/** What the analyzer needs from the engine layer. */
export interface ExposureEngine {
  parse(document: PolicyDocumentJson, id: string, type: PolicyType): Policy;
  /** Concrete actions a statement grants on a resource of this type (wildcards expanded with the catalog). */
  statementActions(statement: Statement, resourceType: string): string[];
  /**
   * The subset of `actions` the resource policy still allows to a principal of `reach` once every
   * Deny is applied (a Deny counts only when it certainly applies).
   */
  allowedAfterDenies(policy: Policy, resourceArn: string, reach: ExternalReach, actions: string[]): string[];
}

export interface ExposureOptions {
  zone: ZoneKind;
  /** Judge only these sources (role or resource ARNs): a replayed change re-judges what it touched. */
  only?: ReadonlySet<string>;
}

interface Accumulator {
  source: ExposureSource;
  reach: ExternalReach;
  condition: Record<string, string[]>;
  actions: Set<string>;
  evidence: Evidence[];
  confusedDeputy?: string;
}

/** Runs the analysis over every exposure source of the snapshot. */
export function analyzeExposure(snapshot: Snapshot, engine: ExposureEngine, options: ExposureOptions): FindingDraft[] {
  const idToAccount = uniqueIdIndex(snapshot);
  const lookupId: UniqueIdLookup = (id) => idToAccount.get(id);
  const owners = new Map(snapshot.accounts.flatMap((a) => a.resources.map((r) => [r.arn, r.accountId] as const)));
  const ownerOf: OwnerLookup = (arn) => owners.get(arn);
  const findings: FindingDraft[] = [];
  for (const source of exposureSources(snapshot, options.only)) {
    const zone = zoneFor(snapshot, source.accountId, options.zone);
    const orgAccounts = new Set(snapshot.organization?.accounts.map((a) => a.id) ?? []);
    const groups = new Map<string, Accumulator>();
    const add = (reach: ExternalReach, condition: Record<string, string[]>, actions: string[], evidence: Evidence, confusedDeputy?: string) => {
      const key = `${confusedDeputy ? 'deputy|' : ''}${reach.key}|${conditionKey(condition)}`;
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = { source, reach, condition, actions: new Set(), evidence: [], confusedDeputy }));
      actions.forEach((a) => acc!.actions.add(a));
      if (!acc.evidence.includes(evidence)) acc.evidence.push(evidence);
    };

    if (source.policy) {
      const policy = engine.parse(source.policy, source.arn, source.policyType);
      const facts: ResourceFacts = { account: source.accountId, orgId: orgAccounts.has(source.accountId) || snapshot.organization?.managementAccountId === source.accountId ? snapshot.organization?.id : undefined };
      const perimeter: PerimeterDeny[] = [];
      const translated = new Set<Statement>();
      for (const statement of policy.statements) {
        const read = readPerimeterDeny(statement, facts);
        if (read === undefined) continue;
        translated.add(statement);
        if (read !== 'never') perimeter.push(read);
      }
      // The engine applies every other Deny, counting it only where it certainly applies.
      const enginePolicy: Policy = translated.size ? { ...policy, statements: policy.statements.filter((st) => !translated.has(st)) } : policy;
      const reachOptions = { s3Meaning: source.resourceType.startsWith('AWS::S3::') };
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue;
        const scope = conditionScope(statement.conditions, lookupId, ownerOf);
        const actions = engine.statementActions(statement, source.resourceType);
        const probes = resourceProbes(statement, source, policy);
        const evidence: Evidence = { policy: source.arn, policyType: source.policyType, statementIndex: statement.index, sid: statement.sid, pointer: statement.pointer };
        for (const atom of principalAtoms(statement.principal)) {
          if (atom.kind === 'service') {
            if (source.policyType === 'resource' && !scope.sourceRestricted) {
              const reach: ExternalReach = { principal: { Service: atom.service }, key: `Service:${atom.service}`, isPublic: false, restriction: {} };
              add(reach, scope.narrowing, actions, evidence, atom.service);
            }
            continue;
          }
          const perimeterApplies = atom.kind === 'aws' || atom.kind === 'anyone';
          for (const { clauses, actions: group } of perimeterGroups(perimeterApplies ? perimeter : [], actions, probes)) {
            const groupScope = clauses.length ? conditionScope([...statement.conditions, ...clauses], lookupId, ownerOf) : scope;
            for (const reach of externalReach(atom, groupScope, zone, orgAccounts, reachOptions)) {
              const kept = new Set<string>();
              for (const resource of probes) engine.allowedAfterDenies(enginePolicy, resource, reach, group).forEach((a) => kept.add(a));
              const remaining = group.filter((a) => kept.has(a));
              if (remaining.length) add(reach, { ...reach.restriction, ...groupScope.narrowing }, remaining, evidence);
            }
          }
        }
      }
      // S3 RestrictPublicBuckets: a bucket whose policy is public keeps only service principals and
      // its own account's users; public AND cross-account grants of that policy are blocked.
      if (source.blockPublicAccess?.restrictPublicBuckets && [...groups.values()].some((g) => g.reach.isPublic)) {
        for (const [key, acc] of groups) if (!acc.confusedDeputy) groups.delete(key);
      }
    }
    aclReach(source).forEach(({ reach, actions, note }) => add(reach, {}, actions, { policy: source.arn, policyType: 'acl', note }));
    shareReach(source, zone.accounts).forEach(({ reach, actions }) => add(reach, {}, actions, { policy: source.arn, policyType: 'share', note: 'snapshot or image sharing' }));

    dropSubsumed(groups);
    for (const acc of groups.values()) findings.push(toFinding(acc));
  }
  return findings;
}

/**
 * A non-public grant whose principal also has a public grant covering all its actions adds
 * nothing: anyone already has that access (e.g. a trust pinning `sub` next to one checking only
 * `aud` for the same OIDC provider). Only the public finding is kept.
 */
function dropSubsumed(groups: Map<string, Accumulator>): void {
  const publicOnes = [...groups.values()].filter((g) => g.reach.isPublic && !g.confusedDeputy);
  if (publicOnes.length === 0) return;
  for (const [key, acc] of groups) {
    if (acc.reach.isPublic || acc.confusedDeputy) continue;
    const who = JSON.stringify(acc.reach.principal);
    if (publicOnes.some((p) => JSON.stringify(p.reach.principal) === who && [...acc.actions].every((a) => p.actions.has(a)))) groups.delete(key);
  }
}

/**
 * Resources a statement grants on, made concrete: its patterns with wildcards probed, or the
 * resource itself (and, for a bucket, an object in it) when the statement names `*` or none.
 * Plus one probe under every other Resource/NotResource pattern of the policy that the statement
 * covers: a Deny with `NotResource bucket/public/*` leaves `public/` objects open, which a single
 * probe of `bucket/*` would miss (IAM User Guide, NotResource).
 */
function resourceProbes(statement: Statement, source: ExposureSource, policy: Policy): string[] {
  const whole = source.resourceType === 'AWS::S3::Bucket' ? [source.arn, `${source.arn}/CordonProbe`] : [source.arn];
  const block = statement.resource;
  const named = block && block.kind === 'Resource' ? block.patterns.map((p) => p.value).filter((p) => p !== '*') : [];
  const base = block && block.kind === 'Resource' && named.length === block.patterns.length ? [...new Set(named.map(probe))] : whole;
  const out = new Set(base);
  for (const other of policy.statements) {
    if (other === statement || !other.resource) continue;
    for (const p of other.resource.patterns) {
      if (p.value.includes('${') || !(p.value === source.arn || p.value.startsWith(`${source.arn}/`))) continue;
      const extra = probe(p.value);
      if (!out.has(extra) && statementCovers(statement, extra)) out.add(extra);
    }
  }
  return [...out];
}

/** True when the statement's Resource / NotResource element includes `resource`. */
function statementCovers(statement: Statement, resource: string): boolean {
  const block = statement.resource;
  if (!block) return true;
  const hit = block.patterns.some((p) => !p.value.includes('${') && globMatch(p.value, resource));
  return block.kind === 'Resource' ? hit : !hit;
}

/**
 * Splits a statement's actions by the perimeter Denies that cover them, and yields, for each
 * group, every way a request can escape all of those Denies (one exemption from each). A Deny
 * with no exemption removes its actions outright. Too many combinations fall back to the engine.
 */
function perimeterGroups(perimeter: readonly PerimeterDeny[], actions: string[], probes: readonly string[]): { clauses: ConditionClause[]; actions: string[] }[] {
  if (perimeter.length === 0) return [{ clauses: [], actions }];
  const byCover = new Map<string, { denies: PerimeterDeny[]; actions: string[] }>();
  for (const action of actions) {
    const denies = perimeter.filter((d) => denyCovers(d.statement, action, probes));
    const key = denies.map((d) => d.statement.index).join(',');
    const entry = byCover.get(key) ?? { denies, actions: [] };
    entry.actions.push(action);
    byCover.set(key, entry);
  }
  const out: { clauses: ConditionClause[]; actions: string[] }[] = [];
  for (const { denies, actions: group } of byCover.values()) {
    let combos: ConditionClause[][] = [[]];
    for (const d of denies) {
      combos = combos.flatMap((c) => d.exemptions.map((e) => [...c, e]));
      if (combos.length > 64) break;
    }
    if (combos.length > 64) out.push({ clauses: [], actions: group });
    else combos.forEach((clauses) => out.push({ clauses, actions: group }));
  }
  return out;
}

function toFinding(acc: Accumulator): FindingDraft {
  const { source, reach } = acc;
  const type = acc.confusedDeputy ? 'ConfusedDeputy' : reach.isPublic ? 'PublicAccess' : 'ExternalAccess';
  const who = Object.values(reach.principal)[0] ?? '?';
  const actions = [...acc.actions].sort();
  return {
    id: findingId(type, source.arn, reach.key, conditionKey(acc.condition)),
    type,
    severity: type === 'PublicAccess' ? 'CRITICAL' : type === 'ConfusedDeputy' ? 'MEDIUM' : 'HIGH',
    title: type === 'ConfusedDeputy'
      ? `${shortName(source.arn)} lets service ${who} act without a source account or ARN condition`
      : `${shortName(source.arn)} is ${reach.isPublic ? 'public' : `reachable by ${who}`}${Object.keys(acc.condition).length ? ' (with conditions)' : ''}`,
    accountId: source.accountId,
    resource: source.arn,
    resourceType: source.resourceType,
    principal: reach.principal,
    actions,
    condition: Object.keys(acc.condition).length ? acc.condition : undefined,
    isPublic: reach.isPublic,
    evidence: acc.evidence,
    ruleId: type === 'ConfusedDeputy' ? 'confused-deputy' : 'external-access',
    rationale: type === 'ConfusedDeputy'
      ? 'Without aws:SourceAccount / aws:SourceArn, the service can be made to use this resource on behalf of any AWS account.'
      : 'Access from outside the zone of trust is how data leaves and how attackers persist; confirm it is intended or deny it.',
    details: {
      sources: acc.evidence.map((e) => e.policyType),
      // The same access in IAM Access Analyzer's finding shape (ListFindings/GetFinding), for tools that read it.
      accessAnalyzer: {
        principal: reach.principal, action: actions, resource: source.arn, resourceType: source.resourceType, resourceOwnerAccount: source.accountId,
        condition: acc.condition, isPublic: reach.isPublic, sources: [...new Set(acc.evidence.map((e) => AA_SOURCE_TYPE[e.policyType ?? ''] ?? 'POLICY'))].map((type) => ({ type })),
      },
    },
  };
}

/** Cordon evidence kinds → Access Analyzer finding source types. */
const AA_SOURCE_TYPE: Record<string, string> = { resource: 'POLICY', trust: 'POLICY', acl: 'BUCKET_ACL', share: 'POLICY' };

function conditionKey(condition: Record<string, string[]>): string {
  return Object.keys(condition).sort().map((k) => `${k.toLowerCase()}=${[...condition[k]!].sort().join(',')}`).join(';');
}

function shortName(arn: string): string {
  return arn.split(':').slice(5).join(':') || arn;
}

/** ACL grants to everyone or every AWS account (ignored when S3 IgnorePublicAcls is on). */
function aclReach(source: ExposureSource): { reach: ExternalReach; actions: string[]; note: string }[] {
  if (!source.aclGrants || source.blockPublicAccess?.ignorePublicAcls) return [];
  const PUBLIC_GROUPS: Record<string, string> = { 'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers' };
  const ACL_ACTIONS: Record<string, string[]> = { READ: ['s3:ListBucket'], WRITE: ['s3:PutObject', 's3:DeleteObject'], READ_ACP: ['s3:GetBucketAcl'], WRITE_ACP: ['s3:PutBucketAcl'], FULL_CONTROL: ['s3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:GetBucketAcl', 's3:PutBucketAcl'] };
  return source.aclGrants
    .filter((g) => g.granteeType === 'Group' && PUBLIC_GROUPS[g.grantee])
    .map((g) => ({ reach: { principal: { AWS: '*' }, key: 'AWS:*', isPublic: true, restriction: {} }, actions: ACL_ACTIONS[g.permission] ?? [`s3:${g.permission}`], note: `ACL grant ${g.permission} to ${PUBLIC_GROUPS[g.grantee]}` }));
}

/** Snapshot / AMI shares with `all` (public) or accounts outside the zone. */
function shareReach(source: ExposureSource, zoneAccounts: ReadonlySet<string>): { reach: ExternalReach; actions: string[] }[] {
  const actions = SHARE_ACTIONS[source.resourceType];
  if (!actions || !source.sharedWith) return [];
  return source.sharedWith
    .filter((who) => !zoneAccounts.has(who))
    .map((who) => (who === 'all'
      ? { reach: { principal: { AWS: '*' }, key: 'AWS:*', isPublic: true, restriction: {} }, actions }
      : { reach: { principal: { AWS: who }, key: `AWS:${who}`, isPublic: false, account: who, restriction: {} }, actions }));
}

/** Unique ids (AIDA…, AROA…) of the snapshot's principals → their account, for `aws:userid`. */
function uniqueIdIndex(snapshot: Snapshot): Map<string, string> {
  const map = new Map<string, string>();
  for (const account of snapshot.accounts) {
    for (const p of [...account.users, ...account.roles]) if (p.id) map.set(p.id, account.accountId);
  }
  return map;
}
