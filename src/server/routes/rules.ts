/**
 * Archive rules: CRUD and apply (admin writes, viewers read).
 */
import type { ArchiveRuleInput, ArchiveRuleUpdate } from '../ports.js';
import type { Route } from '../route.js';
import { ref } from '../schemas.js';
import { actorOf, found } from './helpers.js';

/** Routes under `/archive-rules`. */
export const RULE_ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/archive-rules', role: 'viewer', tag: 'archive-rules', operationId: 'listArchiveRules',
    summary: 'List archive rules',
    response: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('ArchiveRule') } } },
    async handler(ctx) {
      return { body: { items: await ctx.ports.rules.list() } };
    },
  },
  {
    method: 'POST', path: '/archive-rules', role: 'admin', tag: 'archive-rules', operationId: 'createArchiveRule',
    summary: 'Create an archive rule', body: ref('ArchiveRuleInput'), response: ref('ArchiveRule'), successStatus: 201,
    async handler(ctx) {
      return { status: 201, body: await ctx.ports.rules.create(ctx.body as ArchiveRuleInput, actorOf(ctx.caller)) };
    },
  },
  {
    method: 'GET', path: '/archive-rules/{id}', role: 'viewer', tag: 'archive-rules', operationId: 'getArchiveRule',
    summary: 'Show one archive rule', response: ref('ArchiveRule'),
    async handler(ctx) {
      const id = ctx.params.id!;
      return { body: found(await ctx.ports.rules.get(id), 'archive rule', id) };
    },
  },
  {
    method: 'PUT', path: '/archive-rules/{id}', role: 'admin', tag: 'archive-rules', operationId: 'updateArchiveRule',
    summary: "Replace an archive rule's filter (the name is its id)", body: ref('ArchiveRuleUpdate'), response: ref('ArchiveRule'),
    async handler(ctx) {
      return { body: await ctx.ports.rules.update(ctx.params.id!, ctx.body as ArchiveRuleUpdate, actorOf(ctx.caller)) };
    },
  },
  {
    method: 'DELETE', path: '/archive-rules/{id}', role: 'admin', tag: 'archive-rules', operationId: 'deleteArchiveRule',
    summary: 'Delete an archive rule', response: { type: 'object', properties: { deleted: { type: 'string' } } },
    async handler(ctx) {
      await ctx.ports.rules.remove(ctx.params.id!, actorOf(ctx.caller));
      return { body: { deleted: ctx.params.id } };
    },
  },
  {
    method: 'POST', path: '/archive-rules/{id}/apply', role: 'admin', tag: 'archive-rules', operationId: 'applyArchiveRule',
    summary: 'Apply an archive rule to current ACTIVE findings',
    response: { type: 'object', required: ['archived'], properties: { archived: { type: 'array', items: { type: 'string' } } } },
    async handler(ctx) {
      return { body: await ctx.ports.rules.apply(ctx.params.id!, actorOf(ctx.caller)) };
    },
  },
];
