/**
 * `contain`: record → plan → journal → run steps → re-read → verify. Crash-safe: the report
 * (initial configuration + every planned step) is written before the first mutation and again
 * after every step; re-running with the same execution id resumes from the report, skipping the
 * steps it shows as done. A failed step does not stop the others: containing most of an identity
 * beats containing none of it, and the report says exactly what failed.
 */
import { RefusedError } from '../../model/errors.js';
import { assertExecutionId, defaultExecutionId, reportKey } from '../report/key.js';
import { assertNoSecrets, type ContainmentReport } from '../report/report.js';
import type { ReportSink } from '../report/sink.js';
import type { PrincipalConfiguration } from './config.js';
import type { ContainmentGateway } from './gateway.js';
import { runSteps } from '../steps/run.js';
import { containKind, type ContainContext } from './handlers.js';
import { planContainment } from './plan.js';
import { readConfiguration, type TargetRef } from './read-config.js';
import { pendingRecords } from './steps.js';
import { loadEngineEvaluator, verifyContainment, type Evaluator } from './verify.js';

/** What `contain` is asked to do. */
export interface ContainRequest {
  target: TargetRef;
  apply: boolean;
  executionId?: string;
  tags: Record<string, string>;
  bucketAccess: string[];
}

/** What `contain` uses to reach the world. */
export interface ContainDeps {
  gateway: ContainmentGateway;
  /** Required with `apply`. */
  sink?: ReportSink;
  clock: () => string;
  randomHex: () => string;
  /** The engine's `evaluateRequest` (injectable for tests); verification marks the engine check unavailable without it. */
  evaluate?: Evaluator;
  progress?: (line: string) => void;
}

/** What `contain` returns. */
export interface ContainOutcome {
  report: ContainmentReport;
  /** Where the report was written (apply only). */
  location?: string;
  dryRun: boolean;
  resumed: boolean;
}

/** Contains a principal (or, without `apply`, returns the plan without changing anything). */
export async function containPrincipal(request: ContainRequest, deps: ContainDeps): Promise<ContainOutcome> {
  const startedAt = deps.clock();
  const executionId = assertExecutionId(request.executionId ?? defaultExecutionId(startedAt, deps.randomHex()));
  const log = deps.progress ?? (() => {});
  if (request.apply && !deps.sink) throw new RefusedError('--apply needs a report location (--report-bucket or --report-dir): the report is the journal release relies on');

  let report: ContainmentReport | undefined;
  let resumed = false;
  if (request.apply && deps.sink) {
    await deps.sink.prepare();
    const existingKey = request.executionId ? await deps.sink.find(executionId) : undefined;
    if (existingKey) {
      report = await deps.sink.read(existingKey);
      if (report) {
        checkResumable(report, request.target);
        resumed = true;
        log(`resuming execution ${executionId} from ${deps.sink.locate(existingKey)}`);
      }
    }
  }

  if (!report) {
    const initialConfiguration = await readConfiguration(deps.gateway, request.target, request.bucketAccess);
    await refuseSelfContainment(deps.gateway, initialConfiguration);
    const steps = pendingRecords(planContainment(initialConfiguration, { executionId, tags: request.tags, bucketAccess: request.bucketAccess }));
    const idc = initialConfiguration.type === 'idc-user' ? { instanceArn: initialConfiguration.instanceArn, identityStoreId: initialConfiguration.identityStoreId } : {};
    report = {
      kind: 'cordon-containment-report',
      schemaVersion: 1,
      executionId,
      key: reportKey(startedAt, executionId),
      startedAt,
      updatedAt: startedAt,
      status: 'in-progress',
      target: { type: request.target.type, name: request.target.name, ...idc },
      options: { tags: request.tags, bucketAccess: [...request.bucketAccess].sort() },
      initialConfiguration,
      steps,
    };
  }
  if (!request.apply || !deps.sink) return { report, dryRun: true, resumed };

  const sink = deps.sink;
  const journal = async () => {
    report!.updatedAt = deps.clock();
    assertNoSecrets(report);
    await sink.write(report!.key, report!);
  };
  // INVARIANT: this write happens before the first mutation; if it fails nothing has changed.
  await journal();
  log(`report: ${sink.locate(report.key)}`);

  // The report is the journal: written whole after every step (the step machine's loop, ../steps/run.ts).
  const ctx: ContainContext = { gateway: deps.gateway, now: deps.clock, initial: report.initialConfiguration };
  await runSteps(report.steps, { mode: 'apply', kindOf: containKind, ctx, journal: { save: journal }, clock: deps.clock, onFailure: 'continue', progress: (s) => log(`${s.status.padEnd(6)} ${s.description}`) });

  report.finalConfiguration = await readConfiguration(deps.gateway, targetOf(report), report.options.bucketAccess, report.initialConfiguration);
  report.verification = verifyContainment(report, deps.evaluate ?? (await loadEngineEvaluator()));
  report.status = report.steps.every((s) => s.status === 'done' || s.status === 'skipped') ? 'contained' : 'partial';
  await journal();
  return { report, location: sink.locate(report.key), dryRun: false, resumed };
}

/** The target a report names, with the Identity Center location it recorded. */
export function targetOf(report: ContainmentReport): TargetRef {
  return { type: report.target.type, name: report.target.name, instanceArn: report.target.instanceArn, identityStoreId: report.target.identityStoreId };
}

/** The caller would lock itself out half-way (the deny lands before the tag): refuse up front. */
async function refuseSelfContainment(gateway: ContainmentGateway, config: PrincipalConfiguration): Promise<void> {
  if (!gateway.callerArn || config.type === 'idc-user') return;
  const caller = await gateway.callerArn();
  const self =
    config.type === 'iam-user'
      ? caller === config.arn
      : caller.startsWith(`arn:${config.arn.split(':')[1]}:sts::${config.accountId}:assumed-role/${config.roleName}/`);
  if (self) throw new RefusedError(`refusing to contain \`${caller}\`: it is the identity Cordon is running as; use another principal's credentials`);
}

function checkResumable(report: ContainmentReport, target: TargetRef): void {
  if (report.target.type !== target.type || report.target.name !== target.name) {
    throw new RefusedError(`execution ${report.executionId} contained ${report.target.type} \`${report.target.name}\`, not ${target.type} \`${target.name}\`: use a new execution id`);
  }
  if (report.release) throw new RefusedError(`execution ${report.executionId} has been released: contain again with a new execution id`);
}
