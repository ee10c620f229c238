// A principal (#/principals/ARN): what it can do, who can reach it, its paths and findings, and
// its activity when known. "What it can do" asks the engine (POST /simulate) on the snapshot files
// the latest scan read, when that scan read files on the server; otherwise (live scan, no scan)
// there is no snapshot to evaluate and the page says so, listing only what its findings name.
import { api, qs } from './api.js';
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

// High-impact actions probed for every principal besides those its findings name: the services an
// escalation or exfiltration would use. At most MAX_PROBES simulations per page view.
const PROBES = ['iam:PassRole', 'iam:CreateAccessKey', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion', 'sts:AssumeRole', 'lambda:CreateFunction', 'ec2:RunInstances', 's3:GetObject', 's3:PutBucketPolicy', 'kms:Decrypt', 'secretsmanager:GetSecretValue'];
const MAX_PROBES = 24;

function statements(explanation) {
  const allows = (explanation ?? []).filter((m) => m.effect === 'Allow');
  if (!allows.length) return '';
  return allows.map((m, i) => [i ? h('br') : '', h('code', {}, `${m.policyId} #${m.statementIndex}${m.sid ? ` (${m.sid})` : ''}`)]);
}

function engineRow(r) {
  return h('tr', { dataset: { action: r.action, decision: r.decision } }, h('td', {}, h('code', {}, r.action)), h('td', {}, r.action.split(':')[0]), h('td', {}, r.decision, r.certainty === 'possible' ? ' (for some context values)' : ''), h('td', {}, statements(r.explanation)));
}

/**
 * Fills `tbody` with the engine's decision for each action on `*` as `arn` over the scan's
 * snapshot files, one simulation at a time (each compiles the snapshot in a server job), Allowed
 * rows first. The rest of the page is already shown; it stops when the page is left.
 */
async function fillEngine(table, progress, arn, snapshot, actions) {
  const tbody = table.querySelector('tbody');
  const rows = [];
  for (const [i, action] of actions.entries()) {
    progress.textContent = `Evaluating ${i + 1} of ${actions.length}: ${action}`;
    const r = await api('/simulate', { method: 'POST', body: { snapshot, request: { principal: arn, action, resource: '*' } } });
    // Checked after the request: the table is placed in the page only after this loop starts.
    if (!table.isConnected) return;
    rows.push({ action, decision: r.decision, explanation: r.explanation, certainty: r.certainty });
    rows.sort((a, b) => Number(b.decision === 'Allowed') - Number(a.decision === 'Allowed') || a.action.localeCompare(b.action));
    replace(tbody, rows.map(engineRow));
  }
  progress.textContent = `${rows.filter((r) => r.decision === 'Allowed').length} of ${rows.length} actions allowed.`;
  table.dataset.done = 'true';
}

/** The "what it can do" card: engine decisions when the latest scan's snapshot files are known. */
async function canDo(arn, actions) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'can-title', id: 'principal-can' }, h('h2', { id: 'can-title' }, 'What it can do'));
  const fromFindings = actions.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'principal-actions' }, h('caption', { class: 'sr-only' }, 'Actions named by findings'), h('thead', {}, h('tr', {}, ['Action', 'Service', 'Named by'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, actions.map(([a, fs]) => h('tr', {}, h('td', {}, h('code', {}, a)), h('td', {}, a.split(':')[0]), h('td', {}, fs.map((f, i) => [i ? ', ' : '', h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title)])))))))
    : h('p', { class: 'hint' }, 'No actions named by its findings.');
  const scan = (await api('/scans?limit=1').catch(() => ({ items: [] }))).items[0];
  const snapshot = Array.isArray(scan?.inputs?.snapshot) && scan.inputs.snapshot.length ? scan.inputs.snapshot : undefined;
  if (!snapshot) {
    card.append(
      h('p', { class: 'hint', id: 'engine-note' }, 'The latest scan read no snapshot files on this server (a live scan, or no scan yet) and the store keeps no IAM snapshot, so the engine cannot list its services and actions here; run ', h('code', {}, `cordon simulate --snapshot FILE --principal ${arn} --action ACTION --resource ARN`), '. Below: the actions its active findings and paths name.'),
      fromFindings,
    );
    return card;
  }
  const probe = [...new Set([...actions.map(([a]) => a), ...PROBES])].filter((a) => !a.includes('*')).slice(0, MAX_PROBES);
  const note = h('p', { class: 'hint', id: 'engine-note' }, `The engine's decisions on the snapshot of scan ${scan.id} (resource *), with the statements that grant them.`);
  const progress = h('p', { class: 'hint', id: 'engine-progress', role: 'status' });
  const table = h(
    'table',
    { class: 'grid', id: 'principal-engine' },
    h('caption', { class: 'sr-only' }, 'Engine decisions on resource *'),
    h('thead', {}, h('tr', {}, ['Action', 'Service', 'Decision on *', 'Granting statements'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}),
  );
  card.append(note, progress, h('div', { class: 'table-wrap' }, table), h('h3', {}, 'Actions its findings name'), fromFindings);
  fillEngine(table, progress, arn, snapshot, probe).catch((err) => {
    note.className = 'error';
    note.textContent = `The engine could not evaluate the snapshot of scan ${scan.id}: ${err.code ?? 'error'}: ${err.message}. The actions its active findings and paths name are listed below.`;
    progress.textContent = '';
  });
  return card;
}

