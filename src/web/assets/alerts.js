// Alerts feed (issue #22): one row per alert record, i.e. per CloudTrail event, listing every rule
// it matched; sorted by severity, then newest first; filtered by severity, rule (any of an alert's
// rules), actor and account through the API; an attack-path alert links to the findings it created.
import { api, qs } from './api.js';
import { h, replace, say, severityBadge, time } from './dom.js';
import { SEVERITIES } from './findings.js';

const FILTERS = ['severity', 'ruleId', 'actor', 'accountId'];
const rank = (s) => {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

/** Severity first (CRITICAL on top), then the newest event, then id (a stable order). */
export function compareAlerts(a, b) {
  return rank(a.severity) - rank(b.severity) || String(b.eventTime).localeCompare(String(a.eventTime)) || String(a.id).localeCompare(String(b.id));
}

/** The rules of an alert; records stored before alerts listed their rules have only `ruleId`. */
function rulesOf(a) {
  return Array.isArray(a.rules) && a.rules.length ? a.rules : [{ id: a.ruleId, severity: a.severity, summary: a.summary }];
}

function filterLink(key, value, label, current) {
  return h('a', { href: `#/alerts${qs({ ...current, [key]: value })}`, title: `Show only alerts with ${key === 'ruleId' ? 'rule' : key} ${value}` }, label ?? value);
}

function alertRow(a, current) {
  const rules = rulesOf(a);
  return h(
    'li',
    { class: 'card alert', dataset: { id: a.id, severity: a.severity } },
    h('div', { class: 'alert-head' }, severityBadge(a.severity), ' ', h('strong', {}, a.eventName), ' ', time(a.eventTime), ' ', h('span', { class: 'hint' }, `${rules.length} rule${rules.length === 1 ? '' : 's'}`)),
    h(
      'ul',
      { class: 'alert-rules', 'aria-label': 'Rules this event matched' },
      rules.map((r) => h('li', { dataset: { rule: r.id } }, severityBadge(r.severity), ' ', filterLink('ruleId', r.id, h('code', {}, r.id), current), ' ', h('span', {}, r.summary))),
    ),
    a.findings?.length
      ? h(
          'ul',
          { class: 'alert-findings', 'aria-label': 'Findings this event created' },
          a.findings.map((f) => h('li', {}, 'Created finding ', h('a', { href: `#/findings/${encodeURIComponent(f.id)}` }, f.title), f.ruleId ? h('span', { class: 'hint' }, ` (${f.ruleId})`) : null)),
        )
      : null,
    h('p', { class: 'hint alert-who' }, 'Actor: ', filterLink('actor', a.actor, h('code', {}, a.actor), current), ' · account ', filterLink('accountId', a.accountId, a.accountId, current), ` · ${a.region}`),
    h('details', {}, h('summary', {}, 'CloudTrail event'), h('pre', { class: 'code' }, JSON.stringify(a.event, null, 2))),
  );
}

function textField(id, name, label, value, placeholder) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name, type: 'text', value: value ?? '', placeholder, autocomplete: 'off', spellcheck: 'false' }));
}

/** Renders `#/alerts?severity=&ruleId=&actor=&accountId=`. */
export async function renderAlerts(view, params) {
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']).filter(([, v]) => v !== ''));
  const filter = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter alerts' },
    h('div', { class: 'field' }, h('label', { for: 'alert-severity' }, 'Severity'), h('select', { id: 'alert-severity', name: 'severity' }, h('option', { value: '' }, 'any severity'), SEVERITIES.map((s) => h('option', { value: s, selected: s === current.severity }, s)))),
    textField('alert-rule', 'ruleId', 'Rule', current.ruleId, 'e.g. new-escalation-path'),
    textField('alert-actor', 'actor', 'Actor ARN', current.actor, 'arn:aws:iam::…'),
    textField('alert-account', 'accountId', 'Account', current.accountId, '111122223333'),
    h('div', { class: 'field filter-actions' }, h('button', { type: 'submit' }, 'Filter'), Object.keys(current).length ? h('a', { href: '#/alerts' }, 'Clear filters') : null),
  );
  const apply = () => {
    const data = new FormData(filter);
    location.hash = `#/alerts${qs(Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim() || undefined])))}`;
  };
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  filter.querySelector('select').addEventListener('change', apply);
  const count = h('p', { class: 'hint', id: 'alerts-count', 'aria-live': 'polite' });
  const feed = h('ol', { class: 'feed', id: 'alerts-feed' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  replace(view, h('h1', {}, 'Alerts'), h('p', { class: 'hint' }, 'One alert per CloudTrail event, with every rule it matched; most severe first, then newest.'), filter, count, feed, more);
  const loaded = [];
  let cursor;
  async function load() {
    const page = await api(`/alerts${qs({ ...current, limit: 100, cursor })}`);
    loaded.push(...page.items);
    // Sorted over everything loaded so far: "Load more" may bring a CRITICAL older than the rest.
    loaded.sort(compareAlerts);
    feed.replaceChildren(...loaded.map((a) => alertRow(a, current)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    count.textContent = `${loaded.length}${cursor ? '+' : ''} alert${loaded.length === 1 ? '' : 's'}`;
    if (!loaded.length) feed.append(h('li', { class: 'hint' }, 'No alerts.'));
  }
  more.addEventListener('click', () => load().catch((e) => say(e.message, 'error')));
  await load();
}
