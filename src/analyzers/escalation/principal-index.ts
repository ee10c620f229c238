/**
 * A read-only index of a snapshot's IAM principals, built once per scan, that the escalation
 * analyzer resolves method targets against.
 */
import type { IamGroup, IamRole, IamUser, ManagedPolicy, Snapshot } from '../../model/snapshot/types.js';

/** A principal that can act: an IAM user or role. */
export interface Actor {
  arn: string;
  kind: 'user' | 'role';
  accountId: string;
  partition: string;
  name: string;
  /** Groups of a user (ARNs). */
  groupArns: string[];
  /** Customer-managed policies that apply to it: attached directly or, for users, via groups. */
  customerPolicyArns: string[];
  boundaryArn?: string;
  serviceLinked: boolean;
}

/** Principals and policies of every account in the snapshot, grouped for target resolution. */
export interface PrincipalIndex {
  actors: Actor[];
  actorByArn: Map<string, Actor>;
  usersByAccount: Map<string, IamUser[]>;
  rolesByAccount: Map<string, IamRole[]>;
  groupsByAccount: Map<string, IamGroup[]>;
  policyByArn: Map<string, ManagedPolicy>;
}

/** Account id of an IAM ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`). */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the index; principals are sorted by ARN so every output derived from it is deterministic. */
export function indexPrincipals(snapshot: Snapshot): PrincipalIndex {
  const index: PrincipalIndex = {
    actors: [],
    actorByArn: new Map(),
    usersByAccount: new Map(),
    rolesByAccount: new Map(),
    groupsByAccount: new Map(),
    policyByArn: new Map(),
  };
  for (const account of snapshot.accounts) {
    for (const policy of account.policies) index.policyByArn.set(policy.arn, policy);
  }
  const isCustomer = (arn: string) => index.policyByArn.get(arn)?.isAwsManaged === false || (!index.policyByArn.has(arn) && !arn.includes(':iam::aws:'));
  for (const account of snapshot.accounts) {
    const groupByName = new Map(account.groups.map((g) => [g.name, g]));
    for (const group of account.groups) push(index.groupsByAccount, account.accountId, group);
    for (const user of account.users) {
      push(index.usersByAccount, account.accountId, user);
      const groups = user.groupNames.map((n) => groupByName.get(n)).filter((g): g is IamGroup => g !== undefined);
      const policies = [...user.attachedPolicyArns, ...groups.flatMap((g) => g.attachedPolicyArns)].filter(isCustomer);
      index.actors.push({
        arn: user.arn,
        kind: 'user',
        accountId: account.accountId,
        partition: account.partition,
        name: user.name,
        groupArns: groups.map((g) => g.arn),
        customerPolicyArns: [...new Set(policies)].sort(),
        boundaryArn: user.permissionsBoundaryArn,
        serviceLinked: false,
      });
    }
    for (const role of account.roles) {
      push(index.rolesByAccount, account.accountId, role);
      index.actors.push({
        arn: role.arn,
        kind: 'role',
        accountId: account.accountId,
        partition: account.partition,
        name: role.name,
        groupArns: [],
        customerPolicyArns: [...new Set(role.attachedPolicyArns.filter(isCustomer))].sort(),
        boundaryArn: role.permissionsBoundaryArn,
        serviceLinked: role.serviceLinked,
      });
    }
  }
  index.actors.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  for (const actor of index.actors) index.actorByArn.set(actor.arn, actor);
  return index;
}
