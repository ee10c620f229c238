/**
 * Issue 7 acceptance through the real binary, on both backends: after two imported scans,
 * `cordon findings list --output json` shows the RESOLVED finding; archive/unarchive, scans and
 * archive rules (issue 6) from the command line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { dropSchema, PG_URL, uniqueSchema } from '../store/suite/backends.js';
import { draft } from '../store/suite/drafts.js';

const BACKENDS = [
  { name: 'sqlite', db: (dir: string) => join(dir, 'cli.db'), cleanup: async () => {} },
  ...(() => {
    const schema = uniqueSchema('cordon_cli');
    return [{ name: 'postgres', db: () => `${PG_URL}?schema=${schema}`, cleanup: () => dropSchema(schema) }];
  })(),
];

for (const backend of BACKENDS) {
  describe(`cordon findings/scans/archive-rules (${backend.name})`, () => {
    let dir: string;
    let db: string;
    const cordon = (...args: string[]) => runCordon([...args, '--db', db], { cwd: dir });
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'cordon-cli-'));
      db = backend.db(dir);
      writeFileSync(join(dir, 'scan1.json'), JSON.stringify([draft('A'), draft('B')]));
      writeFileSync(join(dir, 'scan2.json'), JSON.stringify({ findings: [draft('B'), draft('C', { principal: { AWS: '111122223333' } })] }));
    });
    after(async () => {
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('two imported scans: list --output json shows A RESOLVED, B and C ACTIVE', async () => {
      const r1 = await cordon('findings', 'import', 'scan1.json', '--scope', 'acct', '--output', 'json');
      assert.equal(r1.code, 0, r1.stderr);
      assert.equal(JSON.parse(r1.stdout).created, 2);
      const r2 = await cordon('findings', 'import', 'scan2.json', '--scope', 'acct', '--output', 'json');
      assert.equal(JSON.parse(r2.stdout).resolved, 1);
      const list = await cordon('findings', 'list', '--output', 'json');
      assert.equal(list.code, 0, list.stderr);
      const findings = JSON.parse(list.stdout).findings as { id: string; status: string }[];
      assert.deepEqual(findings.map((f) => [f.id, f.status]), [['A', 'RESOLVED'], ['B', 'ACTIVE'], ['C', 'ACTIVE']]);
    });

    // The CLI details run once, on SQLite; the store suite covers them on PostgreSQL.
    if (backend.name === 'sqlite') {
      test('paging, table, archive with a reason, show with history, unarchive; bad input exits 2', async () => {
        const page = await cordon('findings', 'list', '--max-items', '2', '--output', 'json');
        const p = JSON.parse(page.stdout) as { findings: unknown[]; nextToken: string };
        assert.equal(p.findings.length, 2);
        const rest = await cordon('findings', 'list', '--max-items', '2', '--starting-token', p.nextToken);
        assert.match(rest.stdout, /^ID\s+STATUS/);
        assert.match(rest.stdout, /C\s+ACTIVE/);
        const archived = await cordon('findings', 'archive', 'B', '--reason', 'accepted risk', '--output', 'json');
        assert.equal(archived.code, 0, archived.stderr);
        assert.equal(JSON.parse(archived.stdout).finding.status, 'ARCHIVED');
        const show = await cordon('findings', 'show', 'B', '--output', 'json');
        const shown = JSON.parse(show.stdout) as { finding: { status: string }; history: { change: string; reason?: string }[] };
        assert.equal(shown.finding.status, 'ARCHIVED');
        assert.deepEqual(shown.history.at(-1)!.reason, 'accepted risk');
        assert.equal((await cordon('findings', 'unarchive', 'B')).stdout, 'B ACTIVE\n');
        const missing = await cordon('findings', 'show', 'nope', '--output', 'json');
        assert.equal(missing.code, 2);
        assert.equal(JSON.parse(missing.stdout).code, 'not_found');
        const refused = await cordon('findings', 'archive', 'A');
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, /invalid_transition/);
      });

      test('scans list and show', async () => {
        const scans = JSON.parse((await cordon('scans', 'list', '--output', 'json')).stdout).scans as { id: string; counts: { resolved: number } }[];
        assert.equal(scans.length, 2);
        assert.equal(scans[0]!.counts.resolved, 1, 'newest first');
        const show = JSON.parse((await cordon('scans', 'show', scans[0]!.id, '--output', 'json')).stdout) as { changes: { findingId: string; change: string }[] };
        assert.deepEqual(show.changes.map((c) => [c.findingId, c.change]), [['A', 'resolved'], ['C', 'created']]);
      });

      test('archive-rules create (issue 6 example), list, apply, archive on arrival, delete', async () => {
        const filter = '{"principal.AWS":{"eq":["111122223333"]},"isPublic":{"eq":["false"]}}';
        const created = await cordon('archive-rules', 'create', 'own-account', '--filter', filter, '--output', 'json');
        assert.equal(created.code, 0, created.stderr);
        const bad = await cordon('archive-rules', 'create', 'bad', '--filter', '{"principal.AWS":{"equals":["1"]}}', '--output', 'json');
        assert.equal(bad.code, 2);
        assert.deepEqual(JSON.parse(bad.stdout).errors[0].pointer, '/principal.AWS/equals');
        writeFileSync(join(dir, 'rule.json'), '{"severity":{"eq":["LOW"]}}');
        assert.equal((await cordon('archive-rules', 'create', 'low', '--filter', `file://${join(dir, 'rule.json')}`)).code, 0);
        const list = JSON.parse((await cordon('archive-rules', 'list', '--output', 'json')).stdout).archiveRules as { name: string }[];
        assert.deepEqual(list.map((r) => r.name), ['low', 'own-account']);
        const applied = await cordon('archive-rules', 'apply', 'own-account', '--output', 'json');
        assert.deepEqual(JSON.parse(applied.stdout), { rule: 'own-account', archived: ['C'] });
        writeFileSync(join(dir, 'scan3.json'), JSON.stringify([draft('B'), draft('C', { principal: { AWS: '111122223333' } }), draft('D', { severity: 'LOW' })]));
        const r3 = JSON.parse((await cordon('findings', 'import', 'scan3.json', '--scope', 'acct', '--output', 'json')).stdout);
        assert.equal(r3.archivedOnArrival, 1);
        const archived = JSON.parse((await cordon('findings', 'list', '--status', 'ARCHIVED', '--output', 'json')).stdout).findings.map((f: { id: string }) => f.id);
        assert.deepEqual(archived, ['C', 'D']);
        assert.equal((await cordon('archive-rules', 'delete', 'low')).code, 0);
      });
    }
  });
}
