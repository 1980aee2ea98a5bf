import type { ResourceType } from './types.ts';

/**
 * Discovery: every resource type the API serves. Kinds register themselves from `api/kinds/*.ts` (one file
 * each), collected in `api/kinds/index.ts`. Lookups accept what kubectl accepts: plural, singular, short
 * name, kind (any case), and any of those qualified with the group (`deployments.apps`, `deploy.apps`).
 */
export class ResourceRegistry {
  private types: ResourceType[] = [];
  private byName = new Map<string, ResourceType>();
  /** Hot-path indexes (every API call resolves its type): kind → types in registration order; plural → first type. */
  private kinds = new Map<string, ResourceType[]>();
  private plurals = new Map<string, ResourceType>();

  register(rt: ResourceType): void {
    this.resolved.clear();
    this.types.push(rt);
    const sameKind = this.kinds.get(rt.kind);
    if (sameKind) sameKind.push(rt);
    else this.kinds.set(rt.kind, [rt]);
    if (!this.plurals.has(rt.plural)) this.plurals.set(rt.plural, rt);
    const names = [rt.plural, rt.singular, rt.kind.toLowerCase(), ...rt.shortNames];
    for (const n of names) {
      if (!this.byName.has(n)) this.byName.set(n, rt);
      if (rt.group) this.byName.set(`${n}.${rt.group}`, rt);
      this.byName.set(`${n}.${rt.version}.${rt.group}`.replace(/\.$/, ''), rt);
      for (const alt of rt.alternateVersions ?? []) this.byName.set(`${n}.${alt.version}.${rt.group}`.replace(/\.$/, ''), rt);
    }
  }

  /** Stop serving a type (a CRD was deleted): the indexes are rebuilt from the remaining types. */
  unregister(rt: ResourceType): void {
    if (!this.types.includes(rt)) return;
    const rest = this.types.filter((t) => t !== rt);
    this.types = [];
    this.byName.clear();
    this.kinds.clear();
    this.plurals.clear();
    this.resolved.clear();
    for (const t of rest) this.register(t);
  }

  /** All types in registration order. */
  all(): readonly ResourceType[] {
    return this.types;
  }

  /** Resolve a name as typed on the kubectl command line; undefined when unknown. */
  lookup(name: string): ResourceType | undefined {
    return this.byName.get(name.toLowerCase()) ?? this.byName.get(name);
  }

  /** Resolve an object's apiVersion and kind. */
  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    // Every write resolves its object's type: remember answers per (kind, apiVersion) until the registry changes.
    let byVersion = this.resolved.get(kind);
    if (byVersion?.has(apiVersion)) return byVersion.get(apiVersion);
    const rt = this.resolveKind(apiVersion, kind);
    // Only kinds the API serves, and a bounded number of versions each (an apiVersion may be anything a user typed).
    if (!this.kinds.has(kind)) return rt;
    if (!byVersion) {
      byVersion = new Map();
      this.resolved.set(kind, byVersion);
    }
    if (byVersion.size < 16) byVersion.set(apiVersion, rt);
    return rt;
  }

  private readonly resolved = new Map<string, Map<string, ResourceType | undefined>>();

  private resolveKind(apiVersion: string, kind: string): ResourceType | undefined {
    const candidates = this.kinds.get(kind);
    if (!candidates) return undefined;
    const slash = apiVersion.indexOf('/');
    // As split('/'): with more than one slash, the version is the part between the first two.
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const rest = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const slash2 = rest.indexOf('/');
    const version = slash2 < 0 ? rest : rest.slice(0, slash2);
    for (const t of candidates) if (t.group === group && t.version === version) return t;
    for (const t of candidates) if (t.group === group && t.alternateVersions?.some((a) => a.version === version)) return t;
    return undefined;
  }

  /** Resolve by kind alone (any version), for messages. */
  byKind(kind: string): ResourceType | undefined {
    return this.types.find((t) => t.kind === kind);
  }

  /** Resolve the plural REST name, e.g. `pods` or `deployments` (the store key). */
  byPlural(plural: string): ResourceType | undefined {
    return this.plurals.get(plural);
  }
}
