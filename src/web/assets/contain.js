// Containment: plan (dry run) first, then apply only after typing the principal's name.
import { api, ApiError } from './api.js';
import { h, replace, say } from './dom.js';

function describe(err) {
  if (err instanceof ApiError && err.code === 'not_implemented') return 'Containment is not available in this build.';
  return err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
}

// A containment outcome: its steps as a list (description + status), verification, location,
// and the raw JSON behind a disclosure.
function resultBlock(title, value) {
  const report = value?.report;
  const steps = Array.isArray(report?.steps) ? report.steps : undefined;
  return h(
    'section',
    {},
    h('h2', {}, title),
    report?.target ? h('p', {}, `${report.target.type} `, h('code', {}, report.target.name), value.dryRun ? ' — dry run: nothing was changed.' : ` — ${report.status ?? ''}`) : undefined,
    steps ? h('ol', { class: 'steps', id: 'contain-steps' }, steps.map((s) => h('li', {}, s.description ?? s.spec?.kind ?? 'step', s.status && s.status !== 'pending' ? h('span', { class: 'hint' }, ` (${s.status}${s.error ? `: ${s.error.message}` : ''})`) : ''))) : undefined,
    report?.verification ? h('p', {}, 'Verified: ', h('strong', {}, String(report.verification.verified))) : undefined,
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
      replace(reports, items.length ? h('ul', {}, items.map((r) => h('li', {}, h('code', {}, typeof r === 'string' ? r : r.key ?? r.executionId ?? JSON.stringify(r))))) : h('p', { class: 'hint' }, 'No reports yet.'));
    } catch (err) {
      replace(reports, h('p', { class: 'hint' }, describe(err)));
    }
  }
  await loadReports();
}
