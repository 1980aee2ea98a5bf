import type { KubeObject } from '../../engine/index.ts';
import { TRACKED_KINDS, type ClusterSource, type TrackedKind } from './clusterSource.ts';

const BY_NAME = new Map<string, TrackedKind>();
for (const [kind, plural] of Object.entries(TRACKED_KINDS) as Array<[TrackedKind, string]>) {
  BY_NAME.set(kind.toLowerCase(), kind);
  BY_NAME.set(plural, kind);
}

/**
 * Synchronous `get`/`list` over the mirror's tracked kinds (pods, Services, workloads…), for views that must
 * answer while the user types (the editor's lint). Other kinds read as absent.
 */
export function mirrorReader(source: ClusterSource): { list(kind: string, namespace?: string): KubeObject[]; get(kind: string, name: string, namespace?: string): KubeObject | undefined } {
  const objects = (kind: string) => {
    const k = BY_NAME.get(kind.toLowerCase());
    return k ? source.getSnapshot().byKind[k] : [];
  };
  const inNs = (o: KubeObject, ns: string | undefined) => ns === undefined || !o.metadata?.namespace || o.metadata.namespace === ns;
  return {
    list: (kind, namespace) => objects(kind).filter((o) => inNs(o, namespace)),
    get: (kind, name, namespace) => objects(kind).find((o) => o.metadata?.name === name && inNs(o, namespace ?? 'default')),
  };
}
