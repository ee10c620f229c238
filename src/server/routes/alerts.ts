/**
 * Alerts from detection rules, one per CloudTrail event with the rules it matched: list
 * (filtered by severity, any of its rules, account, actor; paged) and show.
 */
import { SEVERITIES, type Severity } from '../../model/finding.js';
import type { Route } from '../route.js';
import { pageOf, ref } from '../schemas.js';
import { found, limitOf, PAGING } from './helpers.js';

/** Routes under `/alerts`. */
export const ALERT_ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/alerts', role: 'viewer', tag: 'alerts', operationId: 'listAlerts',
    summary: 'List alerts (one per event, with every rule it matched), newest event first',
    query: [
      { name: 'severity', description: 'severity of the alert (its top rule)', schema: { type: 'string', enum: SEVERITIES } },
      { name: 'ruleId', description: 'alerts whose event matched this detection rule (among others)', schema: { type: 'string' } },
      { name: 'accountId', description: 'AWS account id', schema: { type: 'string' } },
      { name: 'actor', description: 'ARN of the caller (userIdentity)', schema: { type: 'string' } },
      ...PAGING,
    ],
    response: pageOf('Alert'),
    async handler(ctx) {
      const q = ctx.query;
      return {
        body: await ctx.ports.alerts.list({
          severity: q.severity as Severity | undefined,
          ruleId: q.ruleId as string | undefined,
          accountId: q.accountId as string | undefined,
          actor: q.actor as string | undefined,
          limit: limitOf(ctx),
          cursor: q.cursor as string | undefined,
        }),
      };
    },
  },
  {
    method: 'GET', path: '/alerts/{id}', role: 'viewer', tag: 'alerts', operationId: 'getAlert',
    summary: 'Show one alert with its CloudTrail event', response: ref('Alert'),
    async handler(ctx) {
      const id = ctx.params.id!;
      return { body: found(await ctx.ports.alerts.get(id), 'alert', id) };
    },
  },
];
