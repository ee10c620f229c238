/**
 * Findings: list with filters and paging, show, archive, unarchive.
 */
import { FINDING_STATUSES, SEVERITIES, type FindingStatus, type FindingType, type Severity } from '../../model/finding.js';
import type { Route } from '../route.js';
import { pageOf, ref } from '../schemas.js';
import { actorOf, found, limitOf, PAGING } from './helpers.js';

/** Finding families accepted by the `type` filter. */
export const FINDING_TYPES = [
  'PrivilegeEscalation', 'RiskyPermission', 'ExternalAccess', 'PublicAccess', 'ConfusedDeputy',
  'UnusedRole', 'UnusedAccessKey', 'UnusedPassword', 'UnusedPermission', 'PolicyValidation',
] as const satisfies readonly FindingType[];

const REASON_BODY = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } };

/** Routes under `/findings`. */
export const FINDING_ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/findings', role: 'viewer', tag: 'findings', operationId: 'listFindings',
    summary: 'List findings, newest first, filtered and paged',
    query: [
      { name: 'status', description: 'lifecycle status', schema: { type: 'string', enum: FINDING_STATUSES } },
      { name: 'type', description: 'finding family', schema: { type: 'string', enum: FINDING_TYPES } },
      { name: 'severity', description: 'severity', schema: { type: 'string', enum: SEVERITIES } },
      { name: 'accountId', description: '12-digit AWS account id', schema: { type: 'string' } },
      ...PAGING,
    ],
    response: pageOf('Finding'),
    async handler(ctx) {
      const q = ctx.query;
      const page = await ctx.ports.findings.list({
        status: q.status as FindingStatus | undefined,
        type: q.type as FindingType | undefined,
        severity: q.severity as Severity | undefined,
        accountId: q.accountId as string | undefined,
        limit: limitOf(ctx),
        cursor: q.cursor as string | undefined,
      });
      return { body: page };
    },
  },
  {
    method: 'GET', path: '/findings/{id}', role: 'viewer', tag: 'findings', operationId: 'getFinding',
    summary: 'Show one finding with its evidence, path and remediation',
    response: ref('Finding'),
    async handler(ctx) {
      const id = ctx.params.id!;
      return { body: found(await ctx.ports.findings.get(id), 'finding', id) };
    },
  },
  {
    method: 'GET', path: '/findings/{id}/history', role: 'viewer', tag: 'findings', operationId: 'getFindingHistory',
    summary: 'Status changes of a finding, oldest first: scans, archive/unarchive, archive rules, with who and when',
    response: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('StatusEvent') } } },
    async handler(ctx) {
      const id = ctx.params.id!;
      found(await ctx.ports.findings.get(id), 'finding', id);
      return { body: { items: await ctx.ports.findings.history(id) } };
    },
  },
  {
    method: 'POST', path: '/findings/{id}/archive', role: 'responder', tag: 'findings', operationId: 'archiveFinding',
    summary: 'Archive a finding (it stays archived across scans)',
    body: REASON_BODY,
    response: ref('Finding'),
    async handler(ctx) {
      const reason = (ctx.body as { reason?: string } | undefined)?.reason;
      return { body: await ctx.ports.findings.archive(ctx.params.id!, actorOf(ctx.caller, reason)) };
    },
  },
  {
    method: 'POST', path: '/findings/{id}/unarchive', role: 'responder', tag: 'findings', operationId: 'unarchiveFinding',
    summary: 'Unarchive a finding (back to ACTIVE)',
    body: REASON_BODY,
    response: ref('Finding'),
    async handler(ctx) {
      const reason = (ctx.body as { reason?: string } | undefined)?.reason;
      return { body: await ctx.ports.findings.unarchive(ctx.params.id!, actorOf(ctx.caller, reason)) };
    },
  },
];
