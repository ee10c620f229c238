/**
 * `npm run bench -- ingest`: the invictus CloudTrail files replicated to >= 1,000,000 events,
 * written gzipped to a temp dir in the org-trail layout, ingested with the full built-in rule
 * pack (readers + indexed rule set). Baseline ("floor") measured in the same run: gunzip +
 * JSON.parse of the same files with no matching, in alternating chunks with Cordon so both see the
 * same machine load. Prints events/s (CPU and wall), the ratio, and RSS per chunk (flat: one file
 * in memory at a time).
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readTrailFiles } from '../src/activity/readers/read-events.js';
import { ruleContext } from '../src/detect/context.js';
import { RuleSet } from '../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../src/detect/rules/index.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB, ratio, timeMs } from './timing.js';
import { CORPORA } from '../test/helpers/corpora.js';

const INVICTUS = `${CORPORA}invictus/CloudTrail/`;
const TARGET_EVENTS = 1_000_000;

async function buildCorpus(root: string): Promise<{ files: string[]; events: number }> {
  const names = (await readdir(INVICTUS)).filter((n) => n.endsWith('.json')).sort();
  const sources = await Promise.all(names.map(async (n) => {
    const text = await readFile(join(INVICTUS, n), 'utf8');
    return { name: n, gz: gzipSync(text), events: (JSON.parse(text) as { Records: unknown[] }).Records.length };
  }));
  const perCopy = sources.reduce((s, f) => s + f.events, 0);
  const copies = Math.ceil(TARGET_EVENTS / perCopy);
  const files: string[] = [];
  for (let c = 0; c < copies; c++) {
    // One day folder per copy, as an org trail would lay it out.
    const day = new Date(Date.UTC(2023, 0, 1) + c * 86_400_000).toISOString().slice(0, 10).split('-');
    const dir = join(root, 'AWSLogs', 'o-bench', '218007301253', 'CloudTrail', 'us-east-1', ...day);
    await mkdir(dir, { recursive: true });
    for (const s of sources) {
      const path = join(dir, s.name.replace('.json', '.json.gz'));
      await writeFile(path, s.gz);
      files.push(path);
    }
  }
  return { files: files.sort(), events: copies * perCopy };
}

async function floor(files: readonly string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += (JSON.parse(gunzipSync(await readFile(f)).toString('utf8')) as { Records: unknown[] }).Records.length;
  return n;
}

export const measureIngest: Benchmark = {
  name: 'ingest',
  title: 'CloudTrail ingestion + full rule pack over >= 1M events (replicated invictus, gzipped) vs gunzip+JSON.parse floor',
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'cordon-bench-ingest-'));
    try {
      const { files, events } = await buildCorpus(root);
      console.log(`corpus: ${files.length} files, ${events} events in ${root}`);
      await floor(files.slice(0, 2000)); // warm the page cache and the JIT
      const rules = new RuleSet(BUILTIN_RULES, ruleContext());
      // The machine is shared: cordon and the floor run in alternating chunks of files (so both
      // see the same load) and are compared on CPU time of this process (user + system).
      const CHUNK = 1000;
      const dirs = [...new Set(files.map((f) => f.slice(0, f.lastIndexOf('/'))))].sort();
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      let seen = 0;
      let floorEvents = 0;
      let alerts = 0;
      let cordonCpu = 0;
      let floorCpu = 0;
      let cordonWall = 0;
      let floorWall = 0;
      const rss: number[] = [];
      const perDir = Math.max(1, Math.round(CHUNK / (files.length / dirs.length)));
      for (let i = 0; i < dirs.length; i += perDir) {
        const chunkDirs = dirs.slice(i, i + perDir);
        let c0 = cpu();
        cordonWall += await timeMs(async () => {
          for (const d of chunkDirs) {
            for await (const { parsed } of readTrailFiles(d)) {
              for (const e of parsed.events) {
                seen++;
                alerts += rules.evaluate(e).length;
              }
            }
          }
        });
        cordonCpu += cpu() - c0;
        c0 = cpu();
        floorWall += await timeMs(async () => {
          for (const d of chunkDirs) floorEvents += await floor(files.filter((f) => f.startsWith(`${d}/`)));
        });
        floorCpu += cpu() - c0;
        rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
      }
      if (seen !== events || floorEvents !== events) throw new Error(`event count mismatch: ${seen} / ${floorEvents} / ${events}`);
      const rate = (n: number, ms: number) => (n * 1000) / ms;
      console.log(`floor (gunzip + JSON.parse): ${rate(events, floorCpu).toFixed(0)} events/s of CPU (${(floorCpu / 1000).toFixed(1)} s CPU, ${(floorWall / 1000).toFixed(1)} s wall)`);
      console.log(`cordon (read + ${rules.rules.length} rules): ${rate(events, cordonCpu).toFixed(0)} events/s of CPU (${(cordonCpu / 1000).toFixed(1)} s CPU, ${(cordonWall / 1000).toFixed(1)} s wall), ${alerts} alerts`);
      console.log(`ratio vs floor: ${ratio(rate(events, cordonCpu), rate(events, floorCpu))} by CPU, ${ratio(rate(events, cordonWall), rate(events, floorWall))} by wall (target >= 0.50x); >= 100000 events/s of CPU: ${rate(events, cordonCpu) >= 100_000 ? 'met' : 'NOT met'}`);
      console.log(`RSS per chunk (MiB): ${rss.filter((_, i) => i % 4 === 0).join(', ')}; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
