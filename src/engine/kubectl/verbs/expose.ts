// `kubectl expose (-f FILE | TYPE NAME)` (staging/src/k8s.io/kubectl/pkg/cmd/expose): a Service for a
// pod, service, replication controller, deployment or replica set.
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { filenameFlags } from '../apply/flags.ts';
import { reportErrors } from '../apply/report.ts';
import { buildExposeService, checkServiceType, portsFor, selectorFor } from '../generators/expose.ts';
import { parseLabelSpec } from '../generators/pod.ts';
import { enforcedNamespace } from '../generators/meta.ts';
import { generatorFlags, submitGenerated } from '../generators/submit.ts';

const exposable = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);

function parseSelectorFlag(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const m = /^([^=!]+)==?(.*)$/.exec(part.trim());
    if (!m) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: invalid selector "${s}"`);
    out[m[1].trim()] = m[2].trim();
  }
  return out;
}

function exposeOne(ctx: KubectlContext, args: ParsedArgs, rt: ResourceType, obj: KubeObject): void {
  if (!exposable.has(rt.kind)) throw new KubectlError(`cannot expose a ${rt.kind}`);
  let selector: Record<string, string>;
  if (args.str('selector')) selector = parseSelectorFlag(args.str('selector'));
  else {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  let ports: Array<{ port: number; protocol: string }>;
  if (args.str('port')) {
    ports = args.str('port').split(',').map((p) => {
      if (!/^\d+$/.test(p.trim())) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
      return { port: parseInt(p, 10), protocol: 'TCP' };
    });
  } else {
    ports = portsFor(obj);
    if (ports.length === 0 && args.str('type') !== 'ExternalName') throw new KubectlError("couldn't find port via --port flag or introspection");
  }
  checkServiceType(args.str('type'));
  const labels = args.str('labels') ? parseLabelSpec(args.str('labels')) : { ...(obj.metadata.labels ?? {}) };
  const svc = buildExposeService({
    name: args.str('name') || (obj.metadata.name ?? ''),
    namespace: enforcedNamespace(ctx.namespace, ctx.namespaceExplicit),
    labels,
    selector,
    ports,
    targetPort: args.str('target-port'),
    type: args.str('type'),
    clusterIP: args.str('cluster-ip'),
    externalIP: args.str('external-ip'),
    loadBalancerIP: args.str('load-balancer-ip'),
    sessionAffinity: args.str('session-affinity'),
    portName: args.str('port-name') ?? '',
    protocol: args.str('protocol'),
  });
  submitGenerated(ctx, args, svc, { operation: 'exposed' });
}

function runExpose(ctx: KubectlContext, args: ParsedArgs): number {
  const targets: Array<{ rt: ResourceType; obj: KubeObject }> = [];
  const errors: unknown[] = [];
  const filenames = args.arr('filename');
  if (filenames.length > 0) {
    const r = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (r.errors.length > 0) return reportErrors(ctx, r.errors);
    for (const m of r.objects) targets.push({ rt: m.rt, obj: { ...m.obj, metadata: { ...m.obj.metadata, namespace: m.namespace } } });
  } else {
    if (args.positional.length === 0) {
      throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace });
    errors.push(...r.errors);
    for (const i of r.infos) for (const obj of i.objects) targets.push({ rt: i.rt, obj });
  }
  for (const t of targets) {
    try {
      exposeOne(ctx, args, t.rt, t.obj);
    } catch (e) {
      errors.push(e);
    }
  }
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    ...filenameFlags,
    ...generatorFlags.map((f) => (f.name === 'field-manager' ? { ...f, default: 'kubectl-expose' } : f)),
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'port-name', type: 'string' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'overrides', type: 'string' },
  ],
  run: runExpose,
});
