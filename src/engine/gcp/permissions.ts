/**
 * Permission patterns of deny rules: `service.googleapis.com/resource.verb` mapped to v1 names,
 * with the documented wildcards `SERVICE_FQDN/*`, `SERVICE_FQDN/RESOURCE.*`, `SERVICE_FQDN/*.VERB`.
 * https://cloud.google.com/iam/docs/deny-permissions-support
 */
import { v1Permission } from '../../model/gcp/names.js';

/** True when a deny-rule permission (either spelling) covers the v1 `permission`. */
export function denyPermissionMatches(pattern: string, permission: string): boolean {
  const p = v1Permission(pattern);
  if (p === '*' || p === permission) return true;
  const [service, ...rest] = p.split('.');
  const parts = permission.split('.');
  if (parts[0] !== service) return false;
  if (rest.length === 1 && rest[0] === '*') return true;
  const verb = rest[rest.length - 1];
  const resource = rest.slice(0, -1).join('.');
  const permVerb = parts[parts.length - 1];
  const permResource = parts.slice(1, -1).join('.');
  return (resource === '*' || resource === permResource) && (verb === '*' || verb === permVerb);
}
