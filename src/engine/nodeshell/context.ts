import type { ClusterRuntime } from '../runtime.ts';
import type { CniService } from '../network/cni/index.ts';
import type { KubeProxyService } from '../network/proxy/index.ts';

export interface NodeCtx {
  rt: ClusterRuntime;
  node: string;
  args: string[];
  out(text: string): void;
  err(text: string): void;
}

export type NodeCommand = (c: NodeCtx) => number;

export const cniOf = (rt: ClusterRuntime) => rt.service<CniService>('cni');
export const proxyOf = (rt: ClusterRuntime) => rt.service<KubeProxyService>('kube-proxy');
