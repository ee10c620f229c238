/**
 * The Service Bus auto-remediation worker's logic over a peek-lock receiver interface (the SDK
 * adapter is `src/azure/service-bus.ts`): a message is completed only after the remediation of
 * every finding it names was applied and journaled; on failure it is abandoned (the lock is
 * released and Service Bus redelivers it, counting deliveries); once `maxDeliveries` is reached it
 * is dead-lettered with the reason. Applying is idempotent through the journal (a redelivered
 * message resumes the open execution), so a crash between apply and complete neither loses nor
 * doubles a remediation.
 */

/** A peek-locked message as the worker sees it. */
export interface LockedMessage {
  body: unknown;
  /** How many times Service Bus delivered it (1 on the first delivery). */
  deliveryCount: number;
  messageId?: string;
}

/** The receiver operations the worker uses (Service Bus `ServiceBusReceiver` in peekLock mode). */
export interface PeekLockReceiver<M extends LockedMessage = LockedMessage> {
  receive(max: number, waitMs: number): Promise<M[]>;
  complete(m: M): Promise<void>;
  abandon(m: M): Promise<void>;
  deadLetter(m: M, reason: string, description: string): Promise<void>;
}

/** What handling one finding id gives: `skip` for findings that cannot be remediated (never retried). */
export type HandleOutcome = { status: 'done' | 'skip'; line: string };

/** The finding ids a message names: `{findingId}`, `{id}`, `{findingIds:[]}`, `{alerts:[]}` (Prisma), or a bare string. */
export function findingIdsOf(body: unknown): string[] {
  let v = body;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return /^[A-Za-z0-9]+$/.test(v as string) ? [v as string] : [];
    }
  }
  if (typeof v !== 'object' || v === null) return [];
  const o = v as Record<string, unknown>;
  const ids = [o.findingId, o.id, ...(Array.isArray(o.findingIds) ? o.findingIds : []), ...(Array.isArray(o.alerts) ? o.alerts : [])];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

export interface WorkerOptions {
  /** Dead-letter a message on this delivery when it fails again (Service Bus' MaxDeliveryCount is 10 by default). */
  maxDeliveries: number;
  handle(findingId: string): Promise<HandleOutcome>;
  log(line: string): void;
}

/** Receives one batch and settles every message; returns how many were completed, abandoned and dead-lettered. */
export async function runWorkerBatch<M extends LockedMessage>(receiver: PeekLockReceiver<M>, options: WorkerOptions, waitMs = 1000): Promise<{ received: number; completed: number; abandoned: number; deadLettered: number }> {
  const counts = { received: 0, completed: 0, abandoned: 0, deadLettered: 0 };
  for (const m of await receiver.receive(10, waitMs)) {
    counts.received++;
    const ids = findingIdsOf(m.body);
    if (ids.length === 0) {
      await receiver.deadLetter(m, 'NoFindingId', 'the message names no finding id');
      counts.deadLettered++;
      options.log(`dead-lettered ${m.messageId ?? '?'}: names no finding`);
      continue;
    }
    let failure: string | undefined;
    for (const id of ids) {
      try {
        options.log((await options.handle(id)).line);
      } catch (err) {
        failure = `${id}: ${err instanceof Error ? err.message : String(err)}`;
        options.log(`failed ${failure}`);
        break;
      }
    }
    if (!failure) {
      await receiver.complete(m);
      counts.completed++;
    } else if (m.deliveryCount >= options.maxDeliveries) {
      await receiver.deadLetter(m, 'RemediationFailed', failure.slice(0, 1000));
      counts.deadLettered++;
    } else {
      await receiver.abandon(m);
      counts.abandoned++;
    }
  }
  return counts;
}
