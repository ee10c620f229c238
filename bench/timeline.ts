/**
 * `npm run bench -- timeline`: replaying IAM-changing events over a generated account. Measures
 * replay alone (events/s, peak RSS), one full escalation+exposure re-scan, and the average
 * incremental re-evaluation per applied event of a timeline, with the ratio full / incremental (the
 * issue's target is >= 50x). Sizes: CORDON_BENCH_TIMELINE_ROLES (default 1000),
 * CORDON_BENCH_TIMELINE_EVENTS (replay-only events, default 20000), CORDON_BENCH_TIMELINE_EVALS
 * (events of the re-evaluated timeline, default 20).
 */
import { applyEvent } from '../src/activity/replay/index.js';
import { buildTimeline, evaluateState } from '../src/activity/timeline.js';
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
    const roles = num('CORDON_BENCH_TIMELINE_ROLES', 1000);
    const replayN = num('CORDON_BENCH_TIMELINE_EVENTS', 20000);
    const evalN = num('CORDON_BENCH_TIMELINE_EVALS', 20);
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
    const fullMs = await timeMs(() => evaluateState(snapshot, new Date('2026-01-02T00:00:00Z')));
    console.log(`baseline, one full escalation+exposure re-scan: ${fullMs.toFixed(0)} ms`);
    const sample = events(evalN, roles);
    let timeline: ReturnType<typeof buildTimeline> | undefined;
    const timelineMs = await timeMs(() => (timeline = buildTimeline(snapshot, sample)));
    const perEvent = (timelineMs - fullMs) / Math.max(1, timeline!.changes.filter((c) => c.status === 'applied').length);
    console.log(`timeline of ${evalN} events: ${timelineMs.toFixed(0)} ms (${timeline!.entries.length} appeared/resolved); incremental per applied event ~${perEvent.toFixed(1)} ms; full/incremental ${ratio(fullMs, perEvent)} (target >= 50x); peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  },
};
