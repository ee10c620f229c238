/**
 * Every benchmark, listed explicitly. A benchmark measures Cordon and a named baseline side by
 * side in the same run and prints the ratio.
 */
import { measureActivity } from './activity.js';
import { measureCli } from './cli.js';
import { measureContain } from './contain.js';
import { measureEngine } from './engine.js';
import { measureEngineDifferential } from './engine-differential.js';
import { measureGenerate } from './generate.js';
import { measureGlob } from './glob.js';
import { measureHarness } from './harness-self.js';
import { measureIngest } from './ingest.js';
import { measureEscalation } from './escalation.js';
import { measureScan } from './scan.js';
import { measureScale } from './scale/index.js';
import { measureServer } from './server.js';
import { measureSnapshot } from './snapshot.js';
import { measureStoreBench } from './store.js';
import { measureTimeline } from './timeline.js';

export interface Benchmark {
  name: string;
  title: string;
  run(): Promise<void>;
}

export const BENCHMARKS: readonly Benchmark[] = [measureHarness, measureCli, measureServer, measureStoreBench, measureIngest, measureEngine, measureEngineDifferential, measureContain, measureScan, measureSnapshot, measureGenerate, measureScale, measureEscalation, measureActivity, measureGlob, measureTimeline];
