/**
 * `npm run bench -- generate`: aggregate >= 1,000,000 CloudTrail events (the invictus records
 * replicated over consecutive days, parsed once, so this measures aggregation, not JSON parsing)
 * and generate a proven least-privilege policy for every principal. Baseline, in the same run and
 * over the same events: a bare loop counting (principal ARN, eventName) pairs in a Map — the least
 * any aggregation must do. Targets (issue 9): >= 100,000 events/s aggregation on one core;
 * generation for all principals under 5 s.
 */
import { ActivityAggregator, activityPrincipal } from '../src/activity/aggregate.js';
import { readCloudTrail } from '../src/activity/readers/read-events.js';
import { generatePolicy } from '../src/analyzers/least-privilege/generate.js';
import { proveUsageAllowed } from '../src/analyzers/least-privilege/prove.js';
import { loadCatalog } from '../src/catalog/index.js';
import type { ActivitySummary } from '../src/model/activity.js';
import type { CloudTrailEvent } from '../src/model/cloudtrail.js';
import { CORPORA } from '../test/helpers/corpora.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB, ratio } from './timing.js';

const TARGET_EVENTS = 1_000_000;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn` over every replicated event: copy c of each record is moved to day c. */
function replay(base: readonly CloudTrailEvent[], copies: number, fn: (e: CloudTrailEvent) => void): void {
  const times = base.map((e) => e.eventTime.slice(10));
  for (let c = 0; c < copies; c++) {
    const day = new Date(Date.UTC(2023, 0, 1) + c * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < base.length; i++) {
      const e = base[i]!;
      e.eventTime = day + times[i]!;
      fn(e);
    }
  }
}

export const measureGenerate: Benchmark = {
  name: 'generate',
  title: 'activity aggregation of >= 1M events and policy generation for every principal vs a bare counting loop',
  async run() {
    const catalog = await loadCatalog({ details: true });
    const base: CloudTrailEvent[] = [];
    for await (const e of readCloudTrail(`${CORPORA}invictus/CloudTrail`)) base.push(e);
    const copies = Math.ceil(TARGET_EVENTS / base.length);
    const total = copies * base.length;
    console.log(`events: ${base.length} invictus records × ${copies} days = ${total}`);

    let t = cpuMs();
    const counts = new Map<string, number>();
    replay(base, copies, (e) => {
      const k = `${activityPrincipal(e)}\u0000${e.eventName}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    });
    const baselineMs = cpuMs() - t;

    t = cpuMs();
    const agg = new ActivityAggregator(catalog);
    replay(base, copies, (e) => agg.add(e));
    const rows = agg.rows();
    const aggregateMs = cpuMs() - t;
    const cordonRate = total / (aggregateMs / 1000);
    const baselineRate = total / (baselineMs / 1000);
    console.log(`baseline (count principal × eventName): ${Math.round(baselineRate)} events/s (${baselineMs.toFixed(0)} ms CPU)`);
    console.log(`cordon aggregation (map to actions, resources, days): ${Math.round(cordonRate)} events/s (${aggregateMs.toFixed(0)} ms CPU), ${rows.length} rows`);
    console.log(`ratio cordon/baseline: ${ratio(cordonRate, baselineRate)}; target >= 100000 events/s: ${cordonRate >= 100_000 ? 'met' : 'NOT met'}`);

    t = cpuMs();
    const byPrincipal = new Map<string, Map<string, ActivitySummary>>();
    for (const r of rows) {
      let m = byPrincipal.get(r.principalArn);
      if (!m) byPrincipal.set(r.principalArn, (m = new Map()));
      const k = `${r.action}\u0000${r.resourceArn}`;
      const s = m.get(k);
      if (s) {
        s.successCount += r.successCount;
        s.deniedCount += r.deniedCount;
        s.days++;
      } else m.set(k, { ...r, days: 1 });
    }
    let statements = 0;
    let proven = 0;
    let checked = 0;
    for (const [principal, summaries] of byPrincipal) {
      const activity = [...summaries.values()];
      const result = generatePolicy(activity, { catalog });
      const proof = proveUsageAllowed(principal, result.policies, activity);
      statements += result.policies.reduce((n, p) => n + (p.Statement as unknown[]).length, 0);
      proven += proof.allowed;
      checked += proof.checked;
    }
    const generateMs = cpuMs() - t;
    console.log(`generation + proof for ${byPrincipal.size} principals: ${generateMs.toFixed(0)} ms CPU, ${statements} statements, ${proven}/${checked} observed pairs proven; target < 5000 ms: ${generateMs < 5000 ? 'met' : 'NOT met'}`);
    console.log(`peak RSS ${peakRssMiB()} MiB`);
  },
};
