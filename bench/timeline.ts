/**
 * `npm run bench -- timeline`: replaying IAM-changing events over a generated account. Measures
 * replay alone (events/s, peak RSS), a full escalation+exposure re-scan (cold, then warm), and
 * each incremental re-evaluation (`IncrementalState.advance`) of a stream of applied events, with
 * the ratio full / incremental per event (the issue's target is >= 50x) in wall and CPU time; the
 * last state is checked against a full scan. Sizes: CORDON_BENCH_TIMELINE_ROLES (default 8000),
 * CORDON_BENCH_TIMELINE_EVENTS (replay-only events, default 100000), CORDON_BENCH_TIMELINE_EVALS
 * (events of the re-evaluated stream, default 300: past the first iam:* grants, whose first searches do the
 * one-time work a full scan repeats every time).
 */
import { applyEvent } from '../src/activity/replay/index.js';
import { IncrementalState } from '../src/activity/incremental.js';
import { evaluateState } from '../src/activity/timeline.js';
import type { CloudTrailEvent } from '../src/model/cloudtrail.js';
import type { IamRole, Snapshot } from '../src/model/snapshot/types.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB, ratio, timeMs } from './timing.js';

const ACCOUNT = '111122223333';
const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

function account(roles: number): Snapshot {
  const list: IamRole[] = [];
  for (let i = 0; i < roles; i++) {
    list.push({
      kind: 'role', arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`, name: `r${i}`, path: '/', tags: {}, attachedPolicyArns: [], instanceProfileArns: [], serviceLinked: false, origin: {},
      inlinePolicies: [{ name: 'base', document: doc(i % 50 === 0 ? 'sts:AssumeRole' : 's3:GetObject'), origin: {} }],
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: i % 97 === 0 ? 'arn:aws:iam::999988887777:root' : `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
    });
  }
  return { schemaVersion: 1, collectedAt: '2026-01-01T00:00:00Z', sources: ['bench'], warnings: [], accounts: [{ accountId: ACCOUNT, partition: 'aws', users: [], groups: [], roles: list, policies: [], resources: [], samlProviders: [], oidcProviders: [] }] };
}

