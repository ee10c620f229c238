/** Resource ARN checks: prefix, partition, fields, service case, region/account rules, resource types. */
import { compileGlob } from '../../../engine/index.js';
import type { StatementView } from '../document.js';
import type { CheckHit, PolicyCheck, ValidationContext } from '../types.js';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
/** Services whose ARNs carry no region (Service Authorization Reference ARN formats). */
const GLOBAL_SERVICES = new Set(['s3', 'iam', 'sts', 'organizations', 'cloudfront', 'route53', 'waf', 'budgets', 'ce', 'health', 'account']);
/** Services whose ARNs carry no account id either. */
const NO_ACCOUNT_SERVICES = new Set(['s3']);
const hasWildcard = (s: string) => s.includes('*') || s.includes('?') || s.includes('${');

interface ArnRef {
  pointer: string;
  text: string;
  parts: string[];
}

/** Resource strings that look like ARNs (wildcards and variables allowed), split in six. */
function arnRefs(s: StatementView): ArnRef[] {
  return s.resources.flatMap(({ value, pointer }) => {
    if (typeof value !== 'string' || !value.startsWith('arn:')) return [];
    const parts: string[] = [];
    let start = 0;
    for (let i = 0; i < 5; i++) {
      const c = value.indexOf(':', start);
      if (c < 0) break;
      parts.push(value.slice(start, c));
      start = c + 1;
    }
    parts.push(value.slice(start));
    return [{ pointer, text: value, parts }];
  });
}

const complete = (a: ArnRef) => a.parts.length === 6;
const each = (s: StatementView, pred: (a: ArnRef) => string | undefined): CheckHit[] =>
  arnRefs(s).filter(complete).flatMap((a) => { const m = pred(a); return m ? [{ pointer: a.pointer, message: m }] : []; });

/** `arn:${Partition}:s3:::${BucketName}` → a glob over the resource part. */
function templateResourceGlob(template: string) {
  const resource = template.split(':').slice(5).join(':').replace(/\$\{[^}]*\}/g, '*');
  return compileGlob(resource, false);
}

