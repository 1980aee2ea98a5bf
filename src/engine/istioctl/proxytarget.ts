import type { KubectlContext } from '../kubectl/command.ts';
import { istioctlError } from './command.ts';
import type { IstiodService, ProxyConfig } from '../mesh/envoy/types.ts';

/**
 * Resolve istioctl's `POD[.NAMESPACE]` (or `deployment/NAME`) argument to a proxy's config, with istioctl's
 * errors for pods without a sidecar and a missing control plane.
 */
export function proxyConfigOf(ctx: KubectlContext, arg: string | undefined, namespaceFlag: string): ProxyConfig {
  if (!arg) throw istioctlError('pod name or --file is required');
  let name = arg;
  let ns = namespaceFlag || 'default';
  if (arg.includes('/')) {
    const [kind, n] = arg.split('/', 2);
    const dot = n.lastIndexOf('.');
    const depName = dot > 0 ? n.slice(0, dot) : n;
    if (dot > 0) ns = n.slice(dot + 1);
    if (kind !== 'deployment' && kind !== 'deploy' && kind !== 'pod') throw istioctlError(`unsupported resource type "${kind}"`);
    if (kind === 'pod') name = depName;
    else {
      const pod = ctx.rt.store.list('pods', ns).find((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet' && o.name.startsWith(`${depName}-`)));
      if (!pod) throw istioctlError(`no pods found for deployment "${depName}" in namespace "${ns}"`);
      name = pod.metadata.name ?? '';
    }
  } else {
    const dot = arg.lastIndexOf('.');
    if (dot > 0) {
      name = arg.slice(0, dot);
      ns = arg.slice(dot + 1);
    }
  }
  const pod = ctx.rt.store.get('pods', ns, name);
  if (!pod) throw istioctlError(`pods "${name}" not found`);
  const istiod = ctx.rt.service<IstiodService & { running(): boolean }>('istiod');
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const cfg = istiod?.configFor(ns, name);
  if (!cfg || phase !== 'Running') {
    throw istioctlError(`failed to execute command on ${name}.${ns} sidecar: error execing into ${name}/${ns} istio-proxy container: container istio-proxy is not valid for pod ${name}`);
  }
  return cfg;
}

/** Proto JSON as istioctl prints it (json.MarshalIndent with 4 spaces), or YAML. */
export function dumpJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}
