// Containment: plan (dry run) first, then apply only after typing the principal's name.
import { api, ApiError } from './api.js';
import { h, replace, say, time } from './dom.js';

function describe(err) {
  if (err instanceof ApiError && err.code === 'not_implemented') return 'Containment is not available in this build.';
  return err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
}

// A containment outcome: its steps as a list (description + status), verification, location,
// and the raw JSON behind a disclosure.
function resultBlock(title, value) {
  const report = value?.report;
  // A release outcome carries its own steps in report.release; a contain outcome in report.steps.
  const steps = Array.isArray(report?.release?.steps) ? report.release.steps : Array.isArray(report?.steps) ? report.steps : undefined;
  const unrestorable = report?.release?.unrestorable ?? [];
  return h(
    'section',
    {},
    h('h2', {}, title),
    report?.target ? h('p', {}, `${report.target.type} `, h('code', {}, report.target.name), value.dryRun ? ' — dry run: nothing was changed.' : ` — ${report.status ?? ''}`) : undefined,
    steps ? h('ol', { class: 'steps', id: 'contain-steps' }, steps.map((s) => h('li', {}, s.description ?? s.spec?.kind ?? 'step', s.status && s.status !== 'pending' ? h('span', { class: 'hint' }, ` (${s.status}${s.error ? `: ${s.error.message}` : ''})`) : ''))) : undefined,
    report?.verification && !report.release ? h('p', {}, 'Verified: ', h('strong', {}, String(report.verification.verified))) : undefined,
    unrestorable.length ? h('div', {}, h('h3', {}, 'Not restored automatically'), h('ul', {}, unrestorable.map((u) => h('li', {}, u)))) : undefined,
    value?.location ? h('p', {}, 'Report: ', h('code', {}, value.location)) : undefined,
    h('details', { open: !steps }, h('summary', {}, 'Raw result'), h('pre', { class: 'code' }, JSON.stringify(value, null, 2))),
  );
}

