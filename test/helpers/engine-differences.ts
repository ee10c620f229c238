/**
 * The documented classes of disagreement between Cordon's engine and `@cloud-copilot/iam-simulate`
 * (docs/engine-differences.md explains each one with the AWS documentation that decides it). The
 * differential test fails on any disagreement no class explains.
 */
import { cordonDecision, cordonInput, simulateDecision, type Disagreement, type Scenario } from './engine-differential.js';

/** One documented class of disagreement. */
export interface DifferenceClass {
  id: string;
  /** Short statement of who is right and why (the doc section has the citation). */
  summary: string;
  /** Whether the scenario contains what this class is about. */
  triggered(d: Disagreement): boolean;
  /** Rewrites a copy of the scenario to remove the trigger (the same rewrite for both engines). */
  rewrite(d: Disagreement, s: Scenario): void;
}

function agreesAfter(d: Disagreement, classes: readonly DifferenceClass[]): boolean {
  const s: Scenario = structuredClone(d.scenario);
  for (const c of classes) c.rewrite(d, s);
  return cordonDecision(s, cordonInput(s), d.request) === simulateDecision(s, d.request);
}

/**
 * The class (or `a+b` classes) explaining a disagreement: its trigger is present AND removing the
 * trigger makes both engines agree on that very request, so a class can never hide an unrelated
 * disagreement in the same scenario. When one class alone is not enough (two triggers in one
 * scenario), all triggered classes are removed together.
 */
export function explainDisagreement(d: Disagreement): string | undefined {
  const triggered = DIFFERENCE_CLASSES.filter((c) => c.triggered(d));
  const single = triggered.find((c) => agreesAfter(d, [c]));
  if (single) return single.id;
  if (triggered.length > 1 && agreesAfter(d, triggered)) return triggered.map((c) => c.id).join('+');
  return undefined;
}

function everyStatement(s: Scenario, fn: (st: Record<string, unknown>) => void): void {
  const docs = [...s.identity, s.boundary, s.session, s.resourcePolicy, ...(s.scps ?? []).flat(), ...(s.rcps ?? []).flat()];
  for (const doc of docs) for (const st of doc?.Statement ?? []) fn(st);
}

type Statement = Record<string, unknown>;

function statements(d: Disagreement): Statement[] {
  const s = d.scenario;
  const docs = [...s.identity, s.boundary, s.session, s.resourcePolicy, ...(s.scps ?? []).flat(), ...(s.rcps ?? []).flat()];
  return docs.flatMap((doc) => doc?.Statement ?? []);
}

function strings(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? (v as string[]) : [];
}

/** The entities AWS may check for a caller: its account, its role (for a session) and itself. */
function callerChain(arn: string): string[] {
  const parts = arn.split(':');
  const account = parts[4] ?? '';
  const chain = [`arn:aws:iam::${account}:root`, account, arn];
  const res = parts[5] ?? '';
  if (res.startsWith('assumed-role/')) chain.push(`arn:aws:iam::${account}:role/${res.split('/')[1]}`);
  return chain;
}

const EPOCH = /^\d{9,10}$/;

/** Rewrites epoch-second values of Date* conditions to the same instant in ISO 8601. */
function epochToIso(st: Record<string, unknown>): void {
  const cond = st['Condition'] as Record<string, Record<string, unknown>> | undefined;
  for (const [op, block] of Object.entries(cond ?? {})) {
    if (!/date/i.test(op)) continue;
    for (const [k, v] of Object.entries(block)) {
      block[k] = typeof v === 'string' && EPOCH.test(v) ? new Date(Number(v) * 1000).toISOString().replace('.000Z', 'Z') : v;
    }
  }
}

function hasEpochDate(st: Record<string, unknown>): boolean {
  const cond = st['Condition'] as Record<string, Record<string, unknown>> | undefined;
  return Object.entries(cond ?? {}).some(([op, block]) => /date/i.test(op) && Object.values(block).some((v) => strings(v).some((x) => EPOCH.test(x))));
}

/** A Principal element that names the session itself: its ARN, or "*". */
function namesSession(v: unknown, sessionArn: string): boolean {
  if (v === '*') return true;
  const aws = typeof v === 'object' && v !== null ? strings((v as Record<string, unknown>)['AWS']) : [];
  return aws.includes('*') || aws.includes(sessionArn);
}

/** Every documented difference class, most specific first. */
export const DIFFERENCE_CLASSES: readonly DifferenceClass[] = [
  {
    id: 'session-policy-vs-direct-session-grant',
    summary:
      'A role session with a session policy, granted by a resource policy naming the session ARN (or "*"): AWS documents that a grant naming the session ARN is not limited by session policies (grants to the role ARN are); Cordon follows that, iam-simulate limits it.',
    triggered: (d) =>
      d.scenario.caller === 'session' && d.scenario.session !== undefined && (d.scenario.resourcePolicy?.Statement ?? []).some((st) => st['Effect'] === 'Allow' && namesSession(st['Principal'], d.callerArn)),
    rewrite: (d, s) => {
      const role = callerChain(d.callerArn)[3]!;
      for (const st of s.resourcePolicy?.Statement ?? []) if (st['Effect'] === 'Allow' && namesSession(st['Principal'], d.callerArn)) st['Principal'] = { AWS: role };
    },
  },
  {
    id: 'epoch-date-in-policy',
    summary:
      'A Date* condition value written as epoch seconds in the policy: AWS documents epoch (UNIX) time as a valid date value; Cordon compares it as seconds, iam-simulate does not read it as that instant. Cordon is right.',
    triggered: (d) => statements(d).some(hasEpochDate),
    rewrite: (_d, s) => everyStatement(s, epochToIso),
  },
  {
    id: 'notprincipal-partial-chain',
    summary:
      "A Deny with NotPrincipal naming only part of the caller's chain (its ARN without its account, or its account without its ARN): AWS documents that the not-denied principal's account ARN must be listed too and that AWS may check the account, then the role, then the session; Cordon exempts the caller only when the whole chain is listed, iam-simulate when any part is.",
    triggered: (d) => {
      const chain = callerChain(d.callerArn);
      return statements(d).some((st) => {
        const listed = strings((st['NotPrincipal'] as Record<string, unknown> | undefined)?.['AWS']);
        return listed.some((v) => chain.includes(v)) && !chain.every((c) => listed.includes(c) || (c.endsWith(':root') && listed.includes(c.split(':')[4]!)));
      });
    },
    rewrite: (d, s) => {
      const chain = callerChain(d.callerArn);
      everyStatement(s, (st) => {
        const np = st['NotPrincipal'] as Record<string, unknown> | undefined;
        if (np && typeof np === 'object' && strings(np['AWS']).some((v) => chain.includes(v))) np['AWS'] = [...new Set([...strings(np['AWS']), ...chain])];
      });
    },
  },
];
