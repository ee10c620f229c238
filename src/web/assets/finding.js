// One finding: facts, evidence, escalation path (graph + steps), remediation commands with a
// copy button, and archive/unarchive.
import { api, ApiError } from './api.js';
import { h, replace, say, severityBadge, time } from './dom.js';
import { drawPath } from './graph.js';

function facts(f) {
  const rows = [
    ['Id', h('code', {}, f.id)],
    ['Type', f.type],
    ['Severity', severityBadge(f.severity)],
    ['Status', f.status],
    ['Account', f.accountId],
    ['Resource', h('code', {}, f.resource)],
    ['Resource type', f.resourceType],
    ['Principal', f.principal === undefined ? undefined : typeof f.principal === 'string' && f.principal.startsWith('arn:') ? h('a', { href: `#/principals/${encodeURIComponent(f.principal)}`, id: 'principal-link' }, h('code', {}, f.principal)) : h('code', {}, typeof f.principal === 'string' ? f.principal : JSON.stringify(f.principal))],
    ['Actions', f.actions?.length ? f.actions.join(', ') : undefined],
    ['Public', f.isPublic === undefined ? undefined : String(f.isPublic)],
    ['Created', time(f.createdAt)],
    ['Updated', time(f.updatedAt)],
  ].filter(([, v]) => v !== undefined);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function evidenceTable(evidence) {
  if (!evidence?.length) return h('p', { class: 'hint' }, 'No evidence recorded.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
    'table',
    { class: 'grid' },
    h('caption', { class: 'sr-only' }, 'Evidence'),
    h('thead', {}, h('tr', {}, ['Policy', 'Kind', 'Statement', 'Note'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, evidence.map((e) => h('tr', {}, h('td', {}, h('code', {}, e.policy)), h('td', {}, e.policyType ?? ''), h('td', {}, e.sid ?? e.pointer ?? (e.statementIndex ?? '')), h('td', {}, e.note ?? '')))),
    ),
  );
}

function copyBlock(id, text) {
  const pre = h('pre', { id, class: 'code', tabindex: '0' }, text);
  const btn = h('button', { type: 'button', class: 'small', 'aria-controls': id, 'aria-label': 'Copy commands' }, 'Copy');
  btn.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      say('Commands copied to the clipboard.');
    } catch {
      // Clipboard needs a secure context; fall back to selecting the text for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(pre);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      say('Commands selected: press Ctrl+C to copy.');
    }
  });
  return h('div', { class: 'copy' }, h('div', { class: 'copy-bar' }, btn), pre);
}

function pathSection(path) {
  if (!path?.length) return undefined;
  const graph = h('div', { id: 'path-graph', class: 'graph', role: 'img', 'aria-label': `Escalation path graph with ${path.length} steps` });
  const steps = h(
    'ol',
    { class: 'steps', id: 'path-steps' },
    path.map((s) => h('li', {}, h('strong', {}, s.method), ': ', h('code', {}, s.from), ' → ', h('code', {}, s.to), s.target && s.target !== s.to ? [' on ', h('code', {}, s.target)] : '', s.description ? h('div', { class: 'hint' }, s.description) : '', s.actions?.length ? h('div', { class: 'hint' }, 'Actions: ', s.actions.join(', ')) : '')),
  );
  return { section: h('section', { 'aria-labelledby': 'path-title' }, h('h2', { id: 'path-title' }, 'Escalation path'), graph, steps), graph };
}

async function remediationSection(f) {
  const section = h('section', { 'aria-labelledby': 'fix-title' }, h('h2', { id: 'fix-title' }, 'Remediation'));
  if (f.remediation?.cli) {
    section.append(copyBlock('fix-cli', f.remediation.cli));
    return section;
  }
  const btn = h('button', { type: 'button', class: 'secondary' }, 'Plan remediation (dry run)');
  const out = h('div', {});
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const plan = await api('/remediation/plan', { method: 'POST', body: { findingId: f.id } });
      const cli = plan?.cli ?? plan?.commands ?? JSON.stringify(plan, null, 2);
      replace(out, copyBlock('fix-cli', Array.isArray(cli) ? cli.join('\n') : String(cli)));
    } catch (err) {
      replace(out, h('p', { class: 'hint' }, err instanceof ApiError && err.code === 'not_implemented' ? 'Remediation plans are not available in this build.' : `${err.code ?? 'error'}: ${err.message}`));
    } finally {
      btn.disabled = false;
    }
  });
  section.append(btn, out);
  return section;
}

async function historySection(id) {
  const { items } = await api(`/findings/${encodeURIComponent(id)}/history`);
  return h(
    'section',
    { 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'History'),
    h('ol', { class: 'steps', id: 'finding-history' }, items.map((e) => h('li', {}, time(e.at), ' ', h('strong', {}, e.to), ` (${e.change}) by ${e.by}`, e.actor ? [' ', h('code', {}, e.actor)] : '', e.ruleName ? ` rule ${e.ruleName}` : '', e.reason ? ` — ${e.reason}` : ''))),
  );
}

/** Renders `#/findings/ID`. */
export async function renderFinding(view, id, caller) {
  const f = await api(`/findings/${encodeURIComponent(id)}`);
  const archive = f.status === 'ACTIVE';
  const toggle =
    f.status === 'RESOLVED' || caller?.role === 'viewer'
      ? undefined
      : h('button', { type: 'button', class: 'secondary', onclick: async () => {
          await api(`/findings/${encodeURIComponent(f.id)}/${archive ? 'archive' : 'unarchive'}`, { method: 'POST', body: {} });
          say(archive ? 'Finding archived.' : 'Finding unarchived.');
          await renderFinding(view, id, caller);
        } }, archive ? 'Archive' : 'Unarchive');
  const path = pathSection(f.path);
  replace(
    view,
    h('p', {}, h('a', { href: '#/findings' }, '← All findings')),
    h('h1', {}, severityBadge(f.severity), ' ', f.title),
    toggle,
    f.rationale ? h('p', {}, f.rationale) : undefined,
    facts(f),
    path?.section,
    h('section', { 'aria-labelledby': 'ev-title' }, h('h2', { id: 'ev-title' }, 'Evidence'), evidenceTable(f.evidence)),
    await remediationSection(f),
    await historySection(f.id),
  );
  if (path) drawPath(path.graph, f.path);
}
