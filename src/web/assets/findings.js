// Findings: filters (status, type, severity, account), full-text search over title, resource,
// principal and id, sorted by severity then most recently updated, optionally grouped by
// principal or resource, with archive buttons for responders.
import { api, ApiError } from './api.js';
import { h, replace, say, severityBadge, time } from './dom.js';
import { allFindings, cloudOf } from './data.js';

export const STATUSES = ['ACTIVE', 'ARCHIVED', 'RESOLVED'];
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
export const TYPES = ['PrivilegeEscalation', 'RiskyPermission', 'ExternalAccess', 'PublicAccess', 'ConfusedDeputy', 'UnusedRole', 'UnusedAccessKey', 'UnusedPassword', 'UnusedPermission', 'PolicyValidation'];
const GROUPS = [
  ['', 'no grouping'],
  ['principal', 'principal'],
  ['resource', 'resource'],
];

/** A finding's principal as text (exposure findings carry `{AWS: ...}`). */
export function principalText(f) {
  if (f.principal === undefined || f.principal === null) return '';
  return typeof f.principal === 'string' ? f.principal : Object.values(f.principal).join(', ');
}

/** Severity first (CRITICAL on top), then the most recently updated, then id for a stable order. */
export function compareFindings(a, b) {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || String(b.updatedAt).localeCompare(String(a.updatedAt)) || String(a.id).localeCompare(String(b.id));
}

/** True when every word of `query` occurs (case-insensitively) in the title, resource, principal or id. */
export function matches(f, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = [f.title, f.resource, principalText(f), f.id].join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}

function select(name, label, options, value, anyLabel) {
  const id = `filter-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, anyLabel === undefined ? '' : h('option', { value: '' }, anyLabel), options.map((o) => (Array.isArray(o) ? h('option', { value: o[0], selected: o[0] === value }, o[1]) : h('option', { value: o, selected: o === value }, o)))),
  );
}

/** Renders `#/findings?status=&type=&severity=&accountId=&q=&group=` into `view`. */
export async function renderFindings(view, params, caller) {
  // Viewers cannot archive: no button rather than a button that answers 403.
  const canArchive = caller?.role === 'responder' || caller?.role === 'admin';
  const filters = {
    status: params.has('status') ? params.get('status') : 'ACTIVE',
    type: params.get('type') ?? '',
    severity: params.get('severity') ?? '',
    accountId: params.get('accountId') ?? '',
  };
  // With one status selected every row has that status: the column would repeat it (and cost
  // the width that lets the table fit an 800 px window).
  const showStatus = !filters.status;

  const query = params.get('q') ?? '';
  const group = params.get('group') ?? '';
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', class: 'search', value: query, placeholder: 'title, resource, principal, id', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter findings', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'filter-q' }, 'Search'), search),
    select('status', 'Status', STATUSES, filters.status, 'any status'),
    select('type', 'Type', TYPES, filters.type, 'any type'),
    select('severity', 'Severity', SEVERITIES, filters.severity, 'any severity'),
    select('group', 'Group by', GROUPS, group),
    filters.accountId ? h('input', { type: 'hidden', name: 'accountId', value: filters.accountId }) : '',
  );
  const go = () => {
    const data = new FormData(form);
    // status is always written (empty = any) so "any status" differs from the ACTIVE default.
    const next = new URLSearchParams({ status: data.get('status') ?? '' });
    for (const key of ['type', 'severity', 'accountId', 'q', 'group']) if (data.get(key)) next.set(key, String(data.get(key)).trim());
    location.hash = `#/findings?${next}`;
  };
  form.addEventListener('change', go);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go();
  });
  const body = h('div', { id: 'findings-body-wrap' });
  const count = h('p', { class: 'hint', id: 'findings-count', role: 'status' });
  replace(view, h('h1', {}, 'Findings'), form, filters.accountId ? h('p', { class: 'hint' }, 'Account ', h('code', {}, filters.accountId), ' only. ', h('a', { href: '#/findings' }, 'All accounts')) : '', count, body);

  const all = (await allFindings(filters)).filter((f) => matches(f, query)).sort(compareFindings);
  count.textContent = all.length === 0 ? 'No findings match these filters.' : `${all.length} finding${all.length === 1 ? '' : 's'}, most severe first.`;
  if (!all.length) return;

  if (!group) {
    replace(body, table('findings-table', 'Findings', all));
    return;
  }
  // Groups in the order of their most severe (then most recent) finding: the list is sorted.
  const groups = new Map();
  for (const f of all) {
    const key = (group === 'principal' ? principalText(f) : f.resource) || '(none)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  replace(
    body,
    [...groups.entries()].map(([key, items], i) =>
      h(
        'section',
        { class: 'group', dataset: { group: key } },
        h('h2', { class: 'group-title', id: `group-${i}` }, group === 'principal' && key.startsWith('arn:') ? h('a', { href: `#/principals/${encodeURIComponent(key)}` }, key) : h('code', {}, key), ` (${items.length})`),
        table(i === 0 ? 'findings-table' : `findings-table-${i}`, `Findings of ${key}`, items),
      ),
    ),
  );

  function table(id, caption, items) {
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid', id },
        h('caption', { class: 'sr-only' }, caption),
        h('thead', {}, h('tr', {}, ['Severity', 'Type', 'Title', 'Account', 'Cloud', showStatus ? 'Status' : undefined, 'Updated', ''].filter((c) => c !== undefined).map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', { class: 'findings-body' }, items.map(row)),
      ),
    );
  }

  function row(f) {
    return h(
      'tr',
      { dataset: { id: f.id, status: f.status } },
      h('td', {}, severityBadge(f.severity)),
      h('td', {}, f.type),
      h('td', {}, h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title)),
      h('td', {}, f.accountId),
      h('td', {}, cloudOf(f)),
      showStatus ? h('td', {}, f.status) : undefined,
      h('td', {}, time(f.updatedAt)),
      h('td', {}, actionButton(f)),
    );
  }

  function actionButton(f) {
    if (f.status === 'RESOLVED' || !canArchive) return '';
    const archive = f.status === 'ACTIVE';
    const label = archive ? 'Archive' : 'Unarchive';
    const btn = h('button', { type: 'button', class: 'small', 'aria-label': `${label} finding ${f.title}` }, label);
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await api(`/findings/${encodeURIComponent(f.id)}/${archive ? 'archive' : 'unarchive'}`, { method: 'POST', body: {} });
        say(`${archive ? 'Archived' : 'Unarchived'}: ${f.title}`);
        await renderFindings(view, params, caller);
      } catch (err) {
        btn.disabled = false;
        say(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err), 'error');
      }
    });
    return btn;
  }
}
