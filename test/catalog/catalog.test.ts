import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';

describe('catalog', () => {
  let c: Catalog;
  before(async () => {
    c = await loadCatalog({ services: ['s3', 'iam', 'sts'], details: true });
  });

  test('known services and actions, case-insensitive', () => {
    assert.equal(c.isKnownService('S3'), true);
    assert.equal(c.isKnownService('nope'), false);
    assert.equal(c.isKnownAction('s3:getobject'), true);
    assert.equal(c.isKnownAction('s3:GetNothing'), false);
    assert.equal(c.canonicalAction('IAM:PASSROLE'), 'iam:PassRole');
  });

  test('access levels, including Permissions management and Tagging', () => {
    assert.equal(c.accessLevel('s3:GetObject'), 'Read');
    assert.equal(c.accessLevel('s3:ListBucket'), 'List');
    assert.equal(c.accessLevel('s3:PutObject'), 'Write');
    assert.equal(c.accessLevel('iam:AttachRolePolicy'), 'Permissions management');
    assert.equal(c.accessLevel('iam:TagRole'), 'Tagging');
  });

  test('expandActionPattern', () => {
    const gets = c.expandActionPattern('s3:Get*');
    assert.ok(gets.includes('s3:GetObject'));
    assert.ok(gets.every((a) => a.startsWith('s3:Get')));
    assert.deepEqual(c.expandActionPattern('sts:assumerole'), ['sts:AssumeRole']);
    assert.deepEqual(c.expandActionPattern('iam:Pass?ole'), ['iam:PassRole']);
    const all = c.expandActionPattern('*');
    assert.ok(all.includes('sts:AssumeRole') && all.includes('s3:GetObject') && all.includes('iam:CreateUser'));
    assert.deepEqual(c.expandActionPattern('nosuch:*'), []);
  });

  test('resource types carry ARN templates; condition keys are listed', () => {
    const bucket = c.resourceTypes('s3').find((r) => r.key === 'bucket');
    assert.equal(bucket?.arnTemplate, 'arn:${Partition}:s3:::${BucketName}');
    assert.ok(c.conditionKeys('s3').some((k) => k.key === 's3:prefix' || k.key === 's3:x-amz-acl'));
    const getObject = c.action('s3:GetObject');
    assert.ok(getObject?.resourceTypes.some((r) => r.name === 'object'));
  });
});