/** Renders `#/contain`. */
export async function renderContain(view, _params, caller) {
  const type = h('select', { id: 'contain-type', name: 'type' }, ['iam-user', 'iam-role', 'idc-user'].map((t) => h('option', { value: t }, t)));
  const name = h('input', { id: 'contain-name', name: 'name', required: true, autocomplete: 'off' });
  const planForm = h(
    'form',
    { class: 'card', 'aria-labelledby': 'plan-title' },
    h('h2', { id: 'plan-title' }, '1. Plan (dry run, changes nothing)'),
    h('div', { class: 'field' }, h('label', { for: 'contain-type' }, 'Identity type'), type),
    h('div', { class: 'field' }, h('label', { for: 'contain-name' }, 'Name'), name),
    h('button', { type: 'submit', class: 'secondary' }, 'Show plan'),
  );
  const confirmInput = h('input', { id: 'contain-confirm', name: 'confirm', autocomplete: 'off', 'aria-describedby': 'confirm-help' });
  const applyBtn = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Contain now');
  const applyForm = h(
    'form',
    { class: 'card', 'aria-labelledby': 'apply-title', hidden: true },
    h('h2', { id: 'apply-title' }, '2. Confirm and contain'),
    h('p', { id: 'confirm-help' }, 'This cuts the identity off now. Type its name exactly to confirm.'),
    h('div', { class: 'field' }, h('label', { for: 'contain-confirm' }, 'Type the name to confirm'), confirmInput),
    applyBtn,
  );
  const out = h('div', { id: 'contain-result' });
  const reports = h('div', { id: 'contain-reports' });
  const canAct = caller?.role === 'responder' || caller?.role === 'admin';
  replace(view, h('h1', {}, 'Containment'), canAct ? '' : h('p', { class: 'hint' }, 'Your token is a viewer: you can plan but not contain.'), planForm, applyForm, out, h('h2', {}, 'Reports'), reports);

  let planned;
  planForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    planned = { type: type.value, name: name.value.trim() };
    try {
      const plan = await api('/containment/contain', { method: 'POST', body: { ...planned, apply: false } });
      replace(out, resultBlock('Plan', plan));
      applyForm.hidden = !canAct;
      confirmInput.value = '';
      applyBtn.disabled = true;
    } catch (err) {
      replace(out, h('p', { class: 'error' }, describe(err)));
    }
  });
  confirmInput.addEventListener('input', () => {
    applyBtn.disabled = !planned || confirmInput.value !== planned.name;
  });
  applyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!planned || confirmInput.value !== planned.name) return;
    applyBtn.disabled = true;
    try {
      const result = await api('/containment/contain', { method: 'POST', body: { ...planned, apply: true } });
      replace(out, resultBlock('Result', result));
      say(`Contained ${planned.name}.`);
      applyForm.hidden = true;
      await loadReports();
    } catch (err) {
      replace(out, h('p', { class: 'error' }, describe(err)));
    }
  });

  async function loadReports() {
    try {
      const { items } = await api('/containment/reports');
      if (!items.length) {
        replace(reports, h('p', { class: 'hint' }, 'No reports yet.'));
        return;
      }
      const rows = items.map((r) =>
        h(
          'tr',
          { dataset: { execution: r.executionId } },
          h('td', {}, time(r.startedAt)),
          h('td', {}, `${r.target?.type ?? ''} `, h('code', {}, r.target?.name ?? '')),
          h('td', {}, r.status),
          h('td', {}, r.verified === undefined ? '' : String(r.verified)),
          h('td', {}, h('code', {}, r.executionId)),
          h('td', {}, canAct && (r.status === 'contained' || r.status === 'partial' || r.status === 'release-partial') ? h('button', { type: 'button', class: 'small', onclick: () => planRelease(r), 'aria-label': `Release ${r.target?.name}` }, 'Release…') : ''),
        ),
      );
      replace(
        reports,
        h('table', { class: 'grid', id: 'reports-table' }, h('caption', { class: 'sr-only' }, 'Containment reports'), h('thead', {}, h('tr', {}, ['Started', 'Identity', 'Status', 'Verified', 'Execution', ''].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)),
      );
    } catch (err) {
      replace(reports, h('p', { class: 'hint' }, describe(err)));
    }
  }

  // Release: dry-run plan first, then the same typed confirmation as contain.
  async function planRelease(r) {
    try {
      const plan = await api('/containment/release', { method: 'POST', body: { report: r.executionId } });
      const confirm = h('input', { id: 'release-confirm', autocomplete: 'off' });
      const go = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Release now');
      const keys = h('input', { id: 'release-keys', type: 'checkbox' });
      const form = h(
        'form',
        { class: 'card', 'aria-labelledby': 'release-title' },
        h('h2', { id: 'release-title' }, `Release ${r.target?.name}`),
        h('p', {}, 'Restores the identity from its report. Compromised access keys should be replaced, not reactivated.'),
        h('div', { class: 'field' }, h('label', {}, keys, ' Reactivate access keys')),
        h('div', { class: 'field' }, h('label', { for: 'release-confirm' }, 'Type the name to confirm'), confirm),
        go,
      );
      confirm.addEventListener('input', () => (go.disabled = confirm.value !== r.target?.name));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (confirm.value !== r.target?.name) return;
        go.disabled = true;
        try {
          const result = await api('/containment/release', { method: 'POST', body: { report: r.executionId, apply: true, reactivateKeys: keys.checked } });
          replace(out, resultBlock('Release result', result));
          say(`Released ${r.target?.name}.`);
          await loadReports();
        } catch (err) {
          replace(out, h('p', { class: 'error' }, describe(err)));
        }
      });
      replace(out, resultBlock('Release plan', plan), form);
      confirm.focus();
    } catch (err) {
      replace(out, h('p', { class: 'error' }, describe(err)));
    }
  }
  await loadReports();
}
