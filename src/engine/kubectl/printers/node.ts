import type { Node } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

const rolePrefix = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted, unique. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(rolePrefix)) {
      const role = k.slice(rolePrefix.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** The STATUS column: Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

registerTableHandler({
  kind: 'Node',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Status' },
    { name: 'Roles' },
    { name: 'Age' },
    { name: 'Version' },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  row: (o, ctx) => {
    const n = o as unknown as Node;
    const roles = nodeRoles(n.metadata?.labels).join(',') || '<none>';
    const info = n.status?.nodeInfo;
    const cells = [n.metadata?.name ?? '', nodeStatus(n), roles, age(n.metadata?.creationTimestamp, ctx), info?.kubeletVersion ?? ''];
    if (ctx.wide) {
      cells.push(
        address(n, 'InternalIP'),
        address(n, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  },
});
