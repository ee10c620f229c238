// Cordon web UI: hash routes (#/findings, #/findings/ID, #/alerts, #/contain) over the API.
// A token is entered once and kept in sessionStorage for the tab.
import { api, ApiError, getToken, setToken } from './api.js';
import { h, replace, say } from './dom.js';
import { renderFindings } from './findings.js';
import { renderFinding } from './finding.js';
import { renderAlerts } from './alerts.js';
import { renderContain } from './contain.js';

const view = document.getElementById('view');

/** Routes as data: first matching prefix wins. */
const ROUTES = [
  { nav: 'findings', match: (p) => p.startsWith('findings/') && p.length > 9, render: (p, q, c) => renderFinding(view, decodeURIComponent(p.slice(9)), c) },
  { nav: 'findings', match: (p) => p === 'findings' || p === '', render: (_p, q, c) => renderFindings(view, q, c) },
  { nav: 'alerts', match: (p) => p === 'alerts', render: (_p, q, c) => renderAlerts(view, q, c) },
  { nav: 'contain', match: (p) => p === 'contain', render: (_p, q, c) => renderContain(view, q, c) },
];

let caller;

async function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  if (!getToken() || !caller) {
    if (getToken() && (await checkToken(getToken()))) return route();
    renderLogin();
    return;
  }
  const target = ROUTES.find((r) => r.match(path)) ?? ROUTES[1];
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === target.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  say('');
  try {
    await target.render(path, params, caller);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      signOut('Your token is no longer valid; sign in again.');
      return;
    }
    say(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err), 'error');
  }
}

async function checkToken(token) {
  try {
    caller = await api('/whoami', { token });
    setToken(token);
    document.getElementById('who-text').textContent = `${caller.name} (${caller.role})`;
    document.getElementById('who').hidden = false;
    return true;
  } catch {
    caller = undefined;
    setToken(null);
    return false;
  }
}

function renderLogin(message) {
  document.getElementById('who').hidden = true;
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': 'token-help' });
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    h('label', { for: 'token' }, 'API token'),
    input,
    h('p', { id: 'token-help', class: 'hint' }, 'Create one with ', h('code', {}, 'cordon tokens create --role viewer'), '. It is kept for this tab only.'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await checkToken(input.value.trim())) {
      if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/findings';
      else route();
    } else {
      say('That token was not accepted.', 'error');
      input.focus();
    }
  });
  replace(view, form);
  if (message) say(message, 'error');
  input.focus();
}

function signOut(message) {
  caller = undefined;
  setToken(null);
  renderLogin(message);
}

document.getElementById('logout').addEventListener('click', () => signOut());
window.addEventListener('hashchange', route);
route();
