/**
 * The steps of a containment as the report journals them (data shared with the store, which reads
 * reports back): `StepSpec` is what to change, `StepRecord` its journal entry. How a step is
 * described, applied and undone lives in src/actions/contain/.
 */
import type { JournalEntry, JournalStatus } from '../journal.js';

/** One change containment makes. Every step is idempotent: re-running it after a crash is safe. */
export type StepSpec =
  | { action: 'deactivate-access-key'; userName: string; accessKeyId: string }
  | { action: 'delete-login-profile'; userName: string }
  | { action: 'deactivate-mfa-device'; userName: string; serialNumber: string }
  | { action: 'put-user-deny-policy'; userName: string; policyName: string }
  | { action: 'put-role-deny-policy'; roleName: string; policyName: string }
  | { action: 'tag-user'; userName: string; tags: Record<string, string> }
  | { action: 'tag-role'; roleName: string; tags: Record<string, string> }
  | { action: 'deny-in-bucket-policy'; bucket: string; sid: string; principalArn?: string; idcUserId?: string }
  | { action: 'remove-group-membership'; identityStoreId: string; membershipId: string; groupId: string; userId: string }
  | { action: 'remove-account-assignment'; instanceArn: string; accountId: string; permissionSetArn: string; principalId: string }
  | { action: 'deny-in-permission-set'; instanceArn: string; permissionSetArn: string; sid: string; userId: string }
  | { action: 'provision-permission-set'; instanceArn: string; permissionSetArn: string };

/** The name of a step kind. */
export type StepAction = StepSpec['action'];

/** Journal state of one step (the step machine's, src/model/journal.ts). */
export type StepStatus = JournalStatus;

/** A containment step as journaled in the report. */
export type StepRecord = JournalEntry<StepSpec>;
