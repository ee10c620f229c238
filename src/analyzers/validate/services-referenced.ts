import { readConditionsLenient, readStringsLenient } from '../../model/policy/index.js';

/**
 * The service prefixes a policy text refers to (actions, condition keys, resource ARNs), so `cordon
 * validate` can load only those services' catalog entries (issue 24: start-up). Undefined when the whole
 * catalog is needed: text that is not JSON, a wildcard or unknown service prefix (typo suggestions search
 * every service), or a `--resource-type` (its service is named in CloudFormation's spelling).
 */
export function servicesReferenced(text: string, knownServices: ReadonlySet<string>): string[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const prefixes = new Set<string>();
  let needsAll = false;
  const addPrefix = (value: string) => {
    const colon = value.indexOf(':');
    if (colon <= 0) return;
    const prefix = value.slice(0, colon).toLowerCase();
    if (prefix === 'aws') return;
    if (!knownServices.has(prefix)) needsAll = true;
    else prefixes.add(prefix);
  };
  const statements = (doc as { Statement?: unknown } | null)?.Statement;
  for (const s of Array.isArray(statements) ? statements : statements ? [statements] : []) {
    if (typeof s !== 'object' || s === null) continue;
    const st = s as Record<string, unknown>;
    // Elements read by the model's lenient element readers (the strings validation's checks will see).
    const strings = (v: unknown) => readStringsLenient(v, '').map((l) => l.value);
    for (const action of [...strings(st.Action), ...strings(st.NotAction)]) {
      if (action === '*') continue;
      addPrefix(action);
      if (/[*?]/.test(action.slice(0, Math.max(0, action.indexOf(':'))))) needsAll = true;
    }
    for (const arn of [...strings(st.Resource), ...strings(st.NotResource)]) {
      const service = arn.split(':')[2];
      if (arn.startsWith('arn:') && service && !/[*?$]/.test(service)) addPrefix(`${service}:`);
    }
    for (const clause of readConditionsLenient(st.Condition, '')) addPrefix(clause.key);
  }
  return needsAll || prefixes.size === 0 ? undefined : [...prefixes].sort();
}
