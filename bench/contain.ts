/**
 * Contain and release an IAM user with 2 access keys, a login profile, an MFA device and 5
 * policies against moto_server; prints the wall time of each operation (target < 2 s each) next
 * to the baseline of the same run: one plain read of the user's whole configuration.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containPrincipal, releasePrincipal } from '../src/actions/contain/index.js';
import { readConfiguration } from '../src/actions/contain/read-config.js';
import { sdkClientConfig } from '../src/aws/client-config.js';
import { createContainmentGateway } from '../src/aws/containment-gateway.js';
import { startMoto } from '../src/sandbox/moto.js';
import { directoryReportSink } from '../src/store/report-dir.js';
import { seedUser } from '../test/actions/contain/seed.js';
import type { Benchmark } from './registry.js';
import { ratio, timeMs } from './timing.js';

const ROUNDS = 3;

export const measureContain: Benchmark = {
  name: 'contain',
  title: 'contain + release of a user (2 keys, login profile, MFA, 5 policies) on moto vs one configuration read',
  async run() {
    process.env.AWS_ACCESS_KEY_ID ??= 'testing';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
    const moto = await startMoto({ loadManagedPolicies: false });
    const dir = await mkdtemp(join(tmpdir(), 'cordon-bench-contain-'));
    try {
      const target = { endpointUrl: moto.endpoint, region: 'us-east-1' };
      const gateway = createContainmentGateway(target);
      const sink = directoryReportSink(dir);
      const clock = () => new Date().toISOString();
      const rows: { read: number; contain: number; release: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const name = `bench-user-${round}`;
        await seedUser(sdkClientConfig(target), { name, keys: ['Active', 'Active'], groups: ['g1'], inline: 3, managed: 2, loginProfile: true, mfa: true });
        const who = { type: 'iam-user' as const, name };
        await readConfiguration(gateway, who, []); // warm the connection
        const read = await timeMs(() => readConfiguration(gateway, who, []));
        let report: Awaited<ReturnType<typeof containPrincipal>>['report'] | undefined;
        const contain = await timeMs(async () => {
          report = (await containPrincipal({ target: who, apply: true, tags: {}, bucketAccess: [] }, { gateway, sink, clock, randomHex: () => `b${round}` })).report;
        });
        if (report?.status !== 'contained') throw new Error(`containment ended ${report?.status}`);
        const release = await timeMs(() => releasePrincipal(report!, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway, sink, clock }));
        rows.push({ read, contain, release });
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const read = median(rows.map((r) => r.read));
      const contain = median(rows.map((r) => r.contain));
      const release = median(rows.map((r) => r.release));
      console.log(`baseline: read of the user's configuration ${read.toFixed(0)} ms (median of ${ROUNDS})`);
      console.log(`contain (read, 6 steps journaled, re-read, verify): ${contain.toFixed(0)} ms; ratio ${ratio(contain, read)}; target < 2000 ms: ${contain < 2000 ? 'met' : 'MISSED'}`);
      console.log(`release (7 undo steps journaled, re-read): ${release.toFixed(0)} ms; ratio ${ratio(release, read)}; target < 2000 ms: ${release < 2000 ? 'met' : 'MISSED'}`);
    } finally {
      await moto.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
