/** Test wrappers: a gateway whose n-th mutating call fails, and a sink whose k-th write fails. */
import { MUTATING_METHODS, type ContainmentGateway } from '../../../src/actions/contain/gateway.js';
import type { ReportSink } from '../../../src/actions/report/sink.js';

/** Wraps `inner` so its `failAt`-th mutating call (1-based) throws; counts calls in `calls.count`. */
export function faultyGateway(inner: ContainmentGateway, failAt: number): { gateway: ContainmentGateway; calls: { count: number; names: string[] } } {
  const calls = { count: 0, names: [] as string[] };
  const gateway = { ...inner } as Record<string, unknown>;
  for (const name of MUTATING_METHODS) {
    const original = inner[name] as (...args: unknown[]) => Promise<unknown>;
    gateway[name] = async (...args: unknown[]) => {
      calls.count++;
      calls.names.push(name);
      if (calls.count === failAt) throw Object.assign(new Error(`injected fault on ${name}`), { code: 'injected' });
      return original(...args);
    };
  }
  return { gateway: gateway as unknown as ContainmentGateway, calls };
}

/** Wraps `inner` so its `failAt`-th write throws: the process "crashes" right after a step landed. */
export function crashingSink(inner: ReportSink, failAt: number): ReportSink {
  let writes = 0;
  return {
    ...inner,
    locate: (k) => inner.locate(k),
    prepare: () => inner.prepare(),
    read: (k) => inner.read(k),
    find: (id) => inner.find(id),
    async write(key, report) {
      writes++;
      if (writes === failAt) throw new Error('injected crash while journaling');
      await inner.write(key, report);
    },
  };
}
