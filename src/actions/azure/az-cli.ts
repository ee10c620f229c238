/**
 * Renders `az` commands: the Azure CLI text of a remediation step, quoted for a POSIX shell
 * (the same quoting as the AWS renderer). Argument order is fixed so plans diff cleanly.
 */
import { shellQuote } from '../aws-cli.js';

/** `az <group...> --flag value ...` with every value quoted; `true` renders a bare flag. */
export function azCommand(words: readonly string[], args: readonly [string, string | true | undefined][]): string {
  const parts = ['az', ...words];
  for (const [flag, value] of args) {
    if (value === undefined) continue;
    parts.push(`--${flag}`);
    if (value !== true) parts.push(shellQuote(value));
  }
  return parts.join(' ');
}

/** `az rest` for ARM calls the CLI has no command for (PIM schedule requests). */
export function azRest(method: 'put' | 'patch' | 'delete', url: string, body?: unknown): string {
  return azCommand(['rest'], [['method', method], ['url', url], ['body', body === undefined ? undefined : JSON.stringify(body)]]);
}
