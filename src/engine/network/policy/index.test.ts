import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { NETWORK_POLICY, type NetworkPolicyService } from './index.ts';

// The pod-IP index behind NetworkPolicy peers (a policy's podSelector is matched against the pod owning an IP):
// it follows pods through their lifetime from store events. A host-network pod shares its node's IP and is not
// a pod peer (the NetworkPolicy API: "hostNetwork pods are not selected by podSelector").
describe('NetworkPolicy pod-IP index', () => {
  const podIP = (c: ReturnType<typeof createCluster>, name: string) => (c.get('pods', name, 'default')?.status as { podIP?: string } | undefined)?.podIP;
  const cases: Array<{ name: string; steps: string[]; pod: string; want: (ip: string) => string | undefined }> = [
    { name: 'a running pod is found by its IP', steps: ['kubectl run a --image=nginx:1.14'], pod: 'a', want: () => 'a' },
    { name: 'a deleted pod is no longer found', steps: ['kubectl run a --image=nginx:1.14', 'sleep 5', 'kubectl delete pod a --wait=false', 'sleep 60'], pod: 'a', want: () => undefined },
    {
      name: 'a host-network pod is not a pod peer',
      steps: [`kubectl run h --image=nginx:1.14 --overrides='{"spec":{"hostNetwork":true}}'`],
      pod: 'h',
      want: () => undefined,
    },
  ];
  it.each(cases)('$name', ({ steps, pod, want }) => {
    const c = createCluster({ nodes: 1 });
    let ip: string | undefined;
    for (const s of steps) {
      const r = c.run(s);
      expect(r.exitCode, `${s}: ${r.stderr}`).toBe(0);
      c.advance(5000);
      ip = podIP(c, pod) ?? ip;
    }
    expect(ip, 'the pod got an IP').toBeTruthy();
    const svc = c.runtime.service<NetworkPolicyService>(NETWORK_POLICY)!;
    expect(svc.podByIP(ip!)?.metadata.name).toBe(want(ip!));
    expect(c.runtime.internalErrors).toEqual([]);
  });
});