/** Renders `#/principals/ARN`. */
export async function renderPrincipal(view, arn) {
  const [findings, alerts] = await Promise.all([allFindings({ status: 'ACTIVE' }), api(`/alerts${qs({ actor: arn, limit: 100 })}`).catch(() => ({ items: [], unknown: true }))]);
  const own = findings.filter((f) => f.resource === arn || principalText(f) === arn).sort(compareFindings);
  const withPath = findings.filter((f) => f.path?.length);
  const from = withPath.filter((f) => f.path[0].from === arn);
  // Who can reach it: paths that pass through or end at this principal, started by someone else.
  const reach = withPath.filter((f) => f.path[0].from !== arn && visited(f.path).includes(arn));
  const actions = actionsFromFindings(arn, own, withPath);
  // The API filters by actor (every alert of this caller, not only among the newest).
  const activity = alerts.items;
  replace(
    view,
    h('p', {}, h('a', { href: '#/findings?group=principal' }, '← Findings by principal')),
    h('h1', {}, shortName(arn)),
    h('p', {}, h('code', { id: 'principal-arn' }, arn)),
    await canDo(arn, actions),
    h('section', { class: 'card', 'aria-labelledby': 'reach-title' }, h('h2', { id: 'reach-title' }, 'Who can reach it'), pathList('principal-reach', reach, arn, 'No escalation path reaches it.')),
    h('section', { class: 'card', 'aria-labelledby': 'paths-title' }, h('h2', { id: 'paths-title' }, 'Its escalation paths'), pathList('principal-paths', from, arn, 'No escalation path starts here.')),
    h('section', { class: 'card', 'aria-labelledby': 'own-title' }, h('h2', { id: 'own-title' }, 'Its findings'), findingList('principal-findings', own, 'No active findings about it.')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'act-title' },
      h('h2', { id: 'act-title' }, h('a', { href: `#/alerts${qs({ actor: arn })}` }, 'Activity')),
      alerts.unknown
        ? h('p', { class: 'hint' }, 'Alerts could not be read.')
        : activity.length
          ? h('ul', { class: 'kv', id: 'principal-activity' }, activity.map((a) => h('li', {}, h('span', {}, severityBadge(a.severity), ' ', a.eventName, ' ', h('span', { class: 'hint' }, a.summary)), time(a.eventTime))))
          : h('p', { class: 'hint', id: 'principal-activity' }, 'No alerts for its activity.'),
    ),
  );
}
