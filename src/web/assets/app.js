// Cordon web UI: hash routes (#/overview, #/findings, #/findings/ID, #/principals/ARN, #/alerts,
// #/contain) over the API.
// A token is entered once and kept in sessionStorage for the tab.
import { api, ApiError, getToken, setToken } from './api.js';
import { h, replace, say } from './dom.js';
import { renderFindings } from './findings.js';
import { renderFinding } from './finding.js';
import { renderAlerts } from './alerts.js';
import { renderContain } from './contain.js';
import { renderOverview } from './overview.js';
import { renderPrincipal } from './principal.js';

const view = document.getElementById('view');

/** Routes as data: first matching prefix wins. */
const ROUTES = [
  { nav: 'overview', match: (p) => p === 'overview' || p === '', render: (_p, q, c) => renderOverview(view, q, c) },
  { nav: 'findings', match: (p) => p.startsWith('principals/') && p.length > 11, render: (p, q, c) => renderPrincipal(view, decodeURIComponent(p.slice(11)), c) },
  { nav: 'findings', match: (p) => p.startsWith('findings/') && p.length > 9, render: (p, q, c) => renderFinding(view, decodeURIComponent(p.slice(9)), c) },
  { nav: 'findings', match: (p) => p === 'findings', render: (_p, q, c) => renderFindings(view, q, c) },
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
  const target = ROUTES.find((r) => r.match(path));
  for (const a of document.querySelectorAll('[data-nav]')) a.removeAttribute('aria-current');
  if (!target) {
    errorState(`There is no page at #/${path}.`);
    return;
  }
  for (const a of document.querySelectorAll(`[data-nav="${target.nav}"]`)) a.setAttribute('aria-current', 'page');
  say('');
  // The old page goes at once: a slow or failing route never leaves it under the new address.
  replace(view, h('p', { class: 'hint', id: 'loading' }, 'Loading…'));
  view.setAttribute('aria-busy', 'true');
  try {
    await target.render(path, params, caller);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      signOut('Your token is no longer valid; sign in again.');
      return;
    }
    // Never leave the previous page on screen under a new address: show what failed instead.
    errorState(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err));
  } finally {
    view.removeAttribute('aria-busy');
  }
}

/** Replaces the view with an error card (the previous page must not linger after a failed route). */
function errorState(message) {
  replace(
    view,
    h('section', { class: 'card error-state', id: 'error-state', 'aria-labelledby': 'error-title' }, h('h1', { id: 'error-title' }, 'This page could not be shown'), h('p', { class: 'error' }, message), h('p', {}, h('a', { href: '#/overview' }, 'Back to the overview'))),
  );
  // The live region announces the failure; the card holds the detail (not shown twice).
  say('This page could not be shown.', 'error');
}

async function checkToken(token) {
  try {
    caller = await api('/whoami', { token });
    setToken(token);
    document.getElementById('who-text').textContent = `${caller.name} (${caller.role})`;
    document.getElementById('who').hidden = false;
    document.getElementById('main-nav').hidden = false;
    return true;
  } catch {
    caller = undefined;
    setToken(null);
    return false;
  }
}

function renderLogin(message) {
  // Signed out: no "Sign out" button and no navigation to pages that need a token.
  document.getElementById('who').hidden = true;
  document.getElementById('main-nav').hidden = true;
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
      if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/overview';
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
