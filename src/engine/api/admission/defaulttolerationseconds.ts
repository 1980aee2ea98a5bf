import type { AdmissionPlugin } from '../server.ts';

type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

const notReady = 'node.kubernetes.io/not-ready';
const unreachable = 'node.kubernetes.io/unreachable';

function tolerates(list: Toleration[], key: string): boolean {
  return list.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
}

/**
 * DefaultTolerationSeconds: pods that do not tolerate the not-ready / unreachable NoExecute taints get
 * a 300 s toleration for each, so they are evicted five minutes after their node goes away.
 */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  mutate(a) {
    if (a.resource.plural !== 'pods' || a.subresource !== '' || a.operation === 'DELETE') return;
    const spec = (a.object.spec ??= {}) as { tolerations?: Toleration[] };
    const list = spec.tolerations ?? [];
    const add: Toleration[] = [];
    for (const key of [notReady, unreachable]) {
      if (!tolerates(list, key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    if (add.length > 0) spec.tolerations = [...list, ...add];
  },
};
