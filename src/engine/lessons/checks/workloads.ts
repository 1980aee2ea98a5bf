import type { KubeObject } from '../../api/types.ts';
import { listOf, lookup, validSelector } from './objects.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

type Status = { replicas?: number; availableReplicas?: number; updatedReplicas?: number; readyReplicas?: number; observedGeneration?: number };

registerPredicate({
  name: 'available',
  summary: 'a Deployment (or StatefulSet) has exactly N replicas, all updated and available: a finished rollout',
  args: { deployment: { type: 'string' }, statefulset: { type: 'string' }, namespace: { type: 'string' }, replicas: { type: 'number', required: true } },
  oneOf: [['deployment', 'statefulset']],
  evaluate(ctx, a): CheckResult {
    const kind = a.deployment ? 'deployments' : 'statefulsets';
    const name = (a.deployment ?? a.statefulset) as string;
    const o = lookup(ctx, kind, name, a.namespace as string | undefined);
    if (!o) return { pass: false, detail: `${kind.slice(0, -1)} ${name} not found` };
    const s = ((o as unknown as { status?: Status }).status ?? {}) as Status;
    const want = a.replicas as number;
    const avail = kind === 'deployments' ? s.availableReplicas ?? 0 : s.availableReplicas ?? s.readyReplicas ?? 0;
    const pass = (o as unknown as { spec?: { replicas?: number } }).spec?.replicas === want && (s.observedGeneration ?? 0) >= (o.metadata.generation ?? 0) && s.replicas === want && (s.updatedReplicas ?? 0) === want && avail === want;
    return { pass, detail: `${name}: ${avail}/${want} available, ${s.updatedReplicas ?? 0} updated, ${s.replicas ?? 0} total` };
  },
});

function images(pod: KubeObject, container?: string): string[] {
  const cs = ((pod as unknown as { spec?: { containers?: Array<{ name: string; image?: string }> } }).spec?.containers ?? []);
  return cs.filter((c) => !container || c.name === container).map((c) => c.image ?? '');
}

registerPredicate({
  name: 'image',
  summary: 'every live Pod matching the selector (at least one) runs the image (in every container, or the named one)',
  args: { selector: { type: 'string', required: true }, namespace: { type: 'string' }, image: { type: 'string', required: true }, container: { type: 'string' } },
  validate: (a) => validSelector(a.selector),
  evaluate(ctx, a): CheckResult {
    const pods = listOf(ctx, 'pods', a.namespace as string | undefined, a.selector as string).filter((p) => !p.metadata.deletionTimestamp);
    const wrong = pods.filter((p) => images(p, a.container as string | undefined).some((i) => i !== a.image));
    return {
      pass: pods.length > 0 && wrong.length === 0,
      detail: pods.length ? `${pods.length - wrong.length}/${pods.length} pods with ${a.selector} run ${a.image}` : `no pods with ${a.selector}`,
    };
  },
});

registerPredicate({
  name: 'rolloutUndone',
  summary: 'the Deployment was rolled back: its newest ReplicaSet reuses an older revision (kubectl rollout undo)',
  args: { deployment: { type: 'string', required: true }, namespace: { type: 'string' } },
  evaluate(ctx, a): CheckResult {
    const d = lookup(ctx, 'deployments', a.deployment as string, a.namespace as string | undefined);
    if (!d) return { pass: false, detail: `deployment ${a.deployment} not found` };
    const owned = listOf(ctx, 'replicasets', a.namespace as string | undefined).filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid));
    const rev = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const newest = owned.reduce<KubeObject | undefined>((m, rs) => (!m || rev(rs) > rev(m) ? rs : m), undefined);
    const history = newest?.metadata.annotations?.['deployment.kubernetes.io/revision-history'];
    return { pass: !!history, detail: newest ? `revision ${rev(newest)} (${newest.metadata.name})${history ? ` was revision ${history}` : ' is new'}` : 'no ReplicaSets' };
  },
});