export const RESOURCE_CHECKS: readonly PolicyCheck[] = [
  {
    code: 'INVALID_ARN_PREFIX',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a resource that is neither `*` nor an ARN',
    statement: (s) => s.resources.flatMap(({ value, pointer }) => (typeof value === 'string' && value !== '*' && !value.startsWith('arn:') && !value.startsWith('${') ? [{ pointer, message: `The resource ${value} must be an ARN starting with "arn:" or "*".` }] : [])),
  },
  {
    code: 'MISSING_ARN_FIELD',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN with fewer than six colon-separated fields',
    statement: (s) => arnRefs(s).filter((a) => !complete(a) && !a.text.endsWith('*')).map((a) => ({ pointer: a.pointer, message: `The ARN ${a.text} is missing fields; ARNs have the form arn:partition:service:region:account:resource.` })),
  },
  {
    code: 'INVALID_PARTITION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN partition that does not exist',
    statement: (s) => each(s, (a) => (!hasWildcard(a.parts[1]!) && !PARTITIONS.has(a.parts[1]!) ? `The partition ${a.parts[1]} in ${a.text} is not valid.` : undefined)),
  },
  {
    code: 'INVALID_ARN_SERVICE_CASE',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN service in upper case',
    statement: (s) => each(s, (a) => (a.parts[2] !== a.parts[2]!.toLowerCase() ? `The service ${a.parts[2]} in ${a.text} must be lower case.` : undefined)),
  },
  {
    code: 'INVALID_SERVICE',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN whose service is not an AWS service',
    statement: (s, ctx) => each(s, (a) => { const svc = a.parts[2]!.toLowerCase(); return svc && !hasWildcard(svc) && svc === a.parts[2] && !ctx.catalog.isKnownService(svc) && !['execute-api'].includes(svc) ? `The service ${svc} in ${a.text} does not exist.` : undefined; }),
  },
  {
    code: 'INVALID_ARN_REGION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN region that is not a region code',
    statement: (s) => each(s, (a) => (a.parts[3] && !hasWildcard(a.parts[3]) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(a.parts[3]) ? `The region ${a.parts[3]} in ${a.text} is not valid.` : undefined)),
  },
  {
    code: 'INVALID_ARN_ACCOUNT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN account that is not 12 digits',
    statement: (s) => each(s, (a) => (a.parts[4] && !hasWildcard(a.parts[4]) && a.parts[4] !== 'aws' && !/^\d{12}$/.test(a.parts[4]) ? `The account ${a.parts[4]} in ${a.text} must be a 12-digit account id.` : undefined)),
  },
  {
    code: 'ARN_REGION_NOT_ALLOWED',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a region in the ARN of a global service (S3, IAM, ...)',
    statement: (s) => each(s, (a) => (GLOBAL_SERVICES.has(a.parts[2]!) && a.parts[3] && a.parts[3] !== '*' ? `The service ${a.parts[2]} does not support a region in the resource ARN (${a.text}).` : undefined)),
  },
  {
    code: 'ARN_ACCOUNT_NOT_ALLOWED',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an account id in an S3 bucket/object ARN',
    statement: (s) => each(s, (a) => (NO_ACCOUNT_SERVICES.has(a.parts[2]!) && a.parts[4] && a.parts[4] !== '*' && !a.parts[5]!.startsWith('accesspoint') && !a.parts[5]!.startsWith('job') && !a.parts[5]!.startsWith('storage-lens') ? `The service ${a.parts[2]} does not support an account id in this resource ARN (${a.text}).` : undefined)),
  },
  {
    code: 'MISSING_ARN_REGION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'no region in the ARN of a regional service',
    statement: (s, ctx) => each(s, (a) => { const svc = a.parts[2]!; return !a.parts[3] && svc && !GLOBAL_SERVICES.has(svc) && ctx.catalog.resourceTypes(svc).length > 0 && ctx.catalog.resourceTypes(svc).every((t) => t.arnTemplate.includes('${Region}')) ? `The ARN ${a.text} must include a region for service ${svc}.` : undefined; }),
  },
  {
    code: 'MISSING_ARN_ACCOUNT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'no account in the ARN of a service whose ARNs need one',
    statement: (s, ctx) => each(s, (a) => { const svc = a.parts[2]!; return !a.parts[4] && svc && ctx.catalog.resourceTypes(svc).length > 0 && ctx.catalog.resourceTypes(svc).every((t) => t.arnTemplate.includes('${Account}')) ? `The ARN ${a.text} must include an account id for service ${svc}.` : undefined; }),
  },
  {
    code: 'INVALID_ARN_RESOURCE',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an ARN resource part that matches no resource type of its service',
    statement: (s, ctx) => each(s, (a) => {
      const svc = a.parts[2]!;
      const types = ctx.catalog.resourceTypes(svc);
      if (types.length === 0 || hasWildcard(a.parts[5]!.split(/[/:]/)[0]!)) return undefined;
      const resource = a.parts[5]!;
      // A template's variables become wildcards; a pattern that matches none of them names nothing.
      const matches = types.some((t) => templateResourceGlob(t.arnTemplate).test(resource) || compileGlob(resource, false).test(t.arnTemplate.split(':').slice(5).join(':')));
      return matches ? undefined : `The resource ${resource} in ${a.text} matches no resource type of ${svc}.`;
    }),
  },
  {
    code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['resource'],
    summary: 'a resource of another service than the resource type (with --resource-type)',
    statement: (s, ctx: ValidationContext) => {
      const svc = ctx.resourceType?.split('::')[1]?.toLowerCase();
      const service = svc === 'efs' ? 'elasticfilesystem' : svc;
      if (!service) return [];
      return each(s, (a) => (a.parts[2] && !hasWildcard(a.parts[2]) && a.parts[2] !== service ? `The resource ${a.text} cannot be named in a ${ctx.resourceType} policy.` : undefined));
    },
  },
  {
    code: 'REDUNDANT_RESOURCE',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'a resource already covered by another resource of the same statement',
    statement: (s) => {
      const texts = s.resources.filter((r) => typeof r.value === 'string') as { value: string; pointer: string }[];
      return texts.flatMap((a, i) => {
        const by = texts.find((b, j) => j !== i && (b.value !== a.value ? !compileGlob(a.value, false).test(b.value) || j < i : j < i) && compileGlob(b.value, false).test(a.value));
        return by ? [{ pointer: a.pointer, message: `The resource ${a.value} is already matched by ${by.value} in this statement.` }] : [];
      });
    },
  },
];
