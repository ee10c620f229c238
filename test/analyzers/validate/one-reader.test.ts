/**
 * One policy reader (issue 19): validation reads the text through the model (`src/model/policy/source.ts`:
 * raw value, AST and spans), its element checks read the model's AST nodes (or the model's lenient
 * element reading when the document does not parse), and it asks the engine whether a statement
 * grants full admin.
 */
import { test, before, describe } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { validatePolicy } from '../../../src/analyzers/validate/index.js';
import { readPolicyDocument } from '../../../src/analyzers/validate/document.js';
import { readPolicySource } from '../../../src/model/policy/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true });
});

const admin = (doc: unknown) => validatePolicy(JSON.stringify(doc, null, 2), { type: 'identity', catalog }).filter((f) => f.issueCode === 'CORDON_FULL_ADMIN');

test('the views carry the model AST under the same pointers', () => {
  const { view } = readPolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }), 'identity');
  assert.ok(view?.policy);
  assert.equal(view.statements[0]!.ast?.pointer, '/Statement/0');
  assert.equal(view.statements[0]!.ast?.action.patterns[0]!.value, 's3:GetObject');
  const bad = readPolicyDocument('{"Statement": [{"Effect": "Perhaps", "Action": "*", "Resource": "*"}]}', 'identity').view;
  assert.equal(bad?.policy, undefined);
  assert.match(bad?.modelError ?? '', /Effect/);
});

test('CORDON_FULL_ADMIN is the engine answer: *:* counts, a Deny or a condition takes it back', () => {
  const allow = { Effect: 'Allow', Action: '*', Resource: '*' };
  assert.equal(admin({ Version: '2012-10-17', Statement: [allow] }).length, 1);
  const star = admin({ Version: '2012-10-17', Statement: [{ ...allow, Action: '*:*' }] });
  assert.equal(star.length, 1);
  assert.equal(star[0]!.pointer, '/Statement/0/Action');
  assert.equal(star[0]!.span.start.line, 6); // {, Version, Statement, {, Effect, then Action
  assert.equal(admin({ Version: '2012-10-17', Statement: [allow, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }).length, 0);
  assert.equal(admin({ Version: '2012-10-17', Statement: [{ ...allow, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }).length, 0);
  assert.equal(admin({ Version: '2012-10-17', Statement: [{ ...allow, Resource: 'arn:aws:s3:::*' }] }).length, 0);
});

test('every check row carries a rationale and references; findings link the most specific one', async () => {
  const { POLICY_CHECKS } = await import('../../../src/analyzers/validate/index.js');
  const links = new Set<string>();
  for (const c of POLICY_CHECKS) {
    assert.ok(c.rationale.length > 20, `${c.code}: rationale`);
    assert.ok(c.references.length > 0 && c.references.every((r) => /^https:\/\/docs\.aws\.amazon\.com\//.test(r)), `${c.code}: references`);
    links.add(c.references[0]!);
  }
  // No longer one generic page for every finding.
  assert.ok(links.size >= 15, `${links.size} distinct learn-more pages`);
  const f = validatePolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}', { type: 'identity', catalog }).find((x) => x.issueCode === 'INVALID_ACTION');
  assert.equal(f?.learnMoreLink, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html');
});

test('CORDON_PUBLIC_PRINCIPAL reads the AST: an empty Condition is no condition', () => {
  const pub = (doc: unknown) => validatePolicy(JSON.stringify(doc), { type: 'resource', catalog }).filter((f) => f.issueCode === 'CORDON_PUBLIC_PRINCIPAL');
  const st = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
  assert.equal(pub({ Version: '2012-10-17', Statement: [st] }).length, 1);
  assert.equal(pub({ Version: '2012-10-17', Statement: [{ ...st, Principal: { AWS: ['111122223333', '*'] } }] }).length, 1);
  assert.equal(pub({ Version: '2012-10-17', Statement: [{ ...st, Condition: {} }] }).length, 1);
  assert.equal(pub({ Version: '2012-10-17', Statement: [{ ...st, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }).length, 0);
});

describe('validation has no policy reader of its own (the model reads the text, positions included)', () => {
  test('no file of src/analyzers/validate parses JSON with jsonc-parser; the model does', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'analyzers', 'validate');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 10);
    for (const f of files) assert.ok(!readFileSync(join(dir, f), 'utf8').includes("from 'jsonc-parser'"), f);
  });

  test('the views hold the AST nodes themselves when the document parses', () => {
    const { view } = readPolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }), 'identity');
    const st = view!.policy!.statements[0]!;
    assert.equal(view!.statements[0]!.actions, st.action.patterns);
    assert.equal(view!.statements[0]!.resources, st.resource!.patterns);
    assert.equal(view!.statements[0]!.conditions, st.conditions);
  });

  test('a document the model refuses is still read element by element by the model', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Perhaps', Action: ['s3:GetObjekt'], Resource: 'arn:aws:s3:::b/*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [] }, Bool: { 'aws:SecureTransport': 5 } } }] }, null, 2);
    const { view } = readPolicyDocument(text, 'identity');
    assert.equal(view!.policy, undefined);
    assert.equal(view!.statements[0]!.conditions[0]!.setQualifier, 'ForAllValues');
    // The model reads a number as its text (as it does for the engine): Bool 5 is the value "5".
    assert.deepEqual(view!.statements[0]!.conditions[1]!.values, [{ value: '5', pointer: '/Statement/0/Condition/Bool/aws:SecureTransport' }]);
    const codes = validatePolicy(text, { type: 'identity', catalog }).map((f) => f.issueCode).sort();
    assert.deepEqual(codes, ['EMPTY_ARRAY_CONDITION_FORALLVALUES', 'INVALID_ACTION', 'INVALID_EFFECT', 'TYPE_MISMATCH_BOOLEAN']);
  });

  test('finding spans are the model reader\'s spans', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}\n  ]\n}';
    const f = validatePolicy(text, { type: 'identity', catalog }).find((x) => x.issueCode === 'INVALID_ACTION')!;
    const span = readPolicySource(text, { id: 't', type: 'identity' }).source!.span(f.pointer);
    assert.deepEqual(f.span, span);
    assert.deepEqual([f.span.start.line, f.span.start.column], [4, 25]);
  });
});
