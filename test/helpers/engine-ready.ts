/**
 * Whether the engine's evaluation entry point is implemented yet. While it is a stub that throws
 * `not implemented`, engine tests are marked todo ("waiting for engine") instead of failing, so the
 * suite stays green while the engine is being written; they run for real as soon as it exists.
 */
import { evaluateRequest } from '../../src/engine/index.js';

let ready: boolean | undefined;

/** true once `evaluateRequest` answers a trivial request without throwing `not implemented`. */
export function engineReady(): boolean {
  if (ready === undefined) {
    try {
      evaluateRequest({ identity: [], principal: { arn: 'arn:aws:iam::111111111111:user/probe', account: '111111111111' } }, {
        principal: 'arn:aws:iam::111111111111:user/probe',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::probe/x',
      });
      ready = true;
    } catch (err) {
      ready = !(err instanceof Error && /not implemented/i.test(err.message));
    }
  }
  return ready;
}

/** `todo` option for an engine test: undefined when the engine is ready. */
export function engineTodo(): string | undefined {
  return engineReady() ? undefined : 'waiting for engine';
}
