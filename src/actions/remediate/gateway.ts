/** What remediation needs from AWS (implemented with the SDK in src/aws/remediation-gateway.ts). */

export type PrincipalKind = 'user' | 'role' | 'group';
export type PolicyDocument = Record<string, unknown>;

export interface RemediationGateway {
  getRoleTrustPolicy(roleName: string): Promise<PolicyDocument>;
  updateRoleTrustPolicy(roleName: string, document: PolicyDocument): Promise<void>;
  /** undefined when the bucket has no policy. */
  getBucketPolicy(bucket: string): Promise<PolicyDocument | undefined>;
  putBucketPolicy(bucket: string, document: PolicyDocument): Promise<void>;
  deleteBucketPolicy(bucket: string): Promise<void>;
  /** The default version's document, or undefined when the policy does not exist. */
  getManagedPolicy(policyArn: string): Promise<PolicyDocument | undefined>;
  createPolicy(name: string, document: PolicyDocument, description: string): Promise<void>;
  /** Deletes the policy (absent is fine). */
  deletePolicy(policyArn: string): Promise<void>;
  attachedPolicies(kind: PrincipalKind, name: string): Promise<string[]>;
  attachPolicy(kind: PrincipalKind, name: string, policyArn: string): Promise<void>;
  /** Detaches (not attached is fine). */
  detachPolicy(kind: PrincipalKind, name: string, policyArn: string): Promise<void>;
  accessKeyStatus(userName: string, accessKeyId: string): Promise<'Active' | 'Inactive' | undefined>;
  setAccessKeyStatus(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void>;
  close(): void;
}
