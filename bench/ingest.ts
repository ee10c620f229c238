/**
 * `npm run bench -- ingest`: the invictus CloudTrail files replicated to >= 1,000,000 events,
 * written gzipped to a temp dir in the org-trail layout, ingested with the full built-in rule
 * pack (readers + indexed rule set). Baseline ("floor") measured in the same run: gunzip +
 * JSON.parse of the same files with no matching. Prints events/s, the ratio, and memory samples
 * (RSS should stay flat: one file in memory at a time).
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readTrailFiles } from '../src/activity/readers/read-events.js';
import { ruleContext } from '../src/detect/context.js';
import { RuleSet } from '../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../src/detect/rules/index.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB, ratio, timeMs } from './timing.js';

const INVICTUS = fileURLToPath(new URL('../../shared/corpora/invictus/CloudTrail/', import.meta.url));
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
      await floor(files); // warm the page cache so both runs read from memory
      const rules = new RuleSet(BUILTIN_RULES, ruleContext());
      let seen = 0;
      let alerts = 0;
      const rss: number[] = [];
      let fileCount = 0;
      const cordonMs = await timeMs(async () => {
        for await (const { parsed } of readTrailFiles(join(root, 'AWSLogs'))) {
          for (const e of parsed.events) {
            seen++;
            alerts += rules.evaluate(e).length;
          }
          if (++fileCount % 2000 === 0) rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
        }
      });
      let floorEvents = 0;
      const floorMs = await timeMs(async () => {
        floorEvents = await floor(files);
      });
      if (seen !== events || floorEvents !== events) throw new Error(`event count mismatch: ${seen} / ${floorEvents} / ${events}`);
      const cordonRate = (seen * 1000) / cordonMs;
      const floorRate = (floorEvents * 1000) / floorMs;
      console.log(`floor (gunzip + JSON.parse): ${floorRate.toFixed(0)} events/s (${(floorMs / 1000).toFixed(2)} s)`);
      console.log(`cordon (read + ${rules.rules.length} rules): ${cordonRate.toFixed(0)} events/s (${(cordonMs / 1000).toFixed(2)} s), ${alerts} alerts`);
      console.log(`ratio vs floor: ${ratio(cordonRate, floorRate)} (target >= 0.50x); target >= 100000 events/s: ${cordonRate >= 100_000 ? 'met' : 'NOT met'}`);
      console.log(`RSS every 2000 files (MiB): ${rss.join(', ')}; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
