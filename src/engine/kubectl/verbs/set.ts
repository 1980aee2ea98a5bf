// `kubectl set image` (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go).
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { resolveResources } from '../resources.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { dryRunFlag, dryRunStrategy, dryRunSuffix, kindString, reportErrors } from '../apply/report.ts';
import { setResourcesCommand } from './set-resources.ts';

type PodSpec = { containers?: Array<{ name: string; image?: string }>; initContainers?: Array<{ name: string; image?: string }> };

/** The pod spec inside an object (pods, workload templates, cron job templates), or undefined. */
export function podSpecOf(o: KubeObject): PodSpec | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec as PodSpec;
  if (o.kind === 'CronJob') {
    const jt = spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined;
    return jt?.spec?.template?.spec;
  }
  if (['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'PodTemplate'].includes(o.kind)) {
    return (spec.template as { spec?: PodSpec } | undefined)?.spec;
  }
  return undefined;
}

function setImages(obj: KubeObject, rt: ResourceType, images: Array<[string, string]>): KubeObject {
  const copy = clone(obj);
  const ps = podSpecOf(copy);
  if (!ps) {
    throw new KubectlError(`${rt.plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: *${rt.version}.${rt.kind}`);
  }
  const all = [...(ps.initContainers ?? []), ...(ps.containers ?? [])];
  for (const [name, image] of images) {
    const matched = name === '*' ? all : all.filter((c) => c.name === name);
    if (matched.length === 0) throw new KubectlError(`unable to find container named "${name}"`);
    for (const c of matched) c.image = image;
  }
  return copy;
}

function runSetImage(ctx: KubectlContext, args: ParsedArgs): number {
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  const resources = args.positional.filter((a) => !a.includes('='));
  const images: Array<[string, string]> = args.positional
    .filter((a) => a.includes('='))
    .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
  if (images.length === 0) throw new KubectlError('at least one image update is required');
  const r = resolveResources(ctx.api, {
    args: resources,
    namespace: ctx.namespace,
    allNamespaces: args.bool('all-namespaces'),
    selector: args.str('selector'),
    selectAll: args.bool('all'),
  });
  const errors: unknown[] = [...r.errors];
  for (const info of r.infos) {
    for (const obj of info.objects) {
      try {
        const updated = setImages(obj, info.rt, images);
        if (JSON.stringify(updated) === JSON.stringify(obj)) continue;
        const result = dry === 'client' ? updated : ctx.api.update(updated, { dryRun: dry === 'server' });
        if (output === '') ctx.out(`${kindString(info.rt)}/${obj.metadata.name} image updated${dryRunSuffix(dry)}\n`);
        else printObject(ctx, result, info.rt, output, true, '', true);
      } catch (e) {
        errors.push(e);
      }
    }
  }
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'set',
  short: 'Set specific features on objects',
  subcommands: [
    {
      name: 'image',
      short: 'Update the image of a pod template',
      flags: [
        dryRunFlag,
        { name: 'output', short: 'o', type: 'string' },
        { name: 'selector', short: 'l', type: 'string' },
        { name: 'all', type: 'bool' },
        { name: 'all-namespaces', short: 'A', type: 'bool' },
        { name: 'local', type: 'bool' },
        { name: 'record', type: 'bool' },
        { name: 'filename', short: 'f', type: 'stringSlice' },
        { name: 'field-manager', type: 'string', default: 'kubectl-set' },
      ],
      run: runSetImage,
    },
    setResourcesCommand,
  ],
});
