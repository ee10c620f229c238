// A principal (#/principals/ARN): what it can do, who can reach it, its paths and findings, and
// its activity when known. Everything here comes from stored findings and alerts: the store keeps
// no IAM snapshot, so the engine's view of its permissions is not available and the page says so
// instead of guessing from finding titles.
import { api } from './api.js';
import { allFindings } from './data.js';
import { h, replace, severityBadge, time } from './dom.js';
import { compareFindings, principalText } from './findings.js';
import { shortName } from './graph.js';

/** ARNs a path visits, in order: each step's actor, then where the last step lands. */
function visited(path) {
  return [...path.map((s) => s.from), path[path.length - 1]?.to].filter(Boolean);
}

function findingList(id, items, empty) {
  if (!items.length) return h('p', { class: 'hint', id }, empty);
  return h('ul', { class: 'kv', id }, items.map((f) => h('li', { dataset: { id: f.id } }, h('span', {}, severityBadge(f.severity), ' ', h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title)), h('span', { class: 'hint' }, f.type))));
}

function pathList(id, items, arn, empty) {
  if (!items.length) return h('p', { class: 'hint', id }, empty);
  return h(
    'ol',
    { class: 'steps', id },
    items.map((f) =>
      h(
        'li',
        { dataset: { id: f.id } },
        h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title),
        h('div', { class: 'hint' }, visited(f.path).map((p, i) => [i ? ' → ' : '', p === arn ? h('strong', {}, shortName(p)) : p.startsWith('arn:') ? h('a', { href: `#/principals/${encodeURIComponent(p)}` }, shortName(p)) : shortName(p)])),
      ),
    ),
  );
}

/** Actions this principal holds according to its findings and every path step it takes. */
function actionsFromFindings(arn, own, paths) {
  const actions = new Map();
  const add = (action, f) => {
    if (!actions.has(action)) actions.set(action, []);
    if (!actions.get(action).includes(f)) actions.get(action).push(f);
  };
  for (const f of own) for (const a of f.actions ?? []) add(a, f);
  for (const f of paths) for (const s of f.path) if (s.from === arn) for (const a of s.actions ?? []) add(a, f);
  return [...actions.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Renders `#/principals/ARN`. */
export async function renderPrincipal(view, arn) {
  const [findings, alerts] = await Promise.all([allFindings({ status: 'ACTIVE' }), api('/alerts?limit=500').catch(() => ({ items: [], unknown: true }))]);
  const own = findings.filter((f) => f.resource === arn || principalText(f) === arn).sort(compareFindings);
  const withPath = findings.filter((f) => f.path?.length);
  const from = withPath.filter((f) => f.path[0].from === arn);
  // Who can reach it: paths that pass through or end at this principal, started by someone else.
  const reach = withPath.filter((f) => f.path[0].from !== arn && visited(f.path).includes(arn));
  const actions = actionsFromFindings(arn, own, withPath);
  const activity = alerts.items.filter((a) => a.actor === arn);
  replace(
    view,
    h('p', {}, h('a', { href: '#/findings?group=principal' }, '← Findings by principal')),
    h('h1', {}, shortName(arn)),
    h('p', {}, h('code', { id: 'principal-arn' }, arn)),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'can-title', id: 'principal-can' },
      h('h2', { id: 'can-title' }, 'What it can do'),
      h('p', { class: 'hint', id: 'engine-note' }, 'The store keeps no IAM snapshot for this scan, so the full list of its services and actions (through the engine, with the granting statements) cannot be shown here; run ', h('code', {}, `cordon simulate --principal ${arn}`), ' against the snapshot. Below: the actions its active findings and paths name.'),
      actions.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'principal-actions' }, h('caption', { class: 'sr-only' }, 'Actions named by findings'), h('thead', {}, h('tr', {}, ['Action', 'Service', 'Named by'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, actions.map(([a, fs]) => h('tr', {}, h('td', {}, h('code', {}, a)), h('td', {}, a.split(':')[0]), h('td', {}, fs.map((f, i) => [i ? ', ' : '', h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title)])))))))
        : h('p', { class: 'hint' }, 'No actions named by its findings.'),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'reach-title' }, h('h2', { id: 'reach-title' }, 'Who can reach it'), pathList('principal-reach', reach, arn, 'No escalation path reaches it.')),
    h('section', { class: 'card', 'aria-labelledby': 'paths-title' }, h('h2', { id: 'paths-title' }, 'Its escalation paths'), pathList('principal-paths', from, arn, 'No escalation path starts here.')),
    h('section', { class: 'card', 'aria-labelledby': 'own-title' }, h('h2', { id: 'own-title' }, 'Its findings'), findingList('principal-findings', own, 'No active findings about it.')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'act-title' },
      h('h2', { id: 'act-title' }, 'Activity'),
      alerts.unknown
        ? h('p', { class: 'hint' }, 'Alerts could not be read.')
        : activity.length
          ? h('ul', { class: 'kv', id: 'principal-activity' }, activity.map((a) => h('li', {}, h('span', {}, severityBadge(a.severity), ' ', a.eventName, ' ', h('span', { class: 'hint' }, a.summary)), time(a.eventTime))))
          : h('p', { class: 'hint', id: 'principal-activity' }, 'No alerts for its activity.'),
    ),
  );
}
