/**
 * Operator knowledge lives once (issue 25): every condition operator declares its value family and
 * whether it restricts a key to the listed values; validation and exposure read these declarations.
 * Families follow the IAM User Guide's "Condition operators" sections
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATORS, operatorFamily, operatorRestricts } from '../../src/engine/index.js';

test('every operator declares the family of its documentation section', () => {
  const expected: Record<string, string> = { String: 'String', Numeric: 'Numeric', Date: 'Date', Bool: 'Bool', Binary: 'Binary', IpAddress: 'IPAddress', NotIpAddress: 'IPAddress', Arn: 'ARN' };
  for (const op of OPERATORS) {
    const prefix = Object.keys(expected).find((p) => op.name.startsWith(p));
    assert.ok(prefix, op.name);
    assert.equal(op.family, expected[prefix!], op.name);
    assert.equal(operatorFamily(op.name.toLowerCase()), op.family, `${op.name}: lookup is case-insensitive`);
  }
  assert.equal(operatorFamily('Null'), 'Null');
  assert.equal(operatorFamily('StringSort'), undefined);
});

test('only positive String and ARN comparisons restrict a key to the listed values', () => {
  const restricting = OPERATORS.filter((op) => op.restricts).map((op) => op.name).sort();
  assert.deepEqual(restricting, ['ArnEquals', 'ArnLike', 'StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);
  for (const op of OPERATORS) if (op.negated) assert.equal(op.restricts, false, op.name);
  assert.equal(operatorRestricts('Null'), false);
  assert.equal(operatorRestricts('nope'), false);
});
