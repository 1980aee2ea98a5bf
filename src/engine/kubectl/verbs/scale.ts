// `kubectl scale` (staging/src/k8s.io/kubectl/pkg/cmd/scale): replicas of deployments, replica sets,
// replication controllers (and stateful sets when served), with --current-replicas / --resource-version.
import { notFound } from '../../api/errors.ts';
import { StatusError, type KubeObject } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { filenameFlags } from '../apply/flags.ts';
import { dryRunFlag, dryRunStrategy, dryRunSuffix, kindString, reportErrors } from '../apply/report.ts';
import type { ResourceType } from '../../api/types.ts';

const scalable = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

function runScale(ctx: KubectlContext, args: ParsedArgs): number {
  if (!args.has('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
  if (args.int('replicas') < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const replicas = args.int('replicas');
  const dry = dryRunStrategy(args.str('dry-run'));
  const current = args.int('current-replicas');
  const rv = args.str('resource-version');
  let targets: Array<{ rt: ResourceType; obj: KubeObject }> = [];
  const errors: unknown[] = [];
  const filenames = args.arr('filename');
  if (filenames.length > 0) {
    const r = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (r.errors.length > 0) return reportErrors(ctx, r.errors);
    for (const m of r.objects) {
      const live = ctx.api.tryGet(m.rt.plural, m.rt.namespaced ? m.namespace : undefined, m.name);
      if (live) targets.push({ rt: m.rt, obj: live });
      else errors.push(notFound(m.rt, m.name));
    }
  } else {
    const r = resolveResources(ctx.api, {
      args: args.positional,
      namespace: ctx.namespace,
      allNamespaces: args.bool('all-namespaces'),
      selector: args.str('selector'),
      selectAll: args.bool('all'),
    });
    errors.push(...r.errors);
    targets = r.infos.flatMap((i) => i.objects.map((obj) => ({ rt: i.rt, obj })));
  }
  if (targets.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to scale');
  if ((current >= 0 || rv) && targets.length > 1) {
    throw new KubectlError('cannot use --resource-version with multiple resources');
  }
  for (const { rt, obj } of targets) {
    if (!scalable.has(rt.kind)) {
      errors.push(new StatusError(404, 'NotFound', `the server could not find the requested resource`));
      continue;
    }
    const spec = (obj.spec ?? {}) as { replicas?: number };
    const have = spec.replicas ?? 1;
    if (current >= 0 && current !== have) {
      errors.push(new KubectlError(`Expected replicas to be ${current}, was ${have}`));
      continue;
    }
    if (rv && rv !== obj.metadata.resourceVersion) {
      errors.push(new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`));
      continue;
    }
    try {
      if (dry !== 'client') {
        ctx.api.modify(rt.plural, obj.metadata.namespace, obj.metadata.name ?? '', (o) => {
          (o.spec as { replicas?: number }).replicas = replicas;
        }, { dryRun: dry === 'server' });
      }
      ctx.out(`${kindString(rt)}/${obj.metadata.name} scaled${dryRunSuffix(dry)}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    ...filenameFlags,
    dryRunFlag,
    { name: 'replicas', type: 'int', default: 0 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'timeout', type: 'duration', default: '0s' },
  ],
  run: runScale,
});
