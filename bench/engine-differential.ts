/**
 * The larger differential run: 100,000 generated requests (2,000 scenarios × 50, fixed seed)
 * decided by Cordon's engine and by `@cloud-copilot/iam-simulate` (AGPL, bench/test only). Prints
 * the agreement count, every disagreement by documented class (and any unexplained one with its
 * reproducer), and both engines' throughput on the same requests with the ratio.
 * Run: `npm run bench -- engine-differential` (CORDON_DIFF_SCENARIOS overrides the 2,000).
 */
import fc from 'fast-check';
import type { Benchmark } from './registry.js';
import { ratio } from './timing.js';
import { compareScenario, cordonDecision, cordonInput, scenarioArb, simulateDecision, type Disagreement } from '../test/helpers/engine-differential.js';

const SEED = 20261123;

export const measureEngineDifferential: Benchmark = {
  name: 'engine-differential',
  title: 'Cordon engine vs iam-simulate on 100,000 generated requests (agreement, then decisions/s)',
  async run() {
    const scenarios = fc.sample(scenarioArb(50), { seed: SEED, numRuns: Number(process.env['CORDON_DIFF_SCENARIOS'] ?? 2000) });
    const total = scenarios.reduce((n, s) => n + s.requests.length, 0);
    let agree = 0;
    const disagreements: Disagreement[] = [];
    for (const s of scenarios) {
      const r = compareScenario(s);
      agree += r.agree;
      disagreements.push(...r.disagreements);
    }
    const byClass = new Map<string, number>();
    for (const d of disagreements) byClass.set(d.explainedBy ?? 'UNEXPLAINED', (byClass.get(d.explainedBy ?? 'UNEXPLAINED') ?? 0) + 1);
    console.log(`requests: ${total}; agree: ${agree} (${((100 * agree) / total).toFixed(3)}%); disagree: ${disagreements.length}`);
    for (const [cls, n] of [...byClass].sort()) console.log(`  ${cls}: ${n}`);
    const unexplained = disagreements.find((d) => !d.explainedBy);
    if (unexplained) console.log(`first unexplained: ${JSON.stringify(unexplained)}`);

    // Throughput on the same requests: Cordon parses each scenario once (as a snapshot model does),
    // iam-simulate loads its policies per request (its API has no compiled form).
    const t0 = process.hrtime.bigint();
    for (const s of scenarios) {
      const input = cordonInput(s);
      for (const r of s.requests) cordonDecision(s, input, r);
    }
    const cordonMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const t1 = process.hrtime.bigint();
    for (const s of scenarios) for (const r of s.requests) simulateDecision(s, r);
    const simMs = Number(process.hrtime.bigint() - t1) / 1e6;
    const cordonRate = (total * 1000) / cordonMs;
    const simRate = (total * 1000) / simMs;
    console.log(`cordon: ${cordonRate.toFixed(0)} decisions/s; iam-simulate (baseline): ${simRate.toFixed(0)} decisions/s; ratio ${ratio(cordonRate, simRate)}`);
  },
};
