/**
 * What GCP remediation needs from the cloud, implemented over Google's clients in `src/gcp/`
 * (and by fakes in tests). Names are full resource names and deny-policy names as the APIs use them.
 */
import type { GcpBinding } from '../../model/gcp/snapshot.js';

/** A deny policy body as IAM v2 takes it. */
export interface DenyPolicyBody {
  displayName: string;
  rules: { description?: string; denyRule: { deniedPrincipals: string[]; deniedPermissions: string[]; exceptionPrincipals?: string[] } }[];
}

/** An allow policy as getIamPolicy returns it (version 3: conditions kept). */
export interface AllowPolicyBody {
  version?: number;
  etag?: string;
  bindings: GcpBinding[];
}

export interface GcpGateway {
  /** The deny policy `policies/ATTACHMENT/denypolicies/ID`, undefined when absent. */
  getDenyPolicy(name: string): Promise<DenyPolicyBody | undefined>;
  createDenyPolicy(attachmentPoint: string, policyId: string, body: DenyPolicyBody): Promise<void>;
  deleteDenyPolicy(name: string): Promise<void>;
  getIamPolicy(resource: string): Promise<AllowPolicyBody>;
  setIamPolicy(resource: string, policy: AllowPolicyBody): Promise<void>;
  /** Disabled flag of a service account or key (`projects/P/serviceAccounts/E[/keys/K]`). */
  isDisabled(name: string): Promise<boolean>;
  setDisabled(name: string, disabled: boolean): Promise<void>;
  close(): void;
}
