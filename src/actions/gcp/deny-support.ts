/**
 * Which escalating permissions a deny policy can name. Google lists the permissions supported in
 * deny policies (https://cloud.google.com/iam/docs/deny-permissions-support, CC BY 4.0); Cordon does
 * not ship that list. Rows here are the permissions remediation denies, `supported` where the list
 * was seen to contain them in published deny policies, `unverified` otherwise: IAM rejects an
 * unsupported permission when the policy is created (400, nothing changes), and the plan says so.
 */

export type DenySupport = 'supported' | 'unverified';

// v1 permission → support; the names are those Rhino's methods escalate with.
const SUPPORT: Readonly<Record<string, DenySupport>> = {
  'iam.serviceAccountKeys.create': 'supported',
  'iam.serviceAccounts.actAs': 'supported',
  'iam.serviceAccounts.getAccessToken': 'supported',
  'iam.serviceAccounts.signBlob': 'supported',
  'iam.serviceAccounts.signJwt': 'supported',
  'iam.serviceAccounts.implicitDelegation': 'supported',
  'iam.serviceAccounts.setIamPolicy': 'supported',
  'iam.roles.update': 'supported',
  'resourcemanager.projects.setIamPolicy': 'supported',
  'resourcemanager.folders.setIamPolicy': 'supported',
  'resourcemanager.organizations.setIamPolicy': 'supported',
  'cloudbuild.builds.create': 'supported',
  'compute.instances.create': 'supported',
  'compute.instances.setServiceAccount': 'supported',
  'run.services.create': 'supported',
};

/** Support of a v1 permission in deny policies, as far as Cordon knows. */
export function denySupport(permission: string): DenySupport {
  return SUPPORT[permission] ?? 'unverified';
}
