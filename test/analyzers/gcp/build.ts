// Builds GCP snapshots for tests from export-shaped objects (the same reader `cordon scan` uses),
// on a small organization modelled on Google's documentation examples:
// org 123456789012 (example.com) → folder 345678901234 → project p1 (number 100000000001); project
// p2 under the org. Output shapes: https://cloud.google.com/asset-inventory/docs/searching-iam-policies,
// https://cloud.google.com/iam/docs/creating-custom-roles, https://cloud.google.com/iam/docs/deny-access.
import type { GcpSnapshot } from '../../../src/model/gcp/snapshot.js';
import type { ValidationIssue } from '../../../src/model/validation.js';
import { gcpFileReader } from '../../../src/collect/gcp/files.js';

export const ORG = 'organizations/123456789012';
export const FOLDER = 'folders/345678901234';
export const CRM = '//cloudresourcemanager.googleapis.com/';
export const ATTACKER = 'user:attacker@example.com';
export const TARGET_SA = 'target@p1.iam.gserviceaccount.com';
export const OTHER_SA = 'other@p1.iam.gserviceaccount.com';
export const saResource = (email: string, project = 'p1'): string => `//iam.googleapis.com/projects/${project}/serviceAccounts/${email}`;

/** One `gcloud asset search-all-iam-policies` result. */
export function policy(resource: string, bindings: object[], assetType?: string): object {
  const inP1 = resource.includes('/projects/p1');
  const inP2 = resource.includes('/projects/p2');
  return {
    resource,
    assetType: assetType ?? (resource.includes('serviceAccounts') ? 'iam.googleapis.com/ServiceAccount' : resource.includes('/organizations/') ? 'cloudresourcemanager.googleapis.com/Organization' : resource.includes('/folders/') ? 'cloudresourcemanager.googleapis.com/Folder' : 'cloudresourcemanager.googleapis.com/Project'),
    ...(inP1 ? { project: 'projects/100000000001', folders: [FOLDER] } : inP2 ? { project: 'projects/100000000002' } : resource.includes('/folders/') ? {} : {}),
    organization: ORG,
    policy: { bindings },
  };
}

/** A custom role as `gcloud iam roles describe --format=json` prints it. */
export function role(name: string, includedPermissions: string[]): object {
  return { name, title: name.split('/').pop(), includedPermissions, stage: 'GA', etag: 'BwWKmjvelug=' };
}

/** Base exports: hierarchy, service accounts, the target SA as Owner of p1. */
export function baseExports(): object[] {
  return [
    [{ name: ORG, displayName: 'example.com', owner: { directoryCustomerId: 'C01234567' } }],
    [
      { name: `${CRM}projects/p1`, assetType: 'cloudresourcemanager.googleapis.com/Project', project: 'projects/100000000001', folders: [FOLDER], organization: ORG, additionalAttributes: { projectId: 'p1' } },
      { name: `${CRM}projects/p2`, assetType: 'cloudresourcemanager.googleapis.com/Project', project: 'projects/100000000002', organization: ORG, additionalAttributes: { projectId: 'p2' } },
      { name: `${CRM}${FOLDER}`, assetType: 'cloudresourcemanager.googleapis.com/Folder', organization: ORG },
    ],
    [
      { name: `projects/p1/serviceAccounts/${TARGET_SA}`, projectId: 'p1', uniqueId: '110000000000000000001', email: TARGET_SA, displayName: 'target', oauth2ClientId: '110000000000000000001' },
      { name: `projects/p1/serviceAccounts/${OTHER_SA}`, projectId: 'p1', uniqueId: '110000000000000000002', email: OTHER_SA, displayName: 'other', oauth2ClientId: '110000000000000000002' },
      { name: 'projects/p2/serviceAccounts/p2sa@p2.iam.gserviceaccount.com', projectId: 'p2', uniqueId: '110000000000000000003', email: 'p2sa@p2.iam.gserviceaccount.com', oauth2ClientId: '110000000000000000003' },
    ],
    [policy(`${CRM}projects/p1`, [{ role: 'roles/owner', members: [`serviceAccount:${TARGET_SA}`] }, { role: 'roles/editor', members: ['serviceAccount:100000000001@cloudservices.gserviceaccount.com', 'serviceAccount:100000000001@cloudbuild.gserviceaccount.com'] }])],
  ];
}

/** Reads export objects as `loadSnapshotFiles` would (each object one file). */
export function snapshotOf(files: readonly object[]): { gcp: GcpSnapshot; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  let gcp: GcpSnapshot | undefined;
  files.forEach((f, i) => {
    if (!gcpFileReader.recognise(f)) throw new Error(`file ${i} not recognised: ${JSON.stringify(f).slice(0, 200)}`);
    gcp = gcpFileReader.read(f, `export-${i}.json`, gcp, issues);
  });
  return { gcp: gcp!, issues };
}