/** Deterministic event mix: inline puts/deletes, attachments, trust edits, access keys. */
function events(n: number, roles: number): CloudTrailEvent[] {
  let seed = 22;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const out: CloudTrailEvent[] = [];
  for (let i = 0; i < n; i++) {
    const role = `r${next() % roles}`;
    const kind = next() % 5;
    const [eventName, requestParameters] =
      kind === 0 ? ['PutRolePolicy', { roleName: role, policyName: 'p', policyDocument: encodeURIComponent(JSON.stringify(doc(next() % 10 === 0 ? 'iam:*' : 'ec2:Describe*'))) }]
        : kind === 1 ? ['DeleteRolePolicy', { roleName: role, policyName: 'p' }]
          : kind === 2 ? ['AttachRolePolicy', { roleName: role, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]
            : kind === 3 ? ['UpdateAssumeRolePolicy', { roleName: role, policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }]
              : ['CreateAccessKey', { userName: 'nobody' }];
    out.push({ eventID: `e${i}`, eventTime: new Date(Date.UTC(2026, 0, 2) + i * 1000).toISOString(), eventSource: 'iam.amazonaws.com', eventName: eventName as string, requestParameters: requestParameters as Record<string, unknown>, recipientAccountId: ACCOUNT, userIdentity: { arn: `arn:aws:iam::${ACCOUNT}:user/bench` } });
  }
  return out;
}

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;

export const measureTimeline: Benchmark = {
  name: 'timeline',
  title: 'replay IAM changes: events/s, full re-scan vs incremental re-evaluation per event',
  async run() {
    const roles = num('CORDON_BENCH_TIMELINE_ROLES', 8000);
    const replayN = num('CORDON_BENCH_TIMELINE_EVENTS', 100000);
    const evalN = num('CORDON_BENCH_TIMELINE_EVALS', 300);
    const snapshot = account(roles);
    const stream = events(replayN, roles);
    let current = snapshot;
    let applied = 0;
    const replayMs = await timeMs(() => {
      for (const e of stream) {
        const step = applyEvent(current, e);
        if (step.status === 'applied') applied++;
        current = step.snapshot;
      }
    });
    console.log(`replay only: ${replayN} events (${applied} applied) over ${roles} roles in ${replayMs.toFixed(0)} ms = ${((replayN * 1000) / replayMs).toFixed(0)} events/s; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    const start = new Date('2026-01-02T00:00:00Z');
    const cold = measure(() => evaluateState(snapshot, start));
    const warm = measure(() => evaluateState(snapshot, start));
    console.log(`baseline, one full escalation+exposure re-scan: cold ${cold.wall.toFixed(0)} ms (${cold.cpu.toFixed(0)} ms CPU), warm ${warm.wall.toFixed(0)} ms (${warm.cpu.toFixed(0)} ms CPU)`);
    let state: IncrementalState | undefined;
    const initial = measure(() => (state = new IncrementalState(snapshot, start)));
    let wall = 0;
    let cpu = 0;
    let steps = 0;
    let changes = 0;
    let now = snapshot;
    let previous = state!.findings;
    const states: [Snapshot, Date][] = [];
    for (const e of events(evalN, roles)) {
      const step = applyEvent(now, e);
      if (step.status !== 'applied') continue;
      const t = measure(() => state!.advance(step.snapshot, new Date(e.eventTime)));
      wall += t.wall;
      cpu += t.cpu;
      steps++;
      const ids = new Set(previous.map((f) => f.id));
      changes += state!.findings.filter((f) => !ids.has(f.id)).length + previous.length - state!.findings.filter((f) => ids.has(f.id)).length;
      previous = state!.findings;
      now = step.snapshot;
      states.push([now, new Date(e.eventTime)]);
    }
    const perWall = wall / Math.max(1, steps);
    const perCpu = cpu / Math.max(1, steps);
    const o = state!.oracleStats();
    console.log(`incremental: initial state ${initial.wall.toFixed(0)} ms; ${steps} applied events re-evaluated (${changes} findings appeared/resolved; ${state!.stats.incremental} carried over (${state!.stats.unchangedEscalation} with every escalation answer unchanged), ${state!.stats.fresh.count - 1} afresh${state!.stats.fresh.count > 1 ? `, last because ${state!.stats.fresh.last}` : ''}; oracle answers reused ${o.hits}, asked ${o.misses}, oracles built ${o.builds})`);
    console.log(`per applied event: ${perWall.toFixed(1)} ms wall, ${perCpu.toFixed(1)} ms CPU; full/incremental ${ratio(warm.wall, perWall)} wall, ${ratio(warm.cpu, perCpu)} CPU against the warm re-scan (${ratio(cold.wall, perWall)} against the cold one); target >= 50x; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    // The fair baseline is a full re-scan of the states the events produced: sample five of them.
    const sampled = [0.2, 0.4, 0.6, 0.8, 1].map((f) => states[Math.max(0, Math.ceil(f * states.length) - 1)]!).filter(Boolean);
    const scans = sampled.map(([s, at]) => measure(() => evaluateState(s, at)));
    const meanWall = scans.reduce((t, x) => t + x.wall, 0) / Math.max(1, scans.length);
    const meanCpu = scans.reduce((t, x) => t + x.cpu, 0) / Math.max(1, scans.length);
    console.log(`full re-scans of ${scans.length} states of the stream (20%..100%): mean ${meanWall.toFixed(0)} ms (${meanCpu.toFixed(0)} ms CPU); full/incremental ${ratio(meanWall, perWall)} wall, ${ratio(meanCpu, perCpu)} CPU (target >= 50x)`);
    let check: ReturnType<typeof evaluateState> = [];
    const last = measure(() => (check = evaluateState(now, new Date(events(evalN, roles).at(-1)!.eventTime))));
    const same = JSON.stringify(check) === JSON.stringify(state!.findings);
    console.log(`last state equals a full scan of it: ${same ? 'yes' : 'NO'} (${check.length} findings); that full scan took ${last.wall.toFixed(0)} ms (${last.cpu.toFixed(0)} ms CPU): full/incremental ${ratio(last.wall, perWall)} wall, ${ratio(last.cpu, perCpu)} CPU`);
    if (!same) throw new Error('incremental findings differ from a full scan');
  },
};

/** Wall and CPU milliseconds of one call. */
function measure(fn: () => unknown): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  const used = process.cpuUsage(c);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 };
}
