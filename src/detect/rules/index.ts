/** The built-in rule registry, in catalog order. Rule ids are stable; retire, never renumber. */
import type { DetectionRule } from '../rule-types.js';
import { CIS_RULES } from './cis.js';
import { HIGH_VALUE_RULES } from './high-value.js';
import { IAM_RULES } from './iam.js';
import { THREAT_RULES } from './threats.js';

/** Every built-in rule. */
export const BUILTIN_RULES: readonly DetectionRule[] = [...CIS_RULES, ...IAM_RULES, ...HIGH_VALUE_RULES, ...THREAT_RULES];

export { CIS_RULES, IAM_RULES, HIGH_VALUE_RULES, THREAT_RULES };
