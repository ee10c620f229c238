/** Principal checks for resource-based, trust and RCP statements. */
import type { StatementView } from '../document.js';
import type { CheckHit, PolicyCheck } from '../types.js';

const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
type Json = Record<string, unknown>;

/** Every principal value with its pointer and key. */
function principalValues(s: StatementView): { key: string; value: unknown; pointer: string }[] {
  const p = s.principal;
  const base = `${s.pointer}/${s.principalKey}`;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  return Object.entries(p as Json).flatMap(([key, v]) => (Array.isArray(v) ? v.map((x, i) => ({ key, value: x, pointer: `${base}/${key}/${i}` })) : [{ key, value: v, pointer: `${base}/${key}` }]));
}

const AWS_PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:(iam|sts)::(\d{12}|aws|\*):.+)$/;

export const PRINCIPAL_CHECKS: readonly PolicyCheck[] = [
  {
    code: 'INVALID_PRINCIPAL_KEY',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a Principal key other than AWS, Service, Federated, CanonicalUser',
    statement: (s) => (s.principal && typeof s.principal === 'object' && !Array.isArray(s.principal) ? Object.keys(s.principal as Json).filter((k) => !PRINCIPAL_KEYS.has(k)).map((k) => ({ pointer: `${s.pointer}/${s.principalKey}/${k}`, message: `The principal key ${k} is not valid; use AWS, Service, Federated or CanonicalUser.` })) : []),
  },
  {
    code: 'INVALID_PRINCIPAL_FORMAT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a Principal that is not "*", an object, or an AWS account/ARN value',
    statement: (s): CheckHit[] => {
      if (s.principal === undefined) return [];
      if (typeof s.principal === 'string') return s.principal === '*' ? [] : [{ pointer: `${s.pointer}/${s.principalKey}`, message: `A bare principal must be "*"; write {"AWS": "${s.principal}"}.` }];
      if (!s.principal || typeof s.principal !== 'object' || Array.isArray(s.principal)) return [{ pointer: `${s.pointer}/${s.principalKey}`, message: 'Principal must be "*" or an object.' }];
      return principalValues(s).filter((v) => v.key === 'AWS' && (typeof v.value !== 'string' || (v.value !== '*' && !AWS_PRINCIPAL.test(v.value)))).map((v) => ({ pointer: v.pointer, message: `The AWS principal ${JSON.stringify(v.value)} must be "*", a 12-digit account id or an IAM/STS ARN.` }));
    },
  },
  {
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a wildcard inside a principal ARN (only a bare "*" is allowed)',
    statement: (s) => principalValues(s).filter((v) => typeof v.value === 'string' && v.value !== '*' && v.value.includes('*')).map((v) => ({ pointer: v.pointer, message: `Wildcards are not supported inside the principal ${String(v.value)}; use "*" with a condition such as aws:PrincipalArn.` })),
  },
  {
    code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a Service principal that is not a service domain name',
    statement: (s) => principalValues(s).filter((v) => v.key === 'Service' && (typeof v.value !== 'string' || !/^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|aws\.internal)$/.test(v.value))).map((v) => ({ pointer: v.pointer, message: `The service principal ${JSON.stringify(v.value)} is not valid (expected e.g. ec2.amazonaws.com).` })),
  },
  {
    code: 'EMPTY_OBJECT_PRINCIPAL',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty Principal object',
    statement: (s) => (s.principal && typeof s.principal === 'object' && !Array.isArray(s.principal) && Object.keys(s.principal).length === 0 ? [{ pointer: `${s.pointer}/${s.principalKey}`, message: 'The Principal object is empty.' }] : []),
  },
  {
    code: 'EMPTY_ARRAY_PRINCIPAL',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty principal list',
    statement: (s) => (s.principal && typeof s.principal === 'object' ? Object.entries(s.principal as Json).filter(([, v]) => Array.isArray(v) && v.length === 0).map(([k]) => ({ pointer: `${s.pointer}/${s.principalKey}/${k}`, message: `The ${k} principal list is empty.` })) : []),
  },
  {
    code: 'ALLOW_WITH_NOT_PRINCIPAL',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'Allow with NotPrincipal (grants everyone else, including anonymous users)',
    statement: (s) => (s.effect === 'Allow' && s.principalKey === 'NotPrincipal' ? [{ pointer: `${s.pointer}/NotPrincipal`, message: 'Allow with NotPrincipal grants access to every principal not listed, anonymous users included; name the principals with Principal instead.' }] : []),
  },
  {
    code: 'CORDON_RCP_ALLOW_STATEMENT',
    severity: 'ERROR',
    source: 'cordon',
    types: ['rcp'],
    summary: 'an RCP Allow statement other than RCPFullAWSAccess (RCPs restrict with Deny only)',
    statement: (s) => (s.effect === 'Allow' && !(s.principal === '*' && s.actions.length === 1 && s.actions[0]!.value === '*') ? [{ pointer: `${s.pointer}/Effect`, message: 'Resource control policies support Allow only as the AWS-managed RCPFullAWSAccess; restrict with Deny statements.' }] : []),
  },
];
