import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { endpointKey, portsKey, type SliceEndpoint, type SlicePort } from './endpoint.ts';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface DesiredGroup {
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

export interface SlicePlan {
  /** New slices: ports and endpoints (metadata filled in by the caller). */
  create: Array<{ ports: SlicePort[]; endpoints: SliceEndpoint[] }>;
  /** Existing slices with their new endpoints (and current metadata to refresh). */
  update: Array<{ slice: KubeObject; endpoints: SliceEndpoint[] }>;
  delete: KubeObject[];
  /** Existing slices left as they are (their labels may still need a refresh). */
  keep: KubeObject[];
}

function endpointsOf(slice: KubeObject): SliceEndpoint[] {
  return (slice.endpoints as SliceEndpoint[] | null | undefined) ?? [];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go, reconcileByPortMapping),
 * per set of ports: existing slices keep the endpoints still wanted (updated in place), lose the others and
 * are deleted when emptied; new endpoints first fill slices already being updated, then other slices with
 * room, then new slices of at most MAX_ENDPOINTS_PER_SLICE. A Service with no endpoints keeps one
 * placeholder slice without ports.
 */
export function planSlices(existing: KubeObject[], desired: DesiredGroup[], max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [], keep: [] };
  const byPorts = new Map<string, DesiredGroup>();
  for (const g of desired) if (g.endpoints.length) byPorts.set(portsKey(g.ports), g);
  const existingByPorts = new Map<string, KubeObject[]>();
  for (const s of existing) {
    const k = portsKey(s.ports as SlicePort[] | undefined);
    const list = existingByPorts.get(k) ?? [];
    list.push(s);
    existingByPorts.set(k, list);
  }
  for (const [k, slices] of existingByPorts) if (!byPorts.has(k)) plan.delete.push(...slices);

  for (const [k, group] of byPorts) {
    const want = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
    const updates: Array<{ slice: KubeObject; endpoints: SliceEndpoint[] }> = [];
    const unchanged: KubeObject[] = [];
    for (const slice of existingByPorts.get(k) ?? []) {
      const kept: SliceEndpoint[] = [];
      let changed = false;
      for (const ep of endpointsOf(slice)) {
        const key = endpointKey(ep);
        const w = want.get(key);
        if (!w) {
          changed = true;
          continue;
        }
        if (!same(ep, w)) changed = true;
        kept.push(w);
        want.delete(key);
      }
      if (kept.length === 0) plan.delete.push(slice);
      else if (changed) updates.push({ slice, endpoints: kept });
      else unchanged.push(slice);
    }
    const remaining = [...want.values()];
    // Fill slices already being updated, then untouched slices with room (fullest first).
    for (const u of updates) while (remaining.length && u.endpoints.length < max) u.endpoints.push(remaining.shift()!);
    const roomy = unchanged.filter((s) => endpointsOf(s).length < max).sort((a, b) => endpointsOf(b).length - endpointsOf(a).length);
    for (const s of roomy) {
      if (!remaining.length) break;
      const eps = clone(endpointsOf(s));
      while (remaining.length && eps.length < max) eps.push(remaining.shift()!);
      updates.push({ slice: s, endpoints: eps });
      unchanged.splice(unchanged.indexOf(s), 1);
    }
    while (remaining.length) plan.create.push({ ports: group.ports, endpoints: remaining.splice(0, max) });
    plan.update.push(...updates);
    plan.keep.push(...unchanged);
  }

  // When no slices would exist, keep (or create) a placeholder without ports or endpoints.
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    const placeholder = plan.delete.find((s) => endpointsOf(s).length === 0 && !(s.ports as unknown[] | undefined)?.length);
    if (placeholder) {
      plan.delete.splice(plan.delete.indexOf(placeholder), 1);
      plan.keep.push(placeholder);
    } else {
      plan.create.push({ ports: [], endpoints: [] });
    }
  }
  return plan;
}
