/**
 * The two side formats of file input (docs/snapshot-format.md):
 * - org.json: an AWS Organizations tree — a root node `{Id: "r-…", Arn, Policies, Children}`
 *   whose children are OUs or accounts (`Type: "Account"`), each with its attached `Policies`
 *   (`Type: SERVICE_CONTROL_POLICY | RESOURCE_CONTROL_POLICY`, `Content` the document). It is also the
 *   format IAMSpy (WithSecure) uses for SCP fixtures.
 * - resources.json: resource-based policies, either Cordon's `{"resources": [ResourcePolicyEntry…]}`
 *   or IAMSpy's list `[{"Resource": arn, "Policy": {…}, "Account": "id"}]`.
 */
import type { OrganizationSnapshot, OrgPolicy, PolicyDocumentJson, ResourcePolicyEntry } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';
import { wrongType } from './gaad.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for an Organizations root node. */
export function isOrgTree(value: unknown): value is Json {
  return isObject(value) && typeof value.Id === 'string' && value.Id.startsWith('r-') && ('Children' in value || 'Policies' in value);
}

/** Reads an org tree into the snapshot's organization model. */
export function readOrgTree(root: Json, file: string, issues: ValidationIssue[]): OrganizationSnapshot {
  const rootArn = String(root.Arn ?? '');
  // arn:aws:organizations::MANAGEMENT:root/o-xxx/r-yyy
  const managementAccountId = rootArn.split(':')[4] ?? '';
  const orgId = rootArn.split('/')[1] ?? 'o-unknown';
  const org: OrganizationSnapshot = { id: orgId, arn: rootArn, managementAccountId, rootId: String(root.Id), units: [], accounts: [], policies: [], origin: { file, pointer: '' } };
  const policies = new Map<string, OrgPolicy>();
  const visit = (node: Json, pointer: string, parentId?: string) => {
    const id = String(node.Id);
    const isAccount = node.Type === 'Account' || /^\d{12}$/.test(id);
    if (isAccount) org.accounts.push({ id, name: typeof node.Name === 'string' ? node.Name : undefined, email: typeof node.Email === 'string' ? node.Email : undefined, parentId: parentId ?? org.rootId, status: typeof node.Status === 'string' ? node.Status : undefined });
    else if (parentId) org.units.push({ id, name: String(node.Name ?? id), parentId });
    for (const [i, p] of (Array.isArray(node.Policies) ? node.Policies : []).entries()) {
      if (!isObject(p)) continue;
      const content = typeof p.Content === 'string' ? safeParse(p.Content) : p.Content;
      if (!isObject(content)) {
        issues.push({ code: 'invalid_policy_document', severity: 'error', message: `policy \`${String(p.Name ?? p.Id)}\` has no valid Content; skipped`, file, pointer: `${pointer}/Policies/${i}` });
        continue;
      }
      const key = String(p.Id ?? p.Arn);
      const existing = policies.get(key);
      if (existing) existing.targets.push(id);
      else {
        const type = p.Type === 'RESOURCE_CONTROL_POLICY' ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY';
        policies.set(key, { id: key, arn: typeof p.Arn === 'string' ? p.Arn : undefined, name: String(p.Name ?? key), type, document: content as PolicyDocumentJson, targets: [id], awsManaged: p.AwsManaged === true, origin: { file, pointer: `${pointer}/Policies/${i}` } });
      }
    }
    for (const [i, child] of (Array.isArray(node.Children) ? node.Children : []).entries()) if (isObject(child)) visit(child, `${pointer}/Children/${i}`, id);
  };
  visit(root, '');
  org.policies = [...policies.values()];
  return org;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for either resources format. */
export function isResourceList(value: unknown): boolean {
  if (isObject(value)) return Array.isArray(value.resources);
  return Array.isArray(value) && value.length > 0 && value.every((e) => isObject(e) && typeof e.Resource === 'string');
}

const TYPE_BY_SERVICE: Record<string, string> = {
  s3: 'AWS::S3::Bucket', kms: 'AWS::KMS::Key', lambda: 'AWS::Lambda::Function', sqs: 'AWS::SQS::Queue', sns: 'AWS::SNS::Topic',
  secretsmanager: 'AWS::SecretsManager::Secret', ecr: 'AWS::ECR::Repository', elasticfilesystem: 'AWS::EFS::FileSystem', dynamodb: 'AWS::DynamoDB::Table', iam: 'AWS::IAM::Role',
};

/** Reads resource entries (either format). */
export function readResourceList(value: unknown, file: string, issues: ValidationIssue[]): ResourcePolicyEntry[] {
  const list = isObject(value) ? (value.resources as unknown[]) : (value as unknown[]);
  const out: ResourcePolicyEntry[] = [];
  for (const [i, raw] of list.entries()) {
    const pointer = isObject(value) ? `/resources/${i}` : `/${i}`;
    if (!isObject(raw)) {
      issues.push({ code: 'invalid_resource', severity: 'error', message: 'resource entry is not an object; skipped', file, pointer });
      continue;
    }
    const arn = String(raw.arn ?? raw.Resource ?? '');
    const policy = raw.policy ?? raw.Policy;
    const parsedPolicy = typeof policy === 'string' ? safeParse(policy) : policy;
    if (!arn.startsWith('arn:') || (policy !== undefined && !isObject(parsedPolicy))) {
      issues.push({ code: 'invalid_resource', severity: 'error', message: `resource \`${arn || '?'}\` has no ARN or an invalid policy; skipped`, file, pointer });
      continue;
    }
    // Typed fields the analyzers iterate: a wrong JSON type is an error naming the field, not a TypeError later.
    for (const [field, expected] of [['sharedWith', 'array'], ['aclGrants', 'array'], ['tags', 'object'], ['blockPublicAccess', 'object']] as const) {
      const v = raw[field];
      if (v === undefined || v === null) continue;
      if (expected === 'array' ? !Array.isArray(v) : !isObject(v)) throw wrongType(file, `${pointer}/${field}`, expected === 'array' ? 'an array' : 'an object', v);
    }
    const service = arn.split(':')[2] ?? '';
    out.push({
      arn,
      resourceType: String(raw.resourceType ?? TYPE_BY_SERVICE[service] ?? `AWS::${service}::Resource`),
      accountId: String(raw.accountId ?? raw.Account ?? arn.split(':')[4] ?? ''),
      region: typeof raw.region === 'string' ? raw.region : arn.split(':')[3] || undefined,
      policy: parsedPolicy as PolicyDocumentJson | undefined,
      blockPublicAccess: raw.blockPublicAccess as ResourcePolicyEntry['blockPublicAccess'],
      aclGrants: raw.aclGrants as ResourcePolicyEntry['aclGrants'],
      sharedWith: raw.sharedWith as string[] | undefined,
      tags: raw.tags as ResourcePolicyEntry['tags'],
      origin: { file, pointer },
    });
  }
  return out;
}
