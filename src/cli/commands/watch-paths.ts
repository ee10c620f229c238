/**
 * `cordon watch --snapshot S`: attack paths as they happen. The watched snapshot is loaded once; the
 * rule set given to the watcher is wrapped so each event is also replayed on it (new-escalation-path,
 * new-external-access alerts), and the alerts repository is wrapped so the current findings are
 * recorded in the store (scan lifecycle: new ACTIVE, vanished RESOLVED) in the same step that stores
 * the alerts, before the queue message is deleted.
 */
import { PathTracker } from '../../activity/path-tracker.js';
import type { IamEntityReader } from '../../aws/iam-entity-reader.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { refreshEntities } from '../../collect/live/refresh-entities.js';
import type { RuleSet } from '../../detect/rule-set.js';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { AlertsRepository, CordonStore } from '../../store/types.js';
import { info, warn } from '../output.js';

/** The scope under which watch records its findings (docs/store.md "Scope"): its own, so a scan's findings are never resolved by it. */
export function watchScope(accounts: readonly string[]): string {
  return `watch:accounts:${[...accounts].sort().join(',')}|analyzers:escalation,exposure`;
}

/** Live re-reads of uncertain entities: the credentials' account and a reader of single IAM entities. */
export interface LiveReread {
  accountId(): Promise<string>;
  reader: IamEntityReader;
}

/**
 * Wraps `rules` and `store.alerts` so events also update the watched snapshot and its findings.
 * With `live`, entities an event left uncertain are re-read before the batch is stored, and the
 * findings that re-read reveals are alerted as caused by that event.
 */
export async function withAttackPaths(files: readonly string[], rules: RuleSet, store: CordonStore, quiet?: boolean, live?: LiveReread): Promise<{ rules: RuleSet; alerts: AlertsRepository }> {
  const { snapshot, issues } = await loadSnapshotFiles(files, { now: new Date() });
  if (issues.length) warn(`${issues.length} snapshot issue(s); first: ${issues[0]!.file ?? ''} ${issues[0]!.message}`);
  const tracker = new PathTracker(snapshot);
  const scope = watchScope(snapshot.accounts.map((a) => a.accountId));
  info(`watching ${snapshot.accounts.length} account(s) for new attack paths: ${tracker.findings().length} escalation/exposure finding(s) now`, quiet);

  const pending: { event: CloudTrailEvent; ids: string[] }[] = [];
  const reread = async (): Promise<ReturnType<RuleSet['evaluate']>> => {
    const out: ReturnType<RuleSet['evaluate']> = [];
    if (!live) return out;
    for (const { event, ids } of pending.splice(0)) {
      try {
        const result = await refreshEntities(tracker.snapshot(), ids, await live.accountId(), live.reader);
        for (const s of result.skipped) warn(`${event.eventID} ${event.eventName}: state of ${s.id} uncertain (${s.reason})`);
        if (result.refreshed.length || result.gone.length) out.push(...tracker.adopt(result.snapshot, event, [...result.refreshed, ...result.gone]).alerts);
        info(`${event.eventID} ${event.eventName}: re-read ${result.refreshed.length} entit(ies) live, ${result.gone.length} gone`, quiet);
      } catch (err) {
        warn(`${event.eventID} ${event.eventName}: live re-read of ${ids.join(', ')} failed: ${(err as Error).message}; state stays uncertain`);
      }
    }
    return out;
  };

  const wrappedRules = Object.create(rules) as RuleSet;
  wrappedRules.evaluate = (event: CloudTrailEvent) => {
    const base = rules.evaluate(event);
    const seen = tracker.observe(event);
    if (seen.step.uncertain.length && live) pending.push({ event, ids: seen.step.uncertain });
    else for (const id of seen.step.uncertain) warn(`${event.eventID} ${event.eventName}: state of ${id} uncertain (re-collect it)`);
    return [...seen.alerts, ...base];
  };

  const alerts = Object.create(store.alerts) as AlertsRepository;
  alerts.insert = async (batch, options) => {
    if (pending.length) batch = [...batch, ...(await reread())];
    // Findings first: an alert links to a finding that is already stored.
    if (tracker.takeDirty()) await store.scans.record({ scope, inputs: { snapshot: files, source: 'watch' }, findings: tracker.findings(), now: options.now, actor: 'cordon watch' });
    return store.alerts.insert(batch, options);
  };
  return { rules: wrappedRules, alerts };
}
