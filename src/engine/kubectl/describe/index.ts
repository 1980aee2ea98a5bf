// Every describer registers itself; importing this module loads them all.
import './pod.ts';
import './node.ts';
import './workloads.ts';
import './batch.ts';
import './service.ts';
import './misc.ts';
import './sets.ts';
import './policy.ts';
import './horizontalpodautoscaler.ts';
import './networkpolicy.ts';
import './ingress.ts';
import './ingressclass.ts';
import './storage.ts';
import './endpointslice.ts';
import './rbac.ts';
import type { KubeObject } from '../../api/types.ts';
import { describeGeneric } from './generic.ts';
import { describerFor } from './registry.ts';
import type { DescribeContext } from './writer.ts';

/** `kubectl describe` text for one object: the kind's describer, or the generic one. */
export function describeObject(obj: KubeObject, ctx: DescribeContext): string {
  return (describerFor(obj.kind) ?? describeGeneric)(obj, ctx);
}

export type { DescribeContext } from './writer.ts';
