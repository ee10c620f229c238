/**
 * Shared pieces of the escalation method rows: requirement builders, probe ARNs, reference
 * roots and the rationale every row of a family carries.
 */
import type { Requirement } from '../method-types.js';

export const PF = 'https://pathfinding.cloud/paths/';
export const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';

/** `iam:PassRole` on the target role, passed to `service`. */
export const passRole = (service: string): Requirement => ({
  action: 'iam:PassRole',
  resource: '${Target}',
  context: { 'iam:PassedToService': service },
});

/**
 * A CloudFormation stack request naming the target as the stack's service role
 * (`cloudformation:RoleArn`, Service Authorization Reference, AWS CloudFormation condition keys).
 */
export const withServiceRole = (r: Requirement): Requirement => ({ ...r, context: { ...r.context, 'cloudformation:RoleArn': '${Target}' } });

/** `action` on `resource` (an ARN template). */
export const on = (action: string, resource: string): Requirement => ({ action, resource });

/** AWS's AdministratorAccess: the policy an attacker attaches, and the boundary it sets (which then caps nothing). */
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * Attaching a managed policy gains that policy: the attacker must be allowed to attach an
 * admin policy (`iam:PolicyARN`), not merely some policy (attaching ReadOnlyAccess gains read-only).
 */
export const attach = (action: string, resource: string): Requirement => ({
  action,
  resource,
  context: { 'iam:PolicyARN': ADMINISTRATOR_ACCESS },
});

/** `r` setting a permissions boundary the attacker chooses (`iam:PermissionsBoundary`, IAM condition keys): AdministratorAccess. */
export const withAdminBoundary = (r: Requirement): Requirement => ({ ...r, context: { ...r.context, 'iam:PermissionsBoundary': ADMINISTRATOR_ACCESS } });

/** A regional ARN template in the actor's account. */
export const arn = (service: string, rest: string) => `arn:\${Partition}:${service}:\${Region}:\${Account}:${rest}`;

export const LAMBDA_FN = arn('lambda', 'function:${Probe}');
export const EC2_INSTANCE = arn('ec2', 'instance/i-0c0rd0n0pr0be0000');
export const NOTEBOOK = arn('sagemaker', 'notebook-instance/cordon-probe');

/** Why each family of methods is an escalation (the rows' `rationale`). */
export const RATIONALE = {
  SELF_ESCALATION:
    "Whoever can rewrite the permissions that apply to itself can grant itself any action: nothing it edits caps it (IAM User Guide, 'Security best practices': grant least privilege to policy-management actions).",
  TAKE_OVER: "Taking over another principal's credentials or trust gives the attacker everything that principal may do, whatever the attacker's own policies say.",
  WRITE_THEN_ACT: "Writing another principal's permissions and then acting as it gives the attacker any permission it chooses to write.",
  NEW_PASSROLE:
    "Passing a role to new compute that runs attacker-supplied code hands the role's temporary credentials to the attacker (IAM User Guide, 'Granting a user permissions to pass a role to an AWS service').",
  EXISTING_PASSROLE: "Changing the code, configuration or access of a resource that already runs with a role hands that role's credentials to the attacker.",
} as const;
