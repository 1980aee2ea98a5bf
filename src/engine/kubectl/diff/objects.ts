/**
 * What `kubectl diff` compares (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go): for each object of the
 * manifests, the live object and the object the server would have after `kubectl apply` (client-side apply's
 * three-way merge sent as a server dry run; a dry-run create when it does not exist), both printed as YAML
 * without managedFields, Secret data masked, in files named `group.version.Kind.namespace.name`.
 */
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { threeWayMerge } from '../../api/patch/index.ts';
import { clone } from '../../store/store.ts';
import type { KubectlContext } from '../command.ts';
import type { ManifestObject } from '../manifest.ts';
import { toYaml } from '../output/yaml.ts';
import { lastAppliedAnnotation, readLastApplied } from '../apply/lastapplied.ts';

export interface DiffPair {
  name: string;
  live?: string;
  merged?: string;
}

function fileName(rt: ResourceType, namespace: string, name: string): string {
  return `${rt.group ? `${rt.group}.` : ''}${rt.version}.${rt.kind}.${namespace}.${name}`;
}

function withoutManagedFields(o: KubeObject): KubeObject {
  const c = clone(o);
  if (c.metadata) delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
}

/** diff.Masker: Secret data values become `***`, or `*** (before)` / `*** (after)` where they differ. */
function maskSecrets(from: KubeObject | undefined, to: KubeObject | undefined): void {
  const data = (o: KubeObject | undefined) => (o as { data?: Record<string, string> } | undefined)?.data;
  const f = data(from);
  const t = data(to);
  if (f) {
    for (const k of Object.keys(f)) {
      if (t && k in t) {
        if (f[k] !== t[k]) {
          f[k] = '*** (before)';
          t[k] = '*** (after)';
          continue;
        }
        t[k] = '***';
      }
      f[k] = '***';
    }
  }
  if (t) for (const k of Object.keys(t)) if (!f || !(k in f)) t[k] = '***';
}

/** The live and merged YAML of one manifest object; throws the apiserver's errors (validation, ...). */
export function diffPair(ctx: KubectlContext, m: ManifestObject): DiffPair {
  const local = clone(m.obj);
  local.metadata ??= {};
  if (m.rt.namespaced) local.metadata.namespace = m.namespace;
  const live = ctx.api.tryGet(m.rt.plural, m.rt.namespaced ? m.namespace : undefined, m.name);
  let merged: KubeObject;
  if (!live) merged = ctx.api.create(local, { dryRun: true });
  else {
    // util.GetModifiedConfiguration(annotate=false): annotations present (maybe empty), without last-applied.
    const modified = clone(local);
    const annots = { ...(modified.metadata.annotations ?? {}) };
    delete annots[lastAppliedAnnotation];
    modified.metadata.annotations = annots;
    const next = threeWayMerge(readLastApplied(live), modified, live) as KubeObject;
    next.metadata.resourceVersion = live.metadata.resourceVersion;
    merged = ctx.api.update(next, { dryRun: true });
  }
  const l = live ? withoutManagedFields(live) : undefined;
  const r = withoutManagedFields(merged);
  if (m.rt.kind === 'Secret' && m.rt.group === '') maskSecrets(l, r);
  return { name: fileName(m.rt, m.rt.namespaced ? m.namespace : '', m.name), live: l && toYaml(l), merged: toYaml(r) };
}
