/**
 * A `WorkBudget` over the process's V8 heap: analyzers call it while they search, and it stops a
 * scan with one clear line before the heap runs out (a V8 heap dump says nothing useful to a
 * user). Lives in the CLI layer because pure analysis layers may not read process state.
 */
import { getHeapStatistics } from 'node:v8';
import type { WorkBudget } from '../analyzers/escalation/budget.js';
import { CordonError } from '../model/errors.js';

/** Stops the analysis when the used heap passes `fraction` of the heap limit. */
export function heapBudget(fraction = 0.85): WorkBudget {
  return ({ analyzer, principals, work }) => {
    const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
    if (used < limit * fraction) return;
    const gib = (n: number) => (n / 2 ** 30).toFixed(1);
    throw new CordonError(
      'resource_limit',
      `${analyzer} analyzer stopped: heap ${gib(used)} of ${gib(limit)} GiB used after ${work} steps over ${principals} principals; ` +
        `try --analyzers without ${analyzer}, one snapshot per account, or NODE_OPTIONS=--max-old-space-size=<MiB>`,
    );
  };
}
