// Overview, the landing page after sign-in: ACTIVE findings counted by severity, type, account
// and cloud (each breakdown sums to the same total), what the last scan changed, open alerts
// and recent containments. Every number is computed here from the listings the rest of the
// console uses, so the overview and the findings page cannot disagree.
import { api, ApiError } from './api.js';
import { allFindings, cloudOf, countBy } from './data.js';
import { h, replace, severityBadge, time } from './dom.js';
import { SEVERITIES } from './findings.js';

function breakdown(id, title, rows, total, link) {
  return h(
    'section',
    { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    rows.length
      ? h(
          'ul',
          { class: 'kv' },
          rows.map(([k, n]) => h('li', { dataset: { key: k, count: n } }, link ? h('a', { href: link(k) }, k) : h('span', {}, k), h('span', {}, String(n)))),
          h('li', { class: 'total', dataset: { key: 'total', count: total } }, h('span', {}, 'Total'), h('span', {}, String(total))),
        )
      : h('p', { class: 'hint' }, 'No active findings.'),
  );
}

async function optional(promise) {
  try {
    return { value: await promise };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err;
    return { error: err instanceof ApiError && err.code === 'not_implemented' ? 'Not available in this build.' : `${err.code ?? 'error'}: ${err.message}` };
  }
}

function changesCard(scans) {
  const card = h('section', { class: 'card', id: 'ov-changes', 'aria-labelledby': 'ov-changes-title' }, h('h2', { id: 'ov-changes-title' }, 'Since the previous scan'));
  if (scans.error) return card.append(h('p', { class: 'hint' }, scans.error)), card;
  const last = scans.value.items[0];
  if (!last) return card.append(h('p', { class: 'hint' }, 'No scan recorded yet.')), card;
  const c = last.counts ?? {};
  // "New" counts findings created or reopened by the last scan: both are new to someone reading.
  const fresh = (c.created ?? 0) + (c.reopened ?? 0);
  card.append(
    h('ul', { class: 'kv' }, h('li', { dataset: { key: 'new', count: fresh } }, h('span', {}, 'New (created or reopened)'), h('span', {}, String(fresh))), h('li', { dataset: { key: 'resolved', count: c.resolved ?? 0 } }, h('span', {}, 'Resolved'), h('span', {}, String(c.resolved ?? 0)))),
    h('p', { class: 'hint' }, 'Last scan ', h('code', {}, last.id), ' ', last.scope ? `(${last.scope}) ` : '', time(last.finishedAt ?? last.startedAt)),
  );
  return card;
}

function alertsCard(alerts) {
  const card = h('section', { class: 'card', id: 'ov-alerts', 'aria-labelledby': 'ov-alerts-title' }, h('h2', { id: 'ov-alerts-title' }, h('a', { href: '#/alerts' }, 'Open alerts')));
  if (alerts.error) return card.append(h('p', { class: 'hint' }, alerts.error)), card;
  const { items, nextCursor } = alerts.value;
  card.append(h('p', { class: 'big', dataset: { count: items.length } }, `${items.length}${nextCursor ? '+' : ''}`));
  card.append(h('ul', { class: 'kv' }, items.slice(0, 5).map((a) => h('li', {}, h('span', {}, severityBadge(a.severity), ' ', a.eventName), time(a.eventTime)))));
  return card;
}

function containCard(reports) {
  const card = h('section', { class: 'card', id: 'ov-contain', 'aria-labelledby': 'ov-contain-title' }, h('h2', { id: 'ov-contain-title' }, h('a', { href: '#/contain' }, 'Recent containments')));
  if (reports.error) return card.append(h('p', { class: 'hint' }, reports.error)), card;
  const items = [...reports.value.items].sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt))).slice(0, 5);
  if (!items.length) return card.append(h('p', { class: 'hint' }, 'No containments.')), card;
  card.append(h('ul', { class: 'kv' }, items.map((r) => h('li', { dataset: { execution: r.executionId } }, h('span', {}, h('code', {}, r.target?.name ?? '?'), ` ${r.status ?? ''}`), time(r.startedAt)))));
  return card;
}

/** Renders `#/overview`. */
export async function renderOverview(view) {
  const [active, scans, alerts, reports] = await Promise.all([
    allFindings({ status: 'ACTIVE' }),
    optional(api('/scans?limit=1')),
    optional(api('/alerts?limit=500')),
    optional(api('/containment/reports')),
  ]);
  const total = active.length;
  const find = (key) => (value) => `#/findings?${new URLSearchParams({ status: 'ACTIVE', [key]: value })}`;
  replace(
    view,
    h('h1', {}, 'Overview'),
    h('p', { id: 'ov-total', dataset: { count: total } }, h('strong', {}, String(total)), ` active finding${total === 1 ? '' : 's'} (archived and resolved findings are not counted).`),
    h(
      'div',
      { class: 'tiles' },
      breakdown('ov-severity', 'By severity', countBy(active, (f) => f.severity, SEVERITIES), total, find('severity')),
      breakdown('ov-type', 'By type', countBy(active, (f) => f.type), total, find('type')),
      breakdown('ov-account', 'By account', countBy(active, (f) => f.accountId ?? 'unknown'), total, find('accountId')),
      breakdown('ov-cloud', 'By cloud', countBy(active, cloudOf), total),
      changesCard(scans),
      alertsCard(alerts),
      containCard(reports),
    ),
  );
}
