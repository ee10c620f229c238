/**
 * Renders AWS CLI commands as copy-pasteable POSIX shell text: every argument single-quoted when it
 * needs to be (JSON documents included), `--profile/--region/--endpoint-url` carried over from the
 * invocation, one command per line.
 */

/** Quotes one shell word: bare when it is plainly safe, else in single quotes (`'` → `'\''`). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Global settings repeated on every rendered command. */
export interface CliTarget {
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

/** `aws <service> <operation> --k v ...` as one line; `args` values are quoted, `true` is a bare flag. */
export function awsCommand(service: string, operation: string, args: Record<string, string | true>, target: CliTarget = {}): string {
  const words = ['aws', service, operation];
  for (const [k, v] of Object.entries(args)) words.push(`--${k}`, ...(v === true ? [] : [shellQuote(v)]));
  if (target.profile) words.push('--profile', shellQuote(target.profile));
  if (target.region) words.push('--region', shellQuote(target.region));
  if (target.endpointUrl) words.push('--endpoint-url', shellQuote(target.endpointUrl));
  return words.join(' ');
}
