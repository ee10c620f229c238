/**
 * Azure CLI text for one Azure finding from the finding alone (the Prisma-compatible
 * `POST /permission/alert/remediation` answers without the exports): remove the role assignment
 * (or directory role assignment) that enables it. `cordon remediate ID --snapshot ...` gives the
 * full plan with rollback; this text says so.
 */
import type { Finding } from '../../model/finding.js';
import { azCommand, azRest } from './az-cli.js';

/** The `az` script that removes what enables the finding, with a comment line first. */
export function azureAlertCli(f: Pick<Finding, 'id' | 'title' | 'resource' | 'resourceType' | 'principal'>): string {
  const head = `# ${f.title}`;
  const rollback = `# rollback and other strategies (PIM-eligible, delegation condition, disable): cordon remediate ${f.id} --snapshot <az exports>`;
  switch (f.resourceType) {
    case 'Microsoft.Authorization/roleAssignments':
      return [head, azCommand(['role', 'assignment', 'delete'], [['ids', f.resource]]), rollback].join('\n');
    case 'Microsoft.Directory/roleAssignments':
      return [head, azRest('delete', `https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/${f.resource}`), rollback].join('\n');
    case 'Microsoft.Directory/appRoleAssignments':
      return [head, `# remove the app role assignment ${f.resource} of service principal ${String(f.principal)}`, azRest('delete', `https://graph.microsoft.com/v1.0/servicePrincipals/${String(f.principal)}/appRoleAssignments/${f.resource}`)].join('\n');
    default:
      return `${head}\n# not remediable automatically (${f.resourceType}): see cordon remediate ${f.id}`;
  }
}
