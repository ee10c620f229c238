/**
 * GCP privilege-escalation methods as data: Rhino Security Labs' catalogue
 * (https://rhinosecuritylabs.com/gcp/privilege-escalation-google-cloud-platform-part-1/, part 2,
 * and the permission sets of their PrivEscScanner `check_for_privesc.py`, BSD-3-Clause; facts
 * cited, no code copied). Each row says which permissions must be held where, and what is gained;
 * the analyzer checks every permission through the engine (deny policies, conditions, PAB).
 */
import type { Severity } from '../../model/finding.js';

/** Where a method's permissions are checked and what it gains. */
export type GcpMethodShape =
  /** Permissions on an organization/folder/project: the attacker edits its allow policy → admin of it. */
  | { kind: 'setIamPolicy'; scope: 'organization' | 'folder' | 'project' }
  /** Permissions on a service account → that service account. */
  | { kind: 'serviceAccount' }
  /** `iam.roles.update` on the parent of a custom role the attacker holds → admin where it is bound. */
  | { kind: 'heldCustomRole' }
  /** Permissions on a project → every service account of that project. */
  | { kind: 'projectServiceAccounts' }
  /** Permissions on a project → the project's Google-managed service agent (`NUMBER@<domain>`). */
  | { kind: 'serviceAgent'; domain: string }
  /** Permissions on a project plus `iam.serviceAccounts.actAs` on a service account of that project → it. */
  | { kind: 'actAs' };

export interface GcpEscalationMethod {
  /** Stable id (Rhino's method name); never renumbered. */
  id: string;
  title: string;
  severity: Severity;
  shape: GcpMethodShape;
  /** The permission set of Rhino's scanner for this method (on the project, scope or service account as `shape` says). */
  permissions: readonly string[];
  /**
   * What the finding requires, when less than `permissions`: creating the workload and `actAs` are
   * enough to run code as the service account (its startup code can send the token out); Rhino's
   * extra permissions (metadata, external IP, invoke) make the exploit convenient, not possible.
   * The finding lists the ones the attacker lacks.
   */
  core?: readonly string[];
  rationale: string;
  references: readonly string[];
}

const PART1 = 'https://rhinosecuritylabs.com/gcp/privilege-escalation-google-cloud-platform-part-1/';
const PART2 = 'https://rhinosecuritylabs.com/cloud-security/privilege-escalation-google-cloud-platform-part-2/';
const SCANNER = 'https://github.com/RhinoSecurityLabs/GCP-IAM-Privilege-Escalation/blob/master/PrivEscScanner/check_for_privesc.py';
const ACT_AS = 'iam.serviceAccounts.actAs';

