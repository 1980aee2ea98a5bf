import type { KubeObject } from '../../api/types.ts';
import { addNode } from '../../nodes/index.ts';
import { ClusterRuntime, type NodeSpec } from '../../runtime.ts';
import { startScheduler } from '../index.ts';
import type { Scheduler } from '../scheduler.ts';

/**
 * A runtime with only the scheduler and registered nodes: no kubelets or controllers, so tests (and the
 * scheduling benchmark) see exactly what the scheduler does and nothing moves pods on its own.
 */
export function bareCluster(nodes: NodeSpec[], seed = 1): { rt: ClusterRuntime; scheduler: Scheduler; createPod(name: string, requests?: Record<string, string>, spec?: Record<string, unknown>): KubeObject } {
  const rt = new ClusterRuntime({ seed, nodes: [] });
  for (const name of ['default', 'kube-node-lease']) rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const scheduler = startScheduler(rt);
  for (const n of nodes) addNode(rt, n);
  rt.settle();
  return {
    rt,
    scheduler,
    createPod(name, requests, spec = {}) {
      return rt.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default' },
        spec: { containers: [{ name: 'app', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }], ...spec },
      });
    },
  };
}
