// The escalation method table covers every path of the pathfinding.cloud catalogue
// (../shared/corpora/pathfinding, DataDog, Apache-2.0) with exactly its required permissions.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ESCALATION_METHODS } from '../../../src/analyzers/escalation/methods.js';
import { CORPORA } from '../../helpers/corpora.js';

const PATHS_DIR = `${CORPORA}pathfinding/data/paths/`;

interface CataloguePath {
  id: string;
  category: string;
  permissions: { required: { permission: string }[] };
}

function loadCatalogue(): CataloguePath[] {
  return readdirSync(PATHS_DIR).flatMap((service) =>
    readdirSync(join(PATHS_DIR, service))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parse(readFileSync(join(PATHS_DIR, service, f), 'utf8'), { uniqueKeys: false }) as CataloguePath),
  );
}

// One upstream file repeats a top-level key; `uniqueKeys: false` reads it as upstream's tooling does (last wins).
const catalogue = loadCatalogue();
const byId = new Map(ESCALATION_METHODS.map((m) => [m.id, m]));

test('the catalogue has its 65 paths', () => {
  assert.equal(catalogue.length, 65);
});

test('every catalogue path is a method with the same category and required permissions', () => {
  for (const path of catalogue) {
    const method = byId.get(path.id);
    assert.ok(method, `missing method ${path.id}`);
    assert.equal(method.category, path.category, path.id);
    const expected = path.permissions.required.map((r) => r.permission).sort();
    const actual = method.requires.map((r) => r.action).sort();
    assert.deepEqual(actual, expected, path.id);
  }
});

test('method ids are unique and Cordon additions are prefixed cordon-', () => {
  assert.equal(byId.size, ESCALATION_METHODS.length);
  const catalogueIds = new Set(catalogue.map((p) => p.id));
  for (const method of ESCALATION_METHODS) {
    if (!catalogueIds.has(method.id)) assert.match(method.id, /^cordon-\d{3}$/);
  }
});

test('service-role methods name their service and pass-role methods pass to a service', () => {
  for (const method of ESCALATION_METHODS) {
    if (method.target === 'service-role') assert.ok(method.service, method.id);
    for (const req of method.requires) {
      if (req.action === 'iam:PassRole') assert.ok(req.context?.['iam:PassedToService'], method.id);
    }
  }
});
