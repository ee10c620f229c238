// `cordon validate` loads only the services a policy names (issue 24 start-up); the whole catalog when
// in doubt. The findings must be the same either way: a differential over every policy document in the
// case corpora.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validatePolicy } from '../../../src/analyzers/validate/index.js';
import { servicesReferenced } from '../../../src/analyzers/validate/services-referenced.js';
import { catalogServiceKeys, loadCatalog } from '../../../src/catalog/index.js';

const KNOWN = new Set(['s3', 'iam', 'kms', 'ec2', 'sts']);
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

test('prefixes come from actions, resource ARNs and condition keys; aws: keys are global', () => {
  const text = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:kms:us-east-1:111122223333:key/k', Condition: { StringEquals: { 'ec2:ResourceTag/team': 'x', 'aws:PrincipalOrgID': 'o-1' } } });
  assert.deepEqual(servicesReferenced(text, KNOWN), ['ec2', 'kms', 's3']);
});

test('the whole catalog when in doubt: not JSON, a wildcard or unknown service, or nothing named', () => {
  assert.equal(servicesReferenced('{ not json', KNOWN), undefined);
  assert.equal(servicesReferenced(doc({ Effect: 'Allow', Action: 's3*:Get*', Resource: '*' }), KNOWN), undefined);
  assert.equal(servicesReferenced(doc({ Effect: 'Allow', Action: 's4:GetObject', Resource: '*' }), KNOWN), undefined, 'a typo wants suggestions from every service');
  assert.equal(servicesReferenced(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), KNOWN), undefined);
});

test('validating with only the named services gives the same findings as the whole catalog', async () => {
  const docs: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(collect);
    if (!v || typeof v !== 'object') return;
    if ('Statement' in v) docs.push(JSON.stringify(v, null, 2));
    Object.values(v).forEach(collect);
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.json')) collect(JSON.parse(readFileSync(path, 'utf8')));
    }
  };
  walk(new URL('../../cases/', import.meta.url).pathname);
  const known = new Set(await catalogServiceKeys());
  const full = await loadCatalog({ details: true });
  let compared = 0;
  for (const text of docs) {
    const services = servicesReferenced(text, known);
    if (!services) continue;
    const partial = await loadCatalog({ details: true, services });
    for (const type of ['identity', 'resource'] as const) {
      assert.deepEqual(validatePolicy(text, { type, catalog: partial }), validatePolicy(text, { type, catalog: full }), text.slice(0, 200));
      compared++;
    }
  }
  assert.ok(compared > 50, `compared ${compared}`);
});
