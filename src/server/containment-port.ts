/**
 * Containment through the actions layer (`src/actions/contain/`): dry-run unless `apply`, reports
 * written to the server's report sink, releases addressed by execution id or report key (never
 * by an arbitrary path, so a token cannot make the server read other files).
 */
import { randomBytes } from 'node:crypto';
import { containPrincipal, releasePrincipal, type ContainmentGateway } from '../actions/contain/index.js';
import { isExecutionId } from '../actions/report/key.js';
import type { ContainmentReport } from '../actions/report/report.js';
import type { ReportSink } from '../actions/report/sink.js';
import { evaluateRequest } from '../engine/index.js';
import { NotFoundError } from '../model/errors.js';
import type { ContainmentPort } from './ports.js';

/** A short listing entry for a report. */
export interface ReportSummary {
  key: string;
  executionId: string;
  target: ContainmentReport['target'];
  status: ContainmentReport['status'];
  startedAt: string;
  updatedAt: string;
  verified?: boolean;
}

/** What the containment port needs. */
export interface ContainmentDeps {
  gateway: () => ContainmentGateway;
  sink: ReportSink;
  /** Every report key in the sink, newest first. */
  listKeys: () => Promise<string[]>;
  clock?: () => string;
  progress?: (line: string) => void;
}

/** Summarises a report for `GET /containment/reports`. */
export function summarise(report: ContainmentReport): ReportSummary {
  const s: ReportSummary = { key: report.key, executionId: report.executionId, target: report.target, status: report.status, startedAt: report.startedAt, updatedAt: report.updatedAt };
  if (report.verification) s.verified = report.verification.verified;
  return s;
}

/** IAM tag values allow letters, digits, spaces and `_.:/=+-@` up to 256 characters. */
function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, '_').slice(0, 256);
}

/** The containment port over the actions layer. */
export function actionsContainmentPort(deps: ContainmentDeps): ContainmentPort {
  const clock = deps.clock ?? (() => new Date().toISOString());
  const find = async (ref: string): Promise<ContainmentReport> => {
    const key = isExecutionId(ref) ? await deps.sink.find(ref) : ref;
    const report = key ? await deps.sink.read(key) : undefined;
    if (!report) throw new NotFoundError('containment report', ref);
    return report;
  };
  return {
    async contain(req) {
      const outcome = await containPrincipal(
        { target: { type: req.type, name: req.name }, apply: req.apply, tags: { 'cordon:actor': tagValue(req.actor) }, bucketAccess: [] },
        { gateway: deps.gateway(), sink: deps.sink, clock, randomHex: () => randomBytes(4).toString('hex'), evaluate: evaluateRequest, ...(deps.progress ? { progress: deps.progress } : {}) },
      );
      return outcome;
    },
    async release(req) {
      const report = await find(req.report);
      const outcome = await releasePrincipal(report, { apply: req.apply, reactivateKeys: req.reactivateKeys, recreateLoginProfile: false }, { gateway: deps.gateway(), sink: deps.sink, clock, ...(deps.progress ? { progress: deps.progress } : {}) });
      return { ...outcome, location: deps.sink.locate(report.key) };
    },
    async reports() {
      const out: ReportSummary[] = [];
      for (const key of await deps.listKeys()) {
        const report = await deps.sink.read(key).catch(() => undefined);
        if (report) out.push(summarise(report));
      }
      return out;
    },
  };
}
