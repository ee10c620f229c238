/**
 * The single-file HTML report: summary, findings table, and each escalation path drawn as
 * steps. No scripts, no external assets: it opens offline and can be mailed as an attachment.
 */
import type { Finding, PathStep, Severity } from '../../model/finding.js';
import { SEVERITIES } from '../../model/finding.js';
import { escapeHtml as e } from './html-escape.js';
import { REPORT_CSS } from './html-style.js';

/** Extra section a caller adds (demo: containment, alerts); `html` must already be escaped. */
export interface ReportSection {
  id: string;
  title: string;
  html: string;
}

export interface HtmlReportInput {
  title: string;
  generatedAt: string;
  /** Inputs scanned, shown in the header. */
  sources?: string[];
  findings: readonly Finding[];
  sections?: readonly ReportSection[];
}

const SEVERITY_ORDER = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

/** Renders the whole report as one HTML document. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const findings = [...input.findings].sort((a, b) => SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)! || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  // Headline counts and the two story sections are ACTIVE findings; "All findings" lists every status.
  const active = findings.filter(isActive);
  const escalations = active.filter((f) => f.path && f.path.length > 0);
  const exposures = active.filter((f) => f.type === 'ExternalAccess' || f.type === 'PublicAccess' || f.type === 'ConfusedDeputy');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(input.title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>${e(input.title)}</h1><p class="meta">Generated ${e(input.generatedAt)}${input.sources?.length ? ` from ${input.sources.map(e).join(', ')}` : ''}</p></header>
<main>
${summary(findings)}
<section id="escalation"><h2>Privilege escalation paths (${escalations.length})</h2>
${escalations.length === 0 ? '<p class="empty">No principal can escalate to admin.</p>' : escalations.map(pathBlock).join('\n')}
</section>
<section id="external-access"><h2>External and public access (${exposures.length})</h2>
${exposures.length === 0 ? '<p class="empty">Nothing is reachable from outside the zone of trust.</p>' : table(exposures)}
</section>
<section id="findings"><h2>All findings (${findings.length})</h2>
${findings.length === 0 ? '<p class="empty">No findings.</p>' : table(findings)}
</section>
${(input.sections ?? []).map((s) => `<section id="${e(s.id)}"><h2>${e(s.title)}</h2>\n${s.html}\n</section>`).join('\n')}
</main></body></html>
`;
}

const isActive = (f: Finding) => (f.status ?? 'ACTIVE') === 'ACTIVE';

function summary(findings: readonly Finding[]): string {
  const active = findings.filter(isActive);
  const bySeverity = SEVERITIES.map((s) => `<li><span class="badge ${s}">${active.filter((f) => f.severity === s).length}</span> ${s}</li>`).join('');
  const types = [...new Set(active.map((f) => f.type))].sort();
  const byType = types.map((t) => `<li>${e(t)}: ${active.filter((f) => f.type === t).length}</li>`).join('');
  const statuses = (['ACTIVE', 'ARCHIVED', 'RESOLVED'] as const).map((st) => `${findings.filter((f) => (f.status ?? 'ACTIVE') === st).length} ${st.toLowerCase()}`);
  return `<section id="summary"><h2>Summary</h2><p class="meta">${findings.length} findings: ${statuses.join(', ')}; the counts below are the active ones.</p><ul class="counts">${bySeverity}</ul><ul class="types">${byType}</ul></section>`;
}

function table(findings: readonly Finding[]): string {
  const rows = findings
    .map((f) => `<tr><td><span class="badge ${f.severity}">${f.severity}</span></td><td>${e(f.type)}</td><td>${e(f.status)}</td><td>${e(f.title)}</td><td><code>${e(f.resource)}</code></td><td><code>${e(f.id)}</code></td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>Severity</th><th>Type</th><th>Status</th><th>Title</th><th>Resource</th><th>Id</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function pathBlock(f: Finding): string {
  const steps = (f.path ?? []).map(stepBlock).join('<div class="arrow" aria-hidden="true">→</div>');
  return `<article class="path" id="path-${e(f.id)}"><h3><span class="badge ${f.severity}">${f.severity}</span> ${e(f.title)}</h3>
<div class="steps"><div class="node start"><code>${e(f.principal)}</code></div><div class="arrow" aria-hidden="true">→</div>${steps}</div></article>`;
}

function stepBlock(step: PathStep, i: number): string {
  const evidence = step.evidence.map((ev) => `<li><code>${e(ev.policy)}</code>${ev.sid ? ` Sid <code>${e(ev.sid)}</code>` : ''}${ev.pointer ? ` <code>${e(ev.pointer)}</code>` : ''}</li>`).join('');
  return `<div class="step"><div class="method">${i + 1}. <code>${e(step.method)}</code></div><div class="desc">${e(step.description)}</div>
<div class="actions">${step.actions.map((a) => `<code>${e(a)}</code>`).join(' ')}</div>${evidence ? `<ul class="evidence">${evidence}</ul>` : ''}
<div class="node"><code>${e(step.to)}</code></div></div>`;
}
