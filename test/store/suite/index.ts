/** The store suite: every area, run against one backend. */
import { activitySuite } from './activity.js';
import { alertsSuite } from './alerts.js';
import type { TestBackend } from './backends.js';
import { journalTokensSuite } from './journal-tokens.js';
import { lifecycleSuite } from './lifecycle.js';
import { rulesSuite } from './rules.js';

/** Registers the whole store suite for `backend`. */
export function storeSuite(backend: TestBackend): void {
  lifecycleSuite(backend);
  rulesSuite(backend);
  alertsSuite(backend);
  journalTokensSuite(backend);
  activitySuite(backend);
}
