// Policy validation table: each policy with the issue codes Cordon must report. The expected
// codes come from IAM Access Analyzer's policy check reference
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
// each row names the check whose "Resolving the error" text describes the mistake in the policy;
// rows marked "cordon" are Cordon's own checks (docs/validate.md).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { isBlocking, POLICY_CHECKS, validatePolicy, type ValidatedPolicyType } from '../../../src/analyzers/validate/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true });
});

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const allow = (extra: object) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });

interface Row {
  name: string;
  type?: ValidatedPolicyType;
  resourceType?: string;
  text: string;
  codes: string[];
}

const ROWS: Row[] = [
  { name: 'a clean identity policy', text: doc(allow({})), codes: [] },
  { name: 'JSON syntax error', text: '{"Version": "2012-10-17", "Statement": [', codes: ['JSON_SYNTAX_ERROR'] },
  { name: 'no Version', text: JSON.stringify({ Statement: [allow({})] }), codes: ['MISSING_VERSION'] },
  { name: 'bad Version', text: JSON.stringify({ Version: '2012-10-18', Statement: [allow({})] }), codes: ['INVALID_VERSION'] },
  { name: 'no Statement', text: JSON.stringify({ Version: '2012-10-17' }), codes: ['MISSING_STATEMENT'] },
  { name: 'unknown element', text: doc(allow({ Actions: 's3:*' })), codes: ['INVALID_POLICY_ELEMENT'] },
  { name: 'keys differing by case', text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","action":"s3:GetObject","Resource":"*"}]}', codes: ['DUPLICATE_KEYS_WITH_DIFFERENT_CASE'] },
  { name: 'Effect of the wrong type', text: doc({ Effect: 1, Action: 's3:GetObject', Resource: '*' }), codes: ['DATA_TYPE_MISMATCH'] },
  { name: 'no Effect', text: doc({ Action: 's3:GetObject', Resource: '*' }), codes: ['MISSING_EFFECT'] },
  { name: 'Effect "allow"', text: doc({ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }), codes: ['INVALID_EFFECT'] },
  { name: 'no Action', text: doc({ Effect: 'Allow', Resource: '*' }), codes: ['MISSING_ACTION'] },
  { name: 'no Resource', text: doc({ Effect: 'Allow', Action: 's3:GetObject' }), codes: ['MISSING_RESOURCE'] },
  { name: 'Action and NotAction together', text: doc(allow({ NotAction: 's3:PutObject' })), codes: ['UNSUPPORTED_ELEMENT_COMBINATION'] },
  { name: 'Principal in an identity policy', text: doc(allow({ Principal: { AWS: '111122223333' } })), codes: ['UNSUPPORTED_PRINCIPAL'] },
  { name: 'duplicate Sids', text: doc(allow({ Sid: 'A' }), allow({ Sid: 'A', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' })), codes: ['UNIQUE_SIDS_REQUIRED'] },
  { name: 'Sid with a space', text: doc(allow({ Sid: 'read objects' })), codes: ['UNSUPPORTED_SID'] },
  { name: 'empty Sid', text: doc(allow({ Sid: '' })), codes: ['EMPTY_SID_VALUE'] },
  { name: 'empty Action list', text: doc(allow({ Action: [] })), codes: ['EMPTY_ARRAY_ACTION'] },
  { name: 'empty Resource list', text: doc(allow({ Resource: [] })), codes: ['EMPTY_ARRAY_RESOURCE'] },
  { name: 'unknown action of a known service', text: doc(allow({ Action: 's3:GetObjekt' })), codes: ['INVALID_ACTION'] },
  { name: 'action without a colon', text: doc(allow({ Action: 's3GetObject' })), codes: ['INVALID_ACTION'] },
  { name: 'unknown service in an action', text: doc(allow({ Action: 'nosuchservice:GetThing' })), codes: ['INVALID_SERVICE_IN_ACTION'] },
  { name: 'wildcard in the service name', text: doc(allow({ Action: 's*:GetObject' })), codes: ['WILDCARD_IN_SERVICE_NAME'] },
  { name: 'redundant action', text: doc(allow({ Action: ['s3:Get*', 's3:GetObject'] })), codes: ['REDUNDANT_ACTION'] },
  { name: 'redundant resource', text: doc(allow({ Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x'] })), codes: ['REDUNDANT_RESOURCE'] },
  { name: 'redundant statement', text: doc(allow({ Sid: 'A' }), allow({ Sid: 'B' })), codes: ['REDUNDANT_STATEMENT'] },
  { name: 'resource that is not an ARN', text: doc(allow({ Resource: 'my-bucket' })), codes: ['INVALID_ARN_PREFIX'] },
  { name: 'ARN missing fields', text: doc(allow({ Resource: 'arn:aws:s3:b' })), codes: ['MISSING_ARN_FIELD'] },
  { name: 'unknown partition', text: doc(allow({ Resource: 'arn:awz:s3:::b/*' })), codes: ['INVALID_PARTITION'] },
  { name: 'upper-case service in an ARN', text: doc(allow({ Resource: 'arn:aws:S3:::b/*' })), codes: ['INVALID_ARN_SERVICE_CASE'] },
  { name: 'bad region in an ARN', text: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:useast1:111122223333:q' }), codes: ['INVALID_ARN_REGION'] },
  { name: 'bad account in an ARN', text: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1111:q' }), codes: ['INVALID_ARN_ACCOUNT'] },
  { name: 'region in an S3 ARN', text: doc(allow({ Resource: 'arn:aws:s3:us-east-1::b/*' })), codes: ['ARN_REGION_NOT_ALLOWED'] },
  { name: 'account in an S3 bucket ARN', text: doc(allow({ Resource: 'arn:aws:s3::111122223333:b/*' })), codes: ['ARN_ACCOUNT_NOT_ALLOWED'] },
  { name: 'no region in a Lambda ARN', text: doc({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda::111122223333:function:f' }), codes: ['MISSING_ARN_REGION'] },
  { name: 'resource part of no resource type', text: doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::111122223333:rolez/x' }), codes: ['INVALID_ARN_RESOURCE'] },
  { name: 'unknown condition operator', text: doc(allow({ Condition: { StringEqualz: { 'aws:PrincipalTag/team': 'a' } } })), codes: ['INVALID_CONDITION_OPERATOR'] },
  { name: 'Null with IfExists', text: doc(allow({ Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } })), codes: ['NULL_WITH_IF_EXISTS'] },
  { name: 'condition key without a prefix', text: doc(allow({ Condition: { StringEquals: { SourceVpc: 'vpc-1' } } })), codes: ['INVALID_CONDITION_KEY_FORMAT'] },
  { name: 'unknown global condition key', text: doc(allow({ Condition: { StringEquals: { 'aws:SourceVpcId': 'vpc-1' } } })), codes: ['INVALID_GLOBAL_CONDITION_KEY'] },
  { name: 'tag key missing', text: doc(allow({ Condition: { StringEquals: { 'aws:ResourceTag': 'x' } } })), codes: ['MISSING_TAG_KEY_IN_CONDITION'] },
  { name: 'unknown service condition key', text: doc(allow({ Condition: { StringEquals: { 's3:NoSuchKey': 'x' } } })), codes: ['INVALID_SERVICE_CONDITION_KEY'] },
  { name: 'string operator on a date key', text: doc(allow({ Condition: { StringEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } } })), codes: ['TYPE_MISMATCH'] },
  { name: 'numeric operator with text', text: doc(allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } } })), codes: ['TYPE_MISMATCH_NUMBER'] },
  { name: 'date operator with a bad date', text: doc(allow({ Condition: { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } } })), codes: ['TYPE_MISMATCH_DATE'] },
  { name: 'Bool with a non-boolean', text: doc(allow({ Condition: { Bool: { 'aws:SecureTransport': 'yes' } } })), codes: ['TYPE_MISMATCH_BOOLEAN'] },
  { name: 'IpAddress with a bad range', text: doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '300.1.1.1/8' } } })), codes: ['TYPE_MISMATCH_IP_RANGE'] },
  { name: 'Bool true and false', text: doc(allow({ Condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] } } })), codes: ['INVALID_CONDITION_MULTIPLE_BOOLEAN'] },
  { name: 'policy variable in a numeric value', text: doc(allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:username}' } } })), codes: ['INVALID_VARIABLE_FOR_OPERATOR'] },
  { name: 'wildcard with StringEquals', text: doc(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data-*' } } })), codes: ['WILDCARD_WITHOUT_LIKE_OPERATOR'] },
  { name: 'private range in aws:SourceIp', text: doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })), codes: ['PRIVATE_IP_ADDRESS'] },
  { name: 'private range in NotIpAddress', text: doc(allow({ Condition: { NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } } })), codes: ['PRIVATE_NOT_IP_ADDRESS'] },
  { name: 'empty Condition', text: doc(allow({ Condition: {} })), codes: ['EMPTY_OBJECT_CONDITION'] },
  { name: 'empty condition values', text: doc(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': [] } } })), codes: ['EMPTY_ARRAY_CONDITION'] },
  { name: 'empty ForAllValues values', text: doc(allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [] } } })), codes: ['EMPTY_ARRAY_CONDITION_FORALLVALUES'] },
  { name: 'empty ForAnyValue values', text: doc(allow({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } } })), codes: ['EMPTY_ARRAY_CONDITION_FORANYVALUE'] },
  { name: 'empty IfExists values', text: doc(allow({ Condition: { StringEqualsIfExists: { 'aws:PrincipalTag/team': [] } } })), codes: ['EMPTY_ARRAY_CONDITION_IFEXISTS'] },
  { name: 'several values for NumericLessThan', text: doc(allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', '7200'] } } })), codes: ['REDUNDANT_CONDITION_VALUE_NUM'] },
  { name: 'PassRole on *', text: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), codes: ['PASS_ROLE_WITH_STAR_IN_RESOURCE'] },
  { name: 'iam:* on *', text: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), codes: ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'] },
  { name: 'PassRole with NotResource', text: doc({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin' }), codes: ['PASS_ROLE_WITH_NOT_RESOURCE'] },
  { name: 'PassRole on * guarded by iam:PassedToService', text: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), codes: [] },
  { name: 'iam:* with NotResource', text: doc({ Effect: 'Allow', Action: 'iam:*', NotResource: 'arn:aws:iam::111122223333:role/admin' }), codes: ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'] },
  { name: 'CreateServiceLinkedRole with NotResource', text: doc({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', NotResource: 'arn:aws:iam::111122223333:role/x' }), codes: ['CREATE_SLR_WITH_NOT_RESOURCE'] },
  { name: 'CreateServiceLinkedRole on *', text: doc({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*' }), codes: ['CREATE_SLR_WITH_STAR_IN_RESOURCE'] },
  { name: 'admin access (cordon)', text: doc({ Effect: 'Allow', Action: '*', Resource: '*' }), codes: ['CORDON_FULL_ADMIN', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'] },
  { name: 'bucket policy without Principal', type: 'resource', text: doc(allow({})), codes: ['MISSING_PRINCIPAL'] },
  { name: 'bad principal key', type: 'resource', text: doc(allow({ Principal: { IAM: '111122223333' } })), codes: ['INVALID_PRINCIPAL_KEY'] },
  { name: 'bare principal ARN', type: 'resource', text: doc(allow({ Principal: 'arn:aws:iam::111122223333:root' })), codes: ['INVALID_PRINCIPAL_FORMAT'] },
  { name: 'wildcard inside a principal ARN', type: 'resource', text: doc(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/*' } })), codes: ['UNSUPPORTED_WILDCARD_IN_PRINCIPAL'] },
  { name: 'bad service principal', type: 'trust', text: doc({ Effect: 'Allow', Principal: { Service: 'ec2' }, Action: 'sts:AssumeRole' }), codes: ['INVALID_SERVICE_PRINCIPAL_FORMAT'] },
  { name: 'empty principal object', type: 'resource', text: doc(allow({ Principal: {} })), codes: ['EMPTY_OBJECT_PRINCIPAL'] },
  { name: 'empty principal list', type: 'resource', text: doc(allow({ Principal: { AWS: [] } })), codes: ['EMPTY_ARRAY_PRINCIPAL'] },
  { name: 'Allow with NotPrincipal', type: 'resource', text: doc(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })), codes: ['ALLOW_WITH_NOT_PRINCIPAL'] },
  { name: 'public bucket policy (cordon)', type: 'resource', text: doc(allow({ Principal: '*' })), codes: ['CORDON_PUBLIC_PRINCIPAL'] },
  { name: 'bucket policy with an EC2 action', type: 'resource', resourceType: 'AWS::S3::Bucket', text: doc(allow({ Principal: { AWS: '111122223333' }, Action: 'ec2:RunInstances' })), codes: ['UNSUPPORTED_ACTION_IN_POLICY'] },
  { name: 'bucket policy on a queue', type: 'resource', resourceType: 'AWS::S3::Bucket', text: doc(allow({ Principal: { AWS: '111122223333' }, Resource: 'arn:aws:sqs:us-east-1:111122223333:q' })), codes: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY'] },
  { name: 'SCP action wildcard in the middle', type: 'scp', text: doc({ Effect: 'Deny', Action: 's3:*Object', Resource: '*' }), codes: ['SCP_SYNTAX_ERROR_ACTION_WILDCARD'] },
  { name: 'SCP with a Principal', type: 'scp', text: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), codes: ['SCP_SYNTAX_ERROR_PRINCIPAL'] },
  { name: 'RCP Allow statement (cordon)', type: 'rcp', text: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }), codes: ['CORDON_RCP_ALLOW_STATEMENT'] },
  { name: 'no account in an SQS ARN', text: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1::q' }), codes: ['MISSING_ARN_ACCOUNT'] },
  { name: 'unknown service in an ARN', text: doc(allow({ Resource: 'arn:aws:nosuchsvc:us-east-1:111122223333:thing/x' })), codes: ['INVALID_SERVICE'] },
  { name: 'ForAllValues on a single-valued key (cordon)', text: doc(allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } } })), codes: ['CORDON_FORALLVALUES_WITH_SINGLE_VALUED_KEY'] },
  { name: 'oversized SCP', type: 'scp', text: doc(...Array.from({ length: 60 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Deny', Action: 's3:DeleteBucket', Resource: `arn:aws:s3:::bucket-number-${i}` }))), codes: ['POLICY_SIZE_EXCEEDS_SCP_QUOTA'] },
  { name: 'oversized identity policy', text: doc(...Array.from({ length: 80 }, (_, i) => allow({ Sid: `S${i}`, Resource: `arn:aws:s3:::bucket-number-${i}/some/long/prefix/*` }))), codes: ['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'] },
];

describe('validate: policies and their issue codes', () => {
  for (const row of ROWS) {
    test(`${row.name} → ${row.codes.join(', ') || 'no finding'}`, () => {
      const findings = validatePolicy(row.text, { type: row.type ?? 'identity', catalog, ...(row.resourceType ? { resourceType: row.resourceType } : {}) });
      assert.deepEqual([...new Set(findings.map((f) => f.issueCode))].sort(), [...row.codes].sort(), JSON.stringify(findings, null, 1));
    });
  }
});

test('spans point at the element: the PassRole Resource line', () => {
  const text = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
  const [f] = validatePolicy(text, { type: 'identity', catalog });
  const resourceLine = text.split('\n').findIndex((l) => l.includes('"Resource"')) + 1;
  assert.equal(f!.span.start.line, resourceLine);
  assert.equal(f!.pointer, '/Statement/0/Resource');
  assert.ok(isBlocking(f!));
});

test('a JSON syntax error reports its line and column', () => {
  const [f] = validatePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [ }\n', { type: 'identity', catalog });
  assert.equal(f!.issueCode, 'JSON_SYNTAX_ERROR');
  assert.equal(f!.span.start.line, 3);
});

test('the table holds at least 60 of Access Analyzer\'s documented checks, each code once', () => {
  const aa = POLICY_CHECKS.filter((c) => c.source === 'access-analyzer').map((c) => c.code);
  assert.equal(new Set(POLICY_CHECKS.map((c) => c.code)).size, POLICY_CHECKS.length);
  assert.ok(aa.length + 1 >= 60, `${aa.length + 1} Access Analyzer codes (JSON_SYNTAX_ERROR included)`);
  // Every code the table declares is exercised by a row above.
  const covered = new Set(ROWS.flatMap((r) => r.codes));
  const untested = POLICY_CHECKS.map((c) => c.code).filter((c) => !covered.has(c));
  assert.deepEqual(untested, []);
});

test('docs/validate.md is generated from the table (npx tsx scripts/gen-validate-doc.ts)', async () => {
  const { readFileSync } = await import('node:fs');
  const { renderValidateDoc } = await import('../../../src/analyzers/validate/doc.js');
  assert.equal(readFileSync(new URL('../../../docs/validate.md', import.meta.url), 'utf8'), renderValidateDoc());
});
