/**
 * Sanity benchmark of the harness itself: JSON.stringify+parse of a policy-sized object against a
 * bare JSON.parse of the same bytes, so `npm run bench` always has something real to print.
 */
import type { Benchmark } from './registry.js';
import { opsPerSecond, ratio } from './timing.js';

export const measureHarness: Benchmark = {
  name: 'harness',
  title: 'round-trip vs parse-only of a 20-statement policy (checks the timing harness)',
  async run() {
    const doc = { Version: '2012-10-17', Statement: Array.from({ length: 20 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: `arn:aws:s3:::bucket-${i}/*` })) };
    const text = JSON.stringify(doc);
    const baseline = opsPerSecond(() => JSON.parse(text));
    const measured = opsPerSecond(() => JSON.parse(JSON.stringify(JSON.parse(text))));
    console.log(`baseline JSON.parse: ${baseline.toFixed(0)} ops/s; round-trip: ${measured.toFixed(0)} ops/s; ratio ${ratio(measured, baseline)}`);
  },
};
