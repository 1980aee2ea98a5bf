import type { ResourceType } from './types.ts';

/**
 * Discovery: every resource type the API serves. Kinds register themselves from `api/kinds/*.ts` (one file
 * each), collected in `api/kinds/index.ts`. Lookups accept what kubectl accepts: plural, singular, short
 * name, kind (any case), and any of those qualified with the group (`deployments.apps`, `deploy.apps`).
 */
export class ResourceRegistry {
  private types: ResourceType[] = [];
  private byName = new Map<string, ResourceType>();

  register(rt: ResourceType): void {
    this.types.push(rt);
    const names = [rt.plural, rt.singular, rt.kind.toLowerCase(), ...rt.shortNames];
    for (const n of names) {
      if (!this.byName.has(n)) this.byName.set(n, rt);
      if (rt.group) this.byName.set(`${n}.${rt.group}`, rt);
      this.byName.set(`${n}.${rt.version}.${rt.group}`.replace(/\.$/, ''), rt);
    }
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
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.types.find((t) => t.kind === kind && t.group === group && t.version === version);
  }

  /** Resolve by kind alone (any version), for messages. */
  byKind(kind: string): ResourceType | undefined {
    return this.types.find((t) => t.kind === kind);
  }

  /** Resolve the plural REST name, e.g. `pods` or `deployments` (the store key). */
  byPlural(plural: string): ResourceType | undefined {
    return this.types.find((t) => t.plural === plural);
  }
}
