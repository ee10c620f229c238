/**
 * Engine cases as data (`test/cases/engine/*.json`): the case format (a TS type and the JSON
 * schema it is validated against on load), the loader, and the conversion of a case into the
 * engine's public input (`EvaluationInput` + `AuthorizationRequest`).
 *
 * One case is one behaviour; `source` says where its expected decision came from (an AWS
 * documentation page and section, or `hand derivation: <reasoning>`). Expected values never come
 * from running the engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parsePolicy } from '../../src/model/policy/index.js';
import type { Policy, PolicyType } from '../../src/model/policy/index.js';
import type { AuthorizationRequest, Decision, EvaluationInput, PrincipalFacts } from '../../src/engine/index.js';

/** A raw policy document as it appears in a case. */
export type PolicyDocument = Record<string, unknown>;

/** Policies of a case, grouped by the role they play in the decision. */
export interface CasePolicies {
  identity?: PolicyDocument[];
  /** Resource-based policy of the requested resource. */
  resource?: PolicyDocument;
  /** Role trust policy (the resource policy of the role, for `sts:AssumeRole*`). */
  trust?: PolicyDocument;
  boundary?: PolicyDocument;
  /** SCPs per organization level, root first, account last. */
  scps?: PolicyDocument[][];
  /** RCPs per level of the resource owner's OU path. */
  rcps?: PolicyDocument[][];
  session?: PolicyDocument[];
}

/** One engine case. */
export interface EngineCase {
  name: string;
  source: string;
  request: {
    principal: string;
    action: string;
    resource: string;
    resourceAccount?: string;
    context?: Record<string, string | string[]>;
    /** Keys the caller does not know (three-valued mode), or `all-missing`. */
    unknownKeys?: string[] | 'all-missing';
  };
  /** Facts about the caller beyond its ARN (account defaults to the ARN's account). */
  principal?: Omit<PrincipalFacts, 'arn' | 'account'> & { account?: string };
  resourceTags?: Record<string, string>;
  resourceOrgId?: string;
  policies: CasePolicies;
  expected: Decision;
  /** Checked when present: `possible` for decisions that hold only for some unknown-key values. */
  expectedCertainty?: 'certain' | 'possible';
  /** Marks a known engine bug: the test is reported as todo with this reason (keeps the suite green). */
  todo?: string;
}

/** A case file: a description and its cases. */
export interface EngineCaseFile {
  description: string;
  cases: EngineCase[];
}

const doc = { type: 'object', required: ['Statement'] };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** JSON schema of a case file (validated by `loadEngineCases`). */
export const ENGINE_CASE_FILE_SCHEMA = {
  type: 'object',
  required: ['description', 'cases'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string', minLength: 1 },
    cases: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'source', 'request', 'policies', 'expected'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
          source: { type: 'string', pattern: '^(https://docs\\.aws\\.amazon\\.com/|hand derivation: )' },
          request: {
            type: 'object',
            required: ['principal', 'action', 'resource'],
            additionalProperties: false,
            properties: {
              principal: { type: 'string' },
              action: { type: 'string' },
              resource: { type: 'string' },
              resourceAccount: { type: 'string', pattern: '^\\d{12}$' },
              context: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
              unknownKeys: { anyOf: [{ const: 'all-missing' }, { type: 'array', items: { type: 'string' } }] },
            },
          },
          principal: {
            type: 'object',
            additionalProperties: false,
            properties: {
              account: { type: 'string' },
              serviceLinked: { type: 'boolean' },
              managementAccount: { type: 'boolean' },
              tags: stringMap,
              orgId: { type: 'string' },
              orgPath: { type: 'string' },
              userId: { type: 'string' },
            },
          },
          resourceTags: stringMap,
          resourceOrgId: { type: 'string' },
          policies: {
            type: 'object',
            additionalProperties: false,
            properties: {
              identity: { type: 'array', items: doc },
              resource: doc,
              trust: doc,
              boundary: doc,
              scps: { type: 'array', items: { type: 'array', items: doc } },
              rcps: { type: 'array', items: { type: 'array', items: doc } },
              session: { type: 'array', items: doc },
            },
          },
          expected: { enum: ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'] },
          expectedCertainty: { enum: ['certain', 'possible'] },
          todo: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

/** Folder holding the case files. */
export const ENGINE_CASES_DIR = join(import.meta.dirname, '..', 'cases', 'engine');

/** Loads and validates every case file; throws naming the file and the schema error. */
export function loadEngineCases(dir = ENGINE_CASES_DIR): { file: string; data: EngineCaseFile }[] {
  const validate = new Ajv({ allErrors: true }).compile<EngineCaseFile>(ENGINE_CASE_FILE_SCHEMA);
  const out: { file: string; data: EngineCaseFile }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!validate(data)) throw new Error(`${file}: ${JSON.stringify(validate.errors)}`);
    out.push({ file, data });
  }
  return out;
}

/** Account id of an ARN (5th colon-separated field). */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function parse(caseName: string, role: string, type: PolicyType, document: PolicyDocument): Policy {
  return parsePolicy(document, { id: `${caseName}#${role}`, type, source: `test/cases/engine (${caseName})` });
}

/** Turns a case into the engine's input and request. */
export function caseToEngine(c: EngineCase): { input: EvaluationInput; request: AuthorizationRequest } {
  const p = c.policies;
  const { account, ...facts } = c.principal ?? {};
  const principal: PrincipalFacts = { arn: c.request.principal, account: account ?? accountOf(c.request.principal), ...facts };
  const input: EvaluationInput = {
    identity: (p.identity ?? []).map((d, i) => parse(c.name, `identity/${i}`, 'identity', d)),
    principal,
  };
  if (p.resource && p.trust) throw new Error(`${c.name}: a case has a resource policy or a trust policy, not both`);
  if (p.resource) input.resourcePolicy = parse(c.name, 'resource', 'resource', p.resource);
  if (p.trust) input.resourcePolicy = parse(c.name, 'trust', 'trust', p.trust);
  if (p.boundary) input.boundary = parse(c.name, 'boundary', 'boundary', p.boundary);
  if (p.scps) input.scps = p.scps.map((level, l) => level.map((d, i) => parse(c.name, `scp/${l}/${i}`, 'scp', d)));
  if (p.rcps) input.rcps = p.rcps.map((level, l) => level.map((d, i) => parse(c.name, `rcp/${l}/${i}`, 'rcp', d)));
  if (p.session) input.sessionPolicies = p.session.map((d, i) => parse(c.name, `session/${i}`, 'session', d));
  if (c.resourceTags) input.resourceTags = c.resourceTags;
  if (c.resourceOrgId) input.resourceOrgId = c.resourceOrgId;
  const request: AuthorizationRequest = { principal: c.request.principal, action: c.request.action, resource: c.request.resource };
  if (c.request.resourceAccount) request.resourceAccount = c.request.resourceAccount;
  if (c.request.context) request.context = c.request.context;
  if (c.request.unknownKeys) request.unknownKeys = c.request.unknownKeys;
  return { input, request };
}
