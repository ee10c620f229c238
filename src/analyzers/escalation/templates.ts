/**
 * Instantiates a method's ARN templates (`${Target}`, `${Account}`, ...) for one actor and target.
 */
import type { Actor } from './principal-index.js';

/** Values substituted into requirement templates. */
export interface TemplateValues {
  actor: Actor;
  targetArn?: string;
  targetName?: string;
  targetPolicyArn?: string;
  /** Representative region for regional resources the attacker creates. */
  region: string;
}

/** A fresh resource name no policy can have named on purpose (so only wildcards match it). */
export const PROBE_NAME = 'cordon-probe-7f3a';

/**
 * A requirement-context value (never a resource): the ARN of an instance profile holding the target
 * role (`ec2:InstanceProfile`); the edge is tried with each such profile.
 */
export const INSTANCE_PROFILE = '${TargetInstanceProfile}';

/** Replaces every `${Name}` placeholder; an unknown placeholder is a programming error. */
export function fillTemplate(template: string, values: TemplateValues): string {
  const table: Record<string, string | undefined> = {
    Partition: values.actor.partition,
    Region: values.region,
    Account: values.actor.accountId,
    Self: values.actor.arn,
    Target: values.targetArn,
    TargetName: values.targetName,
    TargetPolicy: values.targetPolicyArn,
    Probe: PROBE_NAME,
  };
  // Placeholders are scanned with indexOf, not a regex: templates are ours, but stay linear anyway.
  let out = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    const end = template.indexOf('}', start);
    const name = template.slice(start + 2, end);
    const value = table[name];
    if (end < 0 || value === undefined) throw new Error(`template \`${template}\`: no value for \${${name}}`);
    out += template.slice(i, start) + value;
    i = end + 1;
  }
  return out + template.slice(i);
}
