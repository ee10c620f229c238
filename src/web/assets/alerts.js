// Alerts feed: newest first, each expandable to its CloudTrail event.
import { api, qs } from './api.js';
import { h, replace, say, severityBadge, time } from './dom.js';
import { SEVERITIES } from './findings.js';

/** Renders `#/alerts?severity=`. */
export async function renderAlerts(view, params) {
  const severity = params.get('severity') ?? '';
  const filter = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter alerts' },
    h('div', { class: 'field' }, h('label', { for: 'alert-severity' }, 'Severity'), h('select', { id: 'alert-severity', name: 'severity' }, h('option', { value: '' }, 'any severity'), SEVERITIES.map((s) => h('option', { value: s, selected: s === severity }, s)))),
  );
  filter.addEventListener('change', () => {
    const s = new FormData(filter).get('severity');
    location.hash = `#/alerts${qs({ severity: s })}`;
  });
  const feed = h('ol', { class: 'feed', id: 'alerts-feed' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  replace(view, h('h1', {}, 'Alerts'), filter, feed, more);
  let cursor;
  async function load() {
    const page = await api(`/alerts${qs({ severity, limit: 50, cursor })}`);
    for (const a of page.items) {
      feed.append(
        h(
          'li',
          { class: 'card alert', dataset: { id: a.id } },
          h('div', { class: 'alert-head' }, severityBadge(a.severity), ' ', h('strong', {}, a.eventName), ' ', time(a.eventTime), ' ', h('span', { class: 'hint' }, a.ruleId)),
          h('p', {}, a.summary),
          h('p', { class: 'hint' }, 'Actor: ', h('code', {}, a.actor), ` · account ${a.accountId} · ${a.region}`),
          h('details', {}, h('summary', {}, 'CloudTrail event'), h('pre', { class: 'code' }, JSON.stringify(a.event, null, 2))),
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (!feed.children.length) feed.append(h('li', { class: 'hint' }, 'No alerts.'));
  }
  more.addEventListener('click', () => load().catch((e) => say(e.message, 'error')));
  await load();
}
