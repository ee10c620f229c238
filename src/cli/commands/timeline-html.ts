/**
 * `cordon timeline --output html`: the replay as one self-contained HTML document (inline CSS, no
 * scripts, no external assets; it opens offline and can be mailed). Every value from the snapshot
 * or CloudTrail (names, ARNs, policy text, IPs) is untrusted and escaped. `writeReportFile` writes
 * it with `--out FILE` the way containment reports are written: atomically, private (0600), never
 * through a symlink or onto something that is not a regular file.
 */
import { constants } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Timeline, TimelineChange, TimelineEntry } from '../../activity/timeline.js';
import { escapeHtml as e } from '../../findings/render/html-escape.js';
import { REPORT_CSS } from '../../findings/render/html-style.js';
import { RefusedError } from '../../model/errors.js';
import type { FindingDraft, PathStep } from '../../model/finding.js';

/** What the report says about its inputs. */
export interface TimelineReportInput {
  timeline: Timeline;
  events: number;
  snapshot: readonly string[];
  cloudtrail: readonly string[];
  window: { start?: string; end?: string };
  generatedAt: string;
}

const EXTRA_CSS = `
.APPEARED{background:#b00020;color:#fff}.RESOLVED{background:#2b8a3e;color:#fff}#findings table{margin:0 0 14px}
details{margin:6px 0}summary{cursor:pointer;color:#334}pre{white-space:pre-wrap;word-break:break-all;background:#f6f7f9;padding:8px;border-radius:6px;max-height:420px;overflow:auto;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.entry{border:1px solid #e3e5ea;border-radius:8px;padding:10px 12px;margin:0 0 12px}.entry .meta{color:#556;opacity:1}
.states{display:grid;grid-template-columns:1fr 1fr;gap:10px}@media (max-width:800px){.states{grid-template-columns:1fr}}
`;

/** The whole document. */
export function renderTimelineHtml(input: TimelineReportInput): string {
  const { timeline } = input;
  const appeared = timeline.entries.filter((x) => x.change === 'APPEARED').length;
  const resolved = timeline.entries.length - appeared;
  const window = input.window.start || input.window.end ? ` · window ${e(input.window.start ?? '…')} to ${e(input.window.end ?? '…')}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Cordon timeline</title><style>${REPORT_CSS}${EXTRA_CSS}</style></head>
<body>
<header><h1>Cordon timeline</h1><p class="meta">Generated ${e(input.generatedAt)} · snapshot ${input.snapshot.map(e).join(', ')} · CloudTrail ${input.cloudtrail.map(e).join(', ')}${window}</p></header>
<main>
<section id="summary"><h2>Summary</h2><ul class="counts">
<li>${input.events} event(s) read</li><li>${timeline.changes.length} state change(s) replayed</li>
<li><span class="badge APPEARED">${appeared}</span> finding(s) appeared</li><li><span class="badge RESOLVED">${resolved}</span> resolved</li>
<li>${timeline.initial.length} finding(s) before, ${timeline.final.length} after</li></ul></section>
<section id="findings"><h2>Findings that appeared or were resolved</h2>
${timeline.entries.length ? `${entriesTable(timeline.entries)}\n${timeline.entries.map(entryBlock).join('\n')}` : '<p class="empty">No escalation or exposure finding appeared or was resolved.</p>'}
</section>
<section id="changes"><h2>State changes replayed</h2>
${timeline.changes.length ? changesTable(timeline.changes) : '<p class="empty">No state-changing event in the window.</p>'}
</section>
</main></body></html>
`;
}

const anchor = (x: TimelineEntry, i: number) => `entry-${i}-${x.finding.id.replace(/[^A-Za-z0-9]/g, '')}`;

