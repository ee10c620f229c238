/**
 * Remediation and containment. Both are dry-run unless the body says `apply: true`; both answer
 * 501 `not_implemented` while their module is not part of the build.
 */
import type { Route } from '../route.js';
import { ref } from '../schemas.js';
import { actorOf, requirePort } from './helpers.js';
import { azureAlertCli } from '../../actions/azure/alert-cli.js';

const FINDING_BODY = {
  type: 'object', required: ['findingId'], additionalProperties: false,
  properties: { findingId: { type: 'string', pattern: '^[A-Za-z0-9]+$', maxLength: 128 }, strategy: { type: 'string', enum: ['deny', 'trim'] } },
};

/** Routes under `/remediation`, `/permission/alert/remediation` and `/containment`. */
export const ACTION_ROUTES: readonly Route[] = [
  {
    method: 'POST', path: '/remediation/plan', role: 'viewer', tag: 'remediation', operationId: 'planRemediation',
    summary: 'Plan the remediation of a finding (changes nothing): typed steps and AWS CLI commands',
    body: FINDING_BODY, response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { findingId: string; strategy?: string };
      const port = requirePort(ctx.ports.remediation, 'remediation');
      return { body: await port.plan(body.findingId, body.strategy ? { strategy: body.strategy } : {}) };
    },
  },
  {
    method: 'POST', path: '/remediation/apply', role: 'responder', tag: 'remediation', operationId: 'applyRemediation',
    summary: 'Apply the remediation of a finding (proved on the snapshot first; journaled)',
    body: FINDING_BODY, response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { findingId: string; strategy?: string };
      const port = requirePort(ctx.ports.remediation, 'remediation');
      return { body: await port.apply(body.findingId, { ...(body.strategy ? { strategy: body.strategy } : {}), actor: actorOf(ctx.caller).actor }) };
    },
  },
  {
    method: 'POST', path: '/remediation/rollback', role: 'responder', tag: 'remediation', operationId: 'rollbackRemediation',
    summary: 'Undo exactly what an applied remediation did (from its journal)',
    body: { type: 'object', required: ['findingId'], additionalProperties: false, properties: { findingId: FINDING_BODY.properties.findingId } },
    response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { findingId: string };
      const port = requirePort(ctx.ports.remediation, 'remediation');
      return { body: await port.rollback(body.findingId, { actor: actorOf(ctx.caller).actor }) };
    },
  },
  {
    method: 'POST', path: '/permission/alert/remediation', role: 'viewer', tag: 'remediation', operationId: 'alertRemediationCli',
    summary: 'Seed-compatible: AWS CLI remediation script per alert/finding id',
    body: { type: 'object', required: ['alerts'], additionalProperties: false, properties: { alerts: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 128 } } } },
    response: {
      type: 'object', required: ['alertIdVsCliScript', 'cliDescription'],
      properties: { alertIdVsCliScript: { type: 'object', additionalProperties: { type: 'string' } }, cliDescription: { type: 'string' } },
    },
    async handler(ctx) {
      const alerts = (ctx.body as { alerts: string[] }).alerts;
      // A build without remediation answers 501 before any lookup.
      const remediation = requirePort(ctx.ports.remediation, 'remediation');
      // Azure findings answer with az CLI text from the finding itself; the rest go to the AWS port.
      const azure: Record<string, string> = {};
      for (const id of alerts) {
        const f = /^[A-Za-z0-9]+$/.test(id) ? await ctx.ports.findings.get(id) : undefined;
        if (f?.details?.cloud === 'azure') azure[id] = azureAlertCli(f);
      }
      const rest = alerts.filter((id) => !(id in azure));
      const aws = rest.length ? await remediation.cliForAlerts(rest) : { alertIdVsCliScript: {}, cliDescription: '' };
      const azureText = Object.keys(azure).length ? 'Azure CLI (az) commands that remove the role assignment enabling each Azure finding.' : '';
      return { body: { alertIdVsCliScript: { ...aws.alertIdVsCliScript, ...azure }, cliDescription: [aws.cliDescription, azureText].filter(Boolean).join(' ') } };
    },
  },
  {
    method: 'POST', path: '/containment/contain', role: 'responder', tag: 'containment', operationId: 'contain',
    summary: 'Contain a compromised identity (dry-run unless `apply: true`)',
    body: {
      type: 'object', required: ['type', 'name'], additionalProperties: false,
      properties: { type: { type: 'string', enum: ['iam-user', 'iam-role', 'idc-user'] }, name: { type: 'string', minLength: 1, maxLength: 128 }, apply: { type: 'boolean', default: false } },
    },
    response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { type: 'iam-user' | 'iam-role' | 'idc-user'; name: string; apply?: boolean };
      const port = requirePort(ctx.ports.containment, 'containment');
      return { body: await port.contain({ type: body.type, name: body.name, apply: body.apply === true, actor: actorOf(ctx.caller).actor }) };
    },
  },
  {
    method: 'POST', path: '/containment/release', role: 'responder', tag: 'containment', operationId: 'release',
    summary: 'Release a contained identity from its report (dry-run unless `apply: true`)',
    body: {
      type: 'object', required: ['report'], additionalProperties: false,
      properties: { report: { type: 'string', minLength: 1, maxLength: 300, description: 'execution id or report key, as listed by GET /containment/reports' }, apply: { type: 'boolean' }, reactivateKeys: { type: 'boolean' } },
    },
    response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { report: string; apply?: boolean; reactivateKeys?: boolean };
      const port = requirePort(ctx.ports.containment, 'containment');
      return { body: await port.release({ report: body.report, apply: body.apply === true, reactivateKeys: body.reactivateKeys === true, actor: actorOf(ctx.caller).actor }) };
    },
  },
  {
    method: 'GET', path: '/containment/reports', role: 'viewer', tag: 'containment', operationId: 'listContainmentReports',
    summary: 'List containment reports',
    response: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Anything') } } },
    async handler(ctx) {
      const port = requirePort(ctx.ports.containment, 'containment');
      return { body: { items: await port.reports() } };
    },
  },
];
