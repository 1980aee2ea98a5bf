import { describe, expect, it } from 'vitest';
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../api/types.ts';
import { createCluster, type Cluster } from '../index.ts';
import { KUBELET_MANAGER } from './http.ts';
import type { KubeletManager } from './manager.ts';
import { mergeConditions } from './status.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const T0 = '2025-01-01T00:00:00Z';
const NOW = '2025-01-01T00:00:09Z';

describe('mergeConditions', () => {
  // The kubelet's status manager keeps lastTransitionTime unless the status flips (pkg/kubelet/status
  // status_manager.go, updateLastTransitionTime); an unchanged condition is the stored object itself.
  const stored = (c: Partial<Mut<PodCondition>>): Mut<PodCondition> =>
    ({ type: 'Ready', status: 'False', lastProbeTime: null as unknown as string, lastTransitionTime: T0, ...c }) as Mut<PodCondition>;
  const cases: Array<{ name: string; old: Mut<PodCondition>; fresh: Mut<PodCondition>; want: Record<string, unknown>; same: boolean }> = [
    {
      name: 'unchanged: the stored object',
      old: stored({ reason: 'ContainersNotReady', message: 'containers with unready status: [web]' }),
      fresh: { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' },
      want: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: T0, reason: 'ContainersNotReady', message: 'containers with unready status: [web]' },
      same: true,
    },
    {
      name: 'status flips: new transition time',
      old: stored({ reason: 'ContainersNotReady', message: 'containers with unready status: [web]' }),
      fresh: { type: 'Ready', status: 'True' },
      want: { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: NOW },
      same: false,
    },
    {
      name: 'message changes, status does not: transition time kept',
      old: stored({ reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' }),
      fresh: { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [b]' },
      want: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: T0, reason: 'ContainersNotReady', message: 'containers with unready status: [b]' },
      same: false,
    },
    {
      name: 'an empty stored reason is not the absent one',
      old: stored({ status: 'True', reason: '' }),
      fresh: { type: 'Ready', status: 'True' },
      want: { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T0 },
      same: false,
    },
    {
      name: 'a field the kubelet does not write is dropped',
      old: stored({ status: 'True', observedGeneration: 3 } as Partial<Mut<PodCondition>>),
      fresh: { type: 'Ready', status: 'True' },
      want: { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T0 },
      same: false,
    },
  ];
  it.each(cases)('$name', ({ old, fresh, want, same }) => {
    const scheduled = stored({ type: 'PodScheduled', status: 'True' });
    const out = mergeConditions([old, scheduled], [fresh], NOW);
    expect(out[0]).toStrictEqual(want);
    expect(out[0] === old).toBe(same);
    // Conditions other components own stay as they are, after the kubelet's.
    expect(out[1]).toBe(scheduled);
  });
});

function cluster(): Cluster {
  return createCluster({ nodes: 1, seed: 3 });
}

function createPod(c: Cluster, name: string, spec: Any): void {
  c.runtime.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec } as unknown as KubeObject);
  c.runtime.settle();
}

// The stored instance (Cluster.get hands out copies): status writes share unchanged parts with it.
const pod = (c: Cluster, name: string): Any => c.runtime.store.get('pods', 'default', name) as Any;

describe('status writes', () => {
  it('a container whose state did not change keeps its stored status object', () => {
    const c = cluster();
    // busybox is pulled after nginx (serialised pulls): nginx runs while busybox is still being created.
    createPod(c, 'two', { containers: [{ name: 'web', image: 'nginx:1.14' }, { name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    let first: Any | undefined;
    for (let i = 0; i < 100 && !first; i++) {
      c.advance(100);
      const [web, side] = pod(c, 'two').status.containerStatuses;
      if (web.state.running && side.state.waiting) first = web;
    }
    expect(first).toBeDefined();
    c.runUntilIdle();
    const [web, side] = pod(c, 'two').status.containerStatuses;
    expect(side.state.running).toBeDefined();
    expect(web).toBe(first);
    expect(pod(c, 'two').status.phase).toBe('Running');
  });

  it('a container status someone else overwrote is written back as the kubelet sees it', () => {
    const c = cluster();
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.14' }] });
    c.runUntilIdle();
    const mine = pod(c, 'web').status.containerStatuses[0];
    const p = structuredClone(pod(c, 'web'));
    p.status.containerStatuses[0] = { ...p.status.containerStatuses[0], ready: false, restartCount: 7 };
    c.runtime.api.updateStatus(p as KubeObject);
    const mgr = c.runtime.service<KubeletManager>(KUBELET_MANAGER)!;
    mgr.worker('default', 'web')!.markDirty();
    c.runtime.settle();
    expect(pod(c, 'web').status.containerStatuses[0]).toStrictEqual(mine);
  });
});

describe('sandbox and container start in one sync', () => {
  // Upstream's kubelet (pkg/kubelet/kubelet.go SyncPod) writes the status it generated before calling the
  // runtime's SyncPod (kuberuntime_manager.go), which creates the sandbox, pulls images and starts the
  // containers in one go; the next status (after PLEG sees the containers) has the IP and the started
  // containers. A sandbox whose containers cannot start (a failed pull) is reported with that failure.
  const readyToStart = (c: Cluster, name: string) => pod(c, name).status.conditions.find((x: Any) => x.type === 'PodReadyToStartContainers')?.status;
  const cases: Array<{ name: string; image: string; want: Array<{ status: string; ip: boolean; readyToStart: string }> }> = [
    {
      name: 'a pull that succeeds: ContainerCreating without an IP, then Running with it',
      image: 'nginx:1.14',
      want: [
        { status: 'ContainerCreating', ip: false, readyToStart: 'False' },
        { status: 'Running', ip: true, readyToStart: 'True' },
      ],
    },
    {
      name: 'a pull that fails: the sandbox is reported with the failure',
      image: 'nginx:no-such-tag',
      want: [
        { status: 'ContainerCreating', ip: false, readyToStart: 'False' },
        { status: 'ErrImagePull', ip: true, readyToStart: 'True' },
      ],
    },
  ];
  it.each(cases)('$name', ({ image, want }) => {
    const c = cluster();
    createPod(c, 'p', { containers: [{ name: 'app', image }] });
    const seen: Array<{ status: string; ip: boolean; readyToStart: string }> = [];
    let last: unknown;
    for (let i = 0; i < 200 && seen.length < want.length; i++) {
      const p = pod(c, 'p');
      if (p.status !== last && p.status.containerStatuses) {
        last = p.status;
        const st = p.status.containerStatuses[0].state;
        seen.push({ status: st.running ? 'Running' : st.waiting.reason, ip: !!p.status.podIP, readyToStart: readyToStart(c, 'p') });
      }
      c.advance(50);
    }
    expect(seen).toEqual(want);
  });
});