function entriesTable(entries: readonly TimelineEntry[]): string {
  const rows = entries.map((x, i) => `<tr><td>${e(x.event.time)}</td><td><span class="badge ${x.change}">${x.change}</span></td><td><span class="badge ${e(x.finding.severity)}">${e(x.finding.severity)}</span></td><td>${e(x.finding.type)}</td><td><a href="#${anchor(x, i)}">${e(x.finding.title)}</a></td><td><code>${e(x.event.name)}</code> <code>${e(x.event.id)}</code></td><td><code>${e(x.event.actor ?? '-')}</code></td><td>${e(x.event.sourceIp ?? '-')}</td></tr>`);
  return `<table><thead><tr><th>Time</th><th>Change</th><th>Severity</th><th>Type</th><th>Finding</th><th>Event</th><th>Actor</th><th>Source IP</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function entryBlock(x: TimelineEntry, i: number): string {
  const f = x.finding;
  return `<article class="entry" id="${anchor(x, i)}"><h3><span class="badge ${x.change}">${x.change}</span> <span class="badge ${e(f.severity)}">${e(f.severity)}</span> ${e(f.title)}</h3>
<p class="meta">at ${e(x.event.time)} by <code>${e(x.event.actor ?? 'unknown')}</code>${x.event.sourceIp ? ` from ${e(x.event.sourceIp)}` : ''}: <code>${e(x.event.source)}</code> <code>${e(x.event.name)}</code> event <code>${e(x.event.id)}</code> · finding <code>${e(f.id)}</code></p>
${findingDetail(f)}
<div class="states"><details><summary>State before the event</summary><pre>${e(JSON.stringify(x.before, null, 2))}</pre></details><details><summary>State after the event</summary><pre>${e(JSON.stringify(x.after, null, 2))}</pre></details></div>
</article>`;
}

function findingDetail(f: FindingDraft): string {
  const who = f.principal === undefined ? '' : `<p>Principal: <code>${e(typeof f.principal === 'string' ? f.principal : JSON.stringify(f.principal))}</code></p>`;
  const what = `<p>Resource: <code>${e(f.resource)}</code>${f.actions?.length ? ` · actions ${f.actions.map((a) => `<code>${e(a)}</code>`).join(' ')}` : ''}</p>`;
  const path = f.path?.length ? `<div class="steps"><div class="node start"><code>${e(typeof f.principal === 'string' ? f.principal : f.path[0]!.from)}</code></div><div class="arrow" aria-hidden="true">→</div>${f.path.map(stepBlock).join('<div class="arrow" aria-hidden="true">→</div>')}</div>` : '';
  return `${who}${what}${path}`;
}

function stepBlock(step: PathStep, i: number): string {
  return `<div class="step"><div class="method">${i + 1}. <code>${e(step.method)}</code></div><div class="desc">${e(step.description)}</div>
<div class="actions">${step.actions.map((a) => `<code>${e(a)}</code>`).join(' ')}</div><div class="node"><code>${e(step.to)}</code></div></div>`;
}

function changesTable(changes: readonly TimelineChange[]): string {
  const rows = changes.map((c) => `<tr><td>${e(c.event.time)}</td><td><code>${e(c.event.name)}</code> <code>${e(c.event.id)}</code></td><td><code>${e(c.event.actor ?? '-')}</code></td><td>${e(c.event.sourceIp ?? '-')}</td><td>${e(c.status)}${c.uncertain.length ? ` (uncertain: ${c.uncertain.map((u) => `<code>${e(u)}</code>`).join(', ')})` : ''}</td><td>${e(c.note)}</td></tr>`);
  return `<table><thead><tr><th>Time</th><th>Event</th><th>Actor</th><th>Source IP</th><th>Status</th><th>What changed</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * Writes a report file: refuses a path that exists and is not a regular file (a symlink planted
 * where the report goes, a FIFO, a directory); writes a private temporary file beside it
 * (exclusive create, no symlink followed) and renames it into place, so a reader never sees half
 * a report.
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  const existing = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new RefusedError(`cannot write the report to \`${path}\`: ${err.message}`);
  });
  if (existing && !existing.isFile()) throw new RefusedError(`refusing to write the report to \`${path}\`: it exists and is not a regular file (symlink, directory or device)`);
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  let handle;
  try {
    handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (err) {
    throw new RefusedError(`cannot write the report to \`${path}\`: ${(err as Error).message}`);
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new RefusedError(`cannot write the report to \`${path}\`: ${(err as Error).message}`);
  }
}
