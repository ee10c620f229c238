/**
 * The archive-rule filter language. Truth: IAM Access Analyzer's documentation — the Criterion
 * type (API_Criterion: eq/neq/contains as 1-20 strings, exists as Boolean) and the filter keys page
 * (access-analyzer-reference-filter-keys: resource, resourceType, resourceOwnerAccount, isPublic,
 * findingType, status, error, id, principal.AWS ("12-digit account ID or the ARN"), principal.Federated,
 * condition.<key>) — and the example filter.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { criterionMatches, InvalidFilterError, matchesFilter, parseArchiveFilter, validateRuleName } from '../../src/findings/archive-filter.js';
import type { Finding } from '../../src/model/finding.js';

const BASE: Finding = {
  id: 'abc123',
  type: 'ExternalAccess',
  severity: 'HIGH',
  status: 'ACTIVE',
  title: 't',
  accountId: '111122223333',
  resource: 'arn:aws:s3:::logs-bucket',
  resourceType: 'AWS::S3::Bucket',
  principal: { AWS: 'arn:aws:iam::444455556666:root', Federated: 'cognito-identity.amazonaws.com' },
  condition: { 'aws:SourceIp': ['10.0.0.0/8'], 'aws:UserId': ['AIDA1'] },
  isPublic: false,
  evidence: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  details: { error: 'ACCESS_DENIED' },
};

const match = (filter: unknown, f: Partial<Finding> = {}) => matchesFilter(parseArchiveFilter(filter), { ...BASE, ...f } as Finding);

describe('archive filter: keys', () => {
  const cases: [string, object, boolean][] = [
    ['issue example: principal 444455556666 is not 111122223333', { 'principal.AWS': { eq: ['111122223333'] }, isPublic: { eq: ['false'] } }, false],
    ['principal.AWS by account id matches a root ARN', { 'principal.AWS': { eq: ['444455556666'] } }, true],
    ['principal.AWS by ARN', { 'principal.AWS': { eq: ['arn:aws:iam::444455556666:root'] } }, true],
    ['principal.Federated', { 'principal.Federated': { eq: ['cognito-identity.amazonaws.com'] } }, true],
    ['resource', { resource: { eq: ['arn:aws:s3:::logs-bucket'] } }, true],
    ['resourceType', { resourceType: { eq: ['AWS::IAM::Role'] } }, false],
    ['resourceOwnerAccount', { resourceOwnerAccount: { eq: ['111122223333'] } }, true],
    ['isPublic is case-insensitive', { isPublic: { eq: ['FALSE'] } }, true],
    ['status', { status: { eq: ['ARCHIVED'] } }, false],
    ['id', { id: { eq: ['abc123'] } }, true],
    ['error', { error: { eq: ['ACCESS_DENIED'] } }, true],
    ['condition key, case-insensitive name', { 'condition.AWS:sourceip': { eq: ['10.0.0.0/8'] } }, true],
    ['condition.aws:userid', { 'condition.aws:UserId': { eq: ['AIDA1'] } }, true],
    ['Cordon type', { type: { eq: ['ExternalAccess'] } }, true],
    ['Cordon severity', { severity: { eq: ['LOW', 'MEDIUM'] } }, false],
    ['Cordon accountId', { accountId: { eq: ['111122223333'] } }, true],
    ['keys are ANDed', { type: { eq: ['ExternalAccess'] }, severity: { eq: ['LOW'] } }, false],
  ];
  for (const [name, filter, expected] of cases) test(name, () => assert.equal(match(filter), expected));

  test('findingType uses Access Analyzer names for unused access', () => {
    assert.equal(match({ findingType: { eq: ['UnusedIAMRole'] } }, { type: 'UnusedRole' }), true);
    assert.equal(match({ findingType: { eq: ['UnusedIAMUserAccessKey'] } }, { type: 'UnusedAccessKey' }), true);
  });

  test('a string principal (escalation) reads as principal.AWS', () => {
    assert.equal(match({ 'principal.AWS': { eq: ['arn:aws:iam::111122223333:role/dev'] } }, { principal: 'arn:aws:iam::111122223333:role/dev' }), true);
    assert.equal(match({ 'principal.Federated': { exists: true } }, { principal: 'arn:aws:iam::111122223333:role/dev' }), false);
  });

  test('a finding without isPublic reads as not public', () => {
    assert.equal(match({ isPublic: { eq: ['false'] } }, { isPublic: undefined }), true);
  });
});

describe('archive filter: operators', () => {
  test('eq: any value equal', () => {
    assert.equal(criterionMatches({ eq: ['a', 'b'] }, ['b']), true);
    assert.equal(criterionMatches({ eq: ['a'] }, ['ab']), false);
    assert.equal(criterionMatches({ eq: ['a'] }, undefined), false);
  });
  test('neq: no value equal; an absent key is not equal to anything', () => {
    assert.equal(criterionMatches({ neq: ['a', 'b'] }, ['c']), true);
    assert.equal(criterionMatches({ neq: ['a', 'b'] }, ['b']), false);
    assert.equal(criterionMatches({ neq: ['a'] }, ['c', 'a']), false);
    assert.equal(criterionMatches({ neq: ['a'] }, undefined), true);
  });
  test('contains: any value contains any substring', () => {
    assert.equal(criterionMatches({ contains: ['logs', 'zzz'] }, ['arn:aws:s3:::logs-bucket']), true);
    assert.equal(criterionMatches({ contains: ['LOGS'] }, ['arn:aws:s3:::logs-bucket']), false);
    assert.equal(criterionMatches({ contains: ['x'] }, undefined), false);
  });
  test('exists: presence of the key', () => {
    assert.equal(criterionMatches({ exists: true }, ['x']), true);
    assert.equal(criterionMatches({ exists: true }, undefined), false);
    assert.equal(criterionMatches({ exists: false }, undefined), true);
    assert.equal(criterionMatches({ exists: false }, ['x']), false);
  });
  test('several operators on one key are ANDed', () => {
    assert.equal(criterionMatches({ contains: ['bucket'], neq: ['arn:aws:s3:::logs-bucket'] }, ['arn:aws:s3:::logs-bucket']), false);
    assert.equal(criterionMatches({ contains: ['bucket'], neq: ['arn:aws:s3:::other'] }, ['arn:aws:s3:::logs-bucket']), true);
  });
  test('property: neq is the negation of eq on present values', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (list, values) => {
        assert.equal(criterionMatches({ neq: list }, values), !values.some((v) => list.includes(v)));
        assert.equal(criterionMatches({ eq: list }, values), values.some((v) => list.includes(v)));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('archive filter: validation errors name the bad part', () => {
  const bad: [string, unknown, string, string][] = [
    ['unknown key', { principalAWS: { eq: ['1'] } }, '/principalAWS', 'principalAWS'],
    ['unknown operator', { resource: { equals: ['x'] } }, '/resource/equals', 'equals'],
    ['empty criterion', { resource: {} }, '/resource', 'at least one operator'],
    ['exists not boolean', { resource: { exists: 'true' } }, '/resource/exists', 'true or false'],
    ['eq not array', { resource: { eq: 'x' } }, '/resource/eq', 'array of strings'],
    ['eq empty', { resource: { eq: [] } }, '/resource/eq', '1 to 20'],
    ['eq too long', { resource: { eq: Array.from({ length: 21 }, (_, i) => `v${i}`) } }, '/resource/eq', '1 to 20'],
    ['empty principal family', { 'principal.': { eq: ['x'] } }, '/principal.', 'principal.'],
    ['not an object', ['x'], '', 'JSON object'],
    ['no keys', {}, '', 'at least one key'],
    ['bad JSON text', '{"a":', '', 'not valid JSON'],
  ];
  for (const [name, filter, pointer, text] of bad) {
    test(name, () => {
      assert.throws(() => parseArchiveFilter(filter), (e: unknown) => {
        assert.ok(e instanceof InvalidFilterError);
        assert.equal(e.code, 'invalid_filter');
        assert.equal(e.details[0]!.pointer, pointer);
        assert.ok(e.message.includes(text), e.message);
        return true;
      });
    });
  }
  test('rule names follow Access Analyzer: a letter, then letters, digits, _ . -', () => {
    assert.doesNotThrow(() => validateRuleName('trusted-auditor_1.0'));
    for (const name of ['', '1rule', 'has space', 'x'.repeat(256)]) assert.throws(() => validateRuleName(name), InvalidFilterError);
  });
});