/** Every method, in catalogue order. */
export const GCP_ESCALATION_METHODS: readonly GcpEscalationMethod[] = [
  { id: 'SetOrgIAMPolicy', title: 'Edit the organization allow policy', severity: 'CRITICAL', shape: { kind: 'setIamPolicy', scope: 'organization' }, permissions: ['resourcemanager.organizations.setIamPolicy'], rationale: 'Whoever may set the organization allow policy can grant themselves any role on every folder, project and resource below it.', references: [PART1, SCANNER] },
  { id: 'SetFolderIAMPolicy', title: 'Edit a folder allow policy', severity: 'CRITICAL', shape: { kind: 'setIamPolicy', scope: 'folder' }, permissions: ['resourcemanager.folders.setIamPolicy'], rationale: 'Setting a folder allow policy grants any role on every project under the folder.', references: [PART1, SCANNER] },
  { id: 'SetProjectIAMPolicy', title: 'Edit a project allow policy', severity: 'CRITICAL', shape: { kind: 'setIamPolicy', scope: 'project' }, permissions: ['resourcemanager.projects.setIamPolicy'], rationale: 'Setting a project allow policy grants any role (Owner included) on the project.', references: [PART1, SCANNER] },
  { id: 'SetServiceAccountIAMPolicy', title: 'Edit a service account allow policy', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccounts.setIamPolicy'], rationale: 'Granting oneself Service Account Token Creator on a service account then yields its tokens.', references: [PART1, SCANNER] },
  { id: 'UpdateIAMRole', title: 'Add permissions to a custom role the attacker holds', severity: 'CRITICAL', shape: { kind: 'heldCustomRole' }, permissions: ['iam.roles.update'], rationale: 'Updating a custom role bound to oneself adds any permission wherever the role is bound.', references: [PART1, SCANNER] },
  { id: 'CreateServiceAccountKey', title: 'Create a key for a service account', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccountKeys.create'], rationale: 'A new user-managed key authenticates as the service account until deleted.', references: [PART1, SCANNER] },
  { id: 'GetServiceAccountAccessToken', title: 'Mint an access token for a service account', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccounts.getAccessToken'], rationale: 'generateAccessToken returns an OAuth token of the service account.', references: [PART1, SCANNER] },
  { id: 'ServiceAccountImplicitDelegation', title: 'Delegate through a service account', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccounts.implicitDelegation'], rationale: 'Implicit delegation lets the holder request tokens along a delegation chain through the service account.', references: [PART1, SCANNER] },
  { id: 'ServiceAccountSignBlob', title: 'Sign blobs as a service account', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccounts.signBlob'], rationale: 'A signed JWT assertion is exchanged for the service account\'s access token.', references: [PART1, SCANNER] },
  { id: 'ServiceAccountSignJwt', title: 'Sign JWTs as a service account', severity: 'HIGH', shape: { kind: 'serviceAccount' }, permissions: ['iam.serviceAccounts.signJwt'], rationale: 'A signed JWT is exchanged for the service account\'s access token.', references: [PART1, SCANNER] },
  { id: 'CreateServiceAccountHMACKey', title: 'Create an HMAC key for a service account', severity: 'MEDIUM', shape: { kind: 'projectServiceAccounts' }, permissions: ['storage.hmacKeys.create'], rationale: 'An HMAC key acts as the service account against Cloud Storage\'s XML API.', references: [PART2, SCANNER] },
  { id: 'CreateDeploymentManagerDeployment', title: 'Deploy with the Google APIs service agent', severity: 'CRITICAL', shape: { kind: 'serviceAgent', domain: 'cloudservices.gserviceaccount.com' }, permissions: ['deploymentmanager.deployments.create'], rationale: 'Deployment Manager creates resources as PROJECT_NUMBER@cloudservices.gserviceaccount.com, which holds Editor by default.', references: [PART2, SCANNER] },
  { id: 'RCECloudBuildBuildServer', title: 'Run a build as the Cloud Build service account', severity: 'HIGH', shape: { kind: 'serviceAgent', domain: 'cloudbuild.gserviceaccount.com' }, permissions: ['cloudbuild.builds.create'], rationale: 'A build runs arbitrary steps with the legacy Cloud Build service account\'s token.', references: ['https://rhinosecuritylabs.com/gcp/working-as-intendedrce-to-iam-privilege-escalation-in-gcp', SCANNER] },
  { id: 'CreateCloudBuildWithServiceAccount', title: 'Run a build as a chosen service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['cloudbuild.builds.create', ACT_AS], rationale: 'Builds may name a user-specified service account; the steps get its token.', references: ['https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts', PART2] },
  { id: 'ExfilCloudFunctionCredsAuthCall', title: 'Create a Cloud Function as a service account and call it', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['cloudfunctions.functions.create', 'cloudfunctions.functions.sourceCodeSet', 'cloudfunctions.functions.call', ACT_AS], core: ['cloudfunctions.functions.create', ACT_AS], rationale: 'The function\'s code reads the attached service account\'s token from the metadata server.', references: [PART2, SCANNER] },
  { id: 'ExfilCloudFunctionCredsUnauthCall', title: 'Create a public Cloud Function as a service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['cloudfunctions.functions.create', 'cloudfunctions.functions.sourceCodeSet', 'cloudfunctions.functions.setIamPolicy', ACT_AS], core: ['cloudfunctions.functions.create', 'cloudfunctions.functions.setIamPolicy', ACT_AS], rationale: 'Making the function invokable by allUsers lets the attacker trigger it and read the token.', references: [PART2, SCANNER] },
  { id: 'UpdateCloudFunction', title: 'Replace a Cloud Function\'s code and service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['cloudfunctions.functions.update', 'cloudfunctions.functions.sourceCodeSet', ACT_AS], core: ['cloudfunctions.functions.update', ACT_AS], rationale: 'Updated code runs as the service account the attacker attaches.', references: [PART2, SCANNER] },
  { id: 'CreateGCEInstanceWithSA', title: 'Create a Compute Engine instance as a service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['compute.disks.create', 'compute.instances.create', 'compute.instances.setMetadata', 'compute.instances.setServiceAccount', 'compute.subnetworks.use', 'compute.subnetworks.useExternalIp', ACT_AS], core: ['compute.instances.create', ACT_AS], rationale: 'A startup script on the new instance sends out the attached service account\'s token.', references: [PART2, SCANNER] },
  { id: 'ExfilCloudRunServiceAuthCall', title: 'Create a Cloud Run service as a service account and invoke it', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['run.services.create', 'run.routes.invoke', ACT_AS], core: ['run.services.create', ACT_AS], rationale: 'The container reads the service identity\'s token from the metadata server.', references: [PART2, SCANNER] },
  { id: 'ExfilCloudRunServiceUnauthCall', title: 'Create a public Cloud Run service as a service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['run.services.create', 'run.services.setIamPolicy', ACT_AS], core: ['run.services.create', 'run.services.setIamPolicy', ACT_AS], rationale: 'Granting allUsers run.invoker lets the attacker call the service and read the token.', references: [PART2, SCANNER] },
  { id: 'CreateCloudSchedulerHTTPRequest', title: 'Schedule authenticated HTTP calls as a service account', severity: 'HIGH', shape: { kind: 'actAs' }, permissions: ['cloudscheduler.jobs.create', 'cloudscheduler.locations.list', ACT_AS], core: ['cloudscheduler.jobs.create', ACT_AS], rationale: 'A job sends requests carrying the service account\'s OAuth token to any Google API.', references: [PART2, SCANNER] },
];

/** The permissions a method's finding requires (its `core`, else all of `permissions`). */
export function requiredPermissions(m: GcpEscalationMethod): readonly string[] {
  return m.core ?? m.permissions;
}

/** A method by id. */
export function gcpMethod(id: string): GcpEscalationMethod | undefined {
  return GCP_ESCALATION_METHODS.find((m) => m.id === id);
}
