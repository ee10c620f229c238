/**
 * PostgreSQL with two store instances (two pools, as two servers or workers would have): scans of
 * one scope serialise on the findings lock, so the result is the result of some serial order —
 * never two scans that each missed the other's findings. Migrations of a fresh schema opened
 * twice at once also serialise.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/index.js';
import { dropSchema, PG_URL, uniqueSchema } from './suite/backends.js';
import { day, draft } from './suite/drafts.js';

const schema = uniqueSchema('cordon_conc');
after(() => dropSchema(schema));

test('two stores open a fresh schema at once, then record scans of one scope concurrently', async () => {
  const url = `${PG_URL}?schema=${schema}`;
  const [one, two] = await Promise.all([openStore(url), openStore(url)]);
  try {
    const p = Array.from({ length: 300 }, (_, i) => draft(`p${i}`));
    const q = Array.from({ length: 300 }, (_, i) => draft(`q${i}`));
    const [rp, rq] = await Promise.all([one.scans.record({ scope: 'shared', findings: p, now: day(1) }), two.scans.record({ scope: 'shared', findings: q, now: day(1) })]);
    // Whichever ran second resolved the first one's 300 findings.
    assert.deepEqual([rp.resolved + rq.resolved, rp.created + rq.created], [300, 600]);
    const active = await one.findings.count({ status: 'ACTIVE' });
    const resolved = await one.findings.count({ status: 'RESOLVED' });
    assert.deepEqual([active, resolved], [300, 300]);
    const winner = rp.resolved === 300 ? 'p' : 'q';
    assert.equal((await two.findings.list({ status: 'ACTIVE', limit: 1 })).items[0]!.id[0], winner);
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
});
