// Findings table with filters (status, type, severity), paging and an archive button.
import { api, ApiError, qs } from './api.js';
import { h, replace, say, severityBadge, time } from './dom.js';

export const STATUSES = ['ACTIVE', 'ARCHIVED', 'RESOLVED'];
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
export const TYPES = ['PrivilegeEscalation', 'RiskyPermission', 'ExternalAccess', 'PublicAccess', 'ConfusedDeputy', 'UnusedRole', 'UnusedAccessKey', 'UnusedPassword', 'UnusedPermission', 'PolicyValidation'];

function select(name, label, options, value, anyLabel) {
  const id = `filter-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, h('option', { value: '' }, anyLabel), options.map((o) => h('option', { value: o, selected: o === value }, o))),
  );
}

/** Renders `#/findings?status=&type=&severity=` into `view`. */
export async function renderFindings(view, params, caller) {
  // Viewers cannot archive: no button rather than a button that answers 403.
  const canArchive = caller?.role === 'responder' || caller?.role === 'admin';
  const filters = {
    status: params.has('status') ? params.get('status') : 'ACTIVE',
    type: params.get('type') ?? '',
    severity: params.get('severity') ?? '',
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter findings' },
    select('status', 'Status', STATUSES, filters.status, 'any status'),
    select('type', 'Type', TYPES, filters.type, 'any type'),
    select('severity', 'Severity', SEVERITIES, filters.severity, 'any severity'),
  );
  form.addEventListener('change', () => {
    const data = new FormData(form);
    // status is always written (empty = any) so "any status" differs from the ACTIVE default.
    const next = new URLSearchParams({ status: data.get('status') ?? '' });
    for (const key of ['type', 'severity']) if (data.get(key)) next.set(key, data.get(key));
    location.hash = `#/findings?${next}`;
  });
  const tbody = h('tbody', { id: 'findings-body' });
  const table = h(
    'table',
    { class: 'grid', id: 'findings-table' },
    h('caption', { class: 'sr-only' }, 'Findings'),
    h('thead', {}, h('tr', {}, ['Severity', 'Type', 'Title', 'Account', 'Status', 'Updated', ''].map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const count = h('p', { class: 'hint', id: 'findings-count' });
  replace(view, h('h1', {}, 'Findings'), form, count, table, more);

  let cursor;
  let shown = 0;
  async function load() {
    const page = await api(`/findings${qs({ ...filters, limit: 50, cursor })}`);
    for (const f of page.items) tbody.append(row(f));
    shown += page.items.length;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    count.textContent = shown === 0 ? 'No findings match these filters.' : `${shown} finding${shown === 1 ? '' : 's'} shown${cursor ? ' (more available)' : ''}.`;
  }
  more.addEventListener('click', () => load().catch((e) => say(e.message, 'error')));

  function row(f) {
    const tr = h(
      'tr',
      { dataset: { id: f.id, status: f.status } },
      h('td', {}, severityBadge(f.severity)),
      h('td', {}, f.type),
      h('td', {}, h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title)),
      h('td', {}, f.accountId),
      h('td', {}, f.status),
      h('td', {}, time(f.updatedAt)),
      h('td', {}, actionButton(f)),
    );
    return tr;
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
        replace(tbody);
        cursor = undefined;
        shown = 0;
        await load();
      } catch (err) {
        btn.disabled = false;
        say(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err), 'error');
      }
    });
    return btn;
  }

  await load();
}
