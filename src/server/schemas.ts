/**
 * JSON Schemas shared by the route table (validation of bodies) and the OpenAPI document.
 * Response schemas are descriptive (not enforced); request schemas are enforced by the router.
 */
import { FINDING_STATUSES, SEVERITIES } from '../model/finding.js';
import type { JsonSchema } from './route.js';
import { ROLES } from './ports.js';

/** `$ref` to a component schema. */
export function ref(name: keyof typeof SCHEMAS): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** A page of `item` objects with an optional `nextCursor`. */
export function pageOf(name: keyof typeof SCHEMAS): JsonSchema {
  return { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref(name) }, nextCursor: { type: 'string' } } };
}

const ANY_OBJECT: JsonSchema = { type: 'object', additionalProperties: true };

/** Component schemas of the OpenAPI document. */
export const SCHEMAS = {
  Error: {
    type: 'object',
    required: ['code', 'message', 'errors'],
    properties: {
      code: { type: 'string', description: 'stable machine-readable code, e.g. `not_found`' },
      message: { type: 'string' },
      errors: { type: 'array', items: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, file: { type: 'string' }, pointer: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' } } } },
    },
  },
  Finding: {
    type: 'object',
    required: ['id', 'type', 'severity', 'status', 'title', 'accountId', 'resource', 'resourceType', 'evidence', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
      type: { type: 'string' },
      severity: { type: 'string', enum: [...SEVERITIES] },
      status: { type: 'string', enum: [...FINDING_STATUSES] },
      title: { type: 'string' },
      accountId: { type: 'string' },
      resource: { type: 'string' },
      resourceType: { type: 'string' },
      principal: {},
      actions: { type: 'array', items: { type: 'string' } },
      evidence: { type: 'array', items: ANY_OBJECT },
      path: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, method: { type: 'string' }, description: { type: 'string' }, actions: { type: 'array', items: { type: 'string' } } } } },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      remediation: { type: 'object', properties: { planId: { type: 'string' }, cli: { type: 'string' } } },
    },
  },
  Alert: {
    type: 'object',
    required: ['id', 'ruleId', 'severity', 'rules', 'eventId', 'eventTime', 'eventName'],
    properties: {
      id: { type: 'string', description: 'derived from eventId: one alert per CloudTrail event' },
      ruleId: { type: 'string', description: 'the top rule of `rules`' },
      severity: { type: 'string', enum: [...SEVERITIES], description: 'the highest severity of `rules`' },
      rules: {
        type: 'array',
        description: 'every rule the event matched, highest severity first',
        items: { type: 'object', required: ['id', 'severity', 'summary'], properties: { id: { type: 'string' }, severity: { type: 'string', enum: [...SEVERITIES] }, summary: { type: 'string' } } },
      },
      findings: {
        type: 'array',
        description: 'findings the event created (new-escalation-path, new-external-access); `id` is the finding id of /findings/{id}',
        items: { type: 'object', required: ['id', 'type', 'title', 'resource'], properties: { id: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' }, resource: { type: 'string' }, ruleId: { type: 'string' }, principal: {}, path: { type: 'array', items: ANY_OBJECT } } },
      },
      eventId: { type: 'string' },
      eventTime: { type: 'string' },
      eventName: { type: 'string' },
      eventSource: { type: 'string' },
      accountId: { type: 'string' },
      region: { type: 'string' },
      actor: { type: 'string' },
      summary: { type: 'string' },
      event: ANY_OBJECT,
    },
  },
  StatusEvent: {
    type: 'object',
    required: ['findingId', 'at', 'change', 'to', 'by'],
    properties: {
      findingId: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      change: { type: 'string' },
      from: { type: 'string', nullable: true },
      to: { type: 'string', enum: [...FINDING_STATUSES] },
      by: { type: 'string', enum: ['scan', 'user', 'rule'] },
      actor: { type: 'string' },
      scanId: { type: 'string' },
      ruleName: { type: 'string' },
      reason: { type: 'string' },
    },
  },
  Scan: { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: true },
  ArchiveRule: { type: 'object', required: ['id', 'filter'], properties: { id: { type: 'string' }, name: { type: 'string' }, filter: {} }, additionalProperties: true },
  ArchiveRuleInput: {
    type: 'object',
    required: ['name', 'filter'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, description: { type: 'string', maxLength: 2000 }, filter: { description: 'archive-rule filter (see docs/api.md)' } },
  },
  ArchiveRuleUpdate: {
    type: 'object',
    required: ['filter'],
    additionalProperties: false,
    properties: { description: { type: 'string', maxLength: 2000 }, filter: { description: 'archive-rule filter (see docs/api.md)' } },
  },
  Token: {
    type: 'object',
    required: ['id', 'name', 'role', 'createdAt'],
    properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, createdAt: { type: 'string' }, lastUsedAt: { type: 'string' }, revokedAt: { type: 'string' } },
  },
  Anything: ANY_OBJECT,
} satisfies Record<string, JsonSchema>;
