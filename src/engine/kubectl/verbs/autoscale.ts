// `kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`
// (staging/src/k8s.io/kubectl/pkg/cmd/autoscale): an autoscaling/v1 HorizontalPodAutoscaler for a
// deployment, replica set, stateful set or replication controller.
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { apiVersionOf } from '../../api/types.ts';
import { hpaV1ToV2 } from '../../api/kinds/horizontalpodautoscaler-v1.ts';
import { clone } from '../../store/store.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { filenameFlags } from '../apply/flags.ts';
import { dryRunStrategy, dryRunSuffix, reportErrors } from '../apply/report.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { withLastApplied } from '../apply/lastapplied.ts';
import { generatorFlags } from '../generators/submit.ts';
import { objectMeta } from '../generators/meta.ts';

/** Kinds whose scale subresource the apiserver serves. */
const scalable = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** createHorizontalPodAutoscaler: the v1 object, fields in Go struct order (for -o json). */
export function buildAutoscaler(refName: string, rt: Pick<ResourceType, 'kind' | 'group' | 'version'>, o: { name: string; min: number; max: number; cpuPercent: number }): KubeObject {
  const spec: Record<string, unknown> = { scaleTargetRef: { kind: rt.kind, name: refName, apiVersion: apiVersionOf(rt) } };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: objectMeta(o.name || refName, undefined),
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

function runAutoscale(ctx: KubectlContext, args: ParsedArgs): number {
  if (!args.has('max')) throw new KubectlError('required flag(s) "max" not set');
  const max = args.int('max');
  const min = args.int('min');
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  const targets: Array<{ rt: ResourceType; obj: KubeObject }> = [];
  const errors: unknown[] = [];
  const filenames = args.arr('filename');
  if (filenames.length > 0) {
    const r = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (r.errors.length > 0) return reportErrors(ctx, r.errors);
    for (const m of r.objects) targets.push({ rt: m.rt, obj: m.obj });
  } else {
    if (args.positional.length === 0) {
      throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace });
    errors.push(...r.errors);
    for (const i of r.infos) for (const obj of i.objects) targets.push({ rt: i.rt, obj });
  }
  let count = 0;
  for (const { rt, obj } of targets) {
    if (!scalable.has(rt.kind)) {
      errors.push(new KubectlError(`cannot autoscale a ${rt.kind}: could not find scale subresource for ${rt.group}/${rt.version}, Resource=${rt.plural} in discovery information`));
      break;
    }
    let hpa = buildAutoscaler(obj.metadata.name ?? '', rt, { name: args.str('name'), min, max, cpuPercent: args.int('cpu-percent') });
    if (args.bool('save-config')) hpa = withLastApplied(hpa).obj;
    count++;
    // Client dry-run reports the object as created; a real request as autoscaled (autoscale.go's two printers).
    if (dry === 'client') {
      printObject(ctx, hpa, ctx.api.resource('horizontalpodautoscalers'), output, count === 1, output === '' ? `created${dryRunSuffix(dry)}` : '', true);
      continue;
    }
    try {
      // The API stores autoscaling/v2: the v1 object is converted as the apiserver converts it.
      const v2 = clone(hpa);
      hpaV1ToV2(v2);
      delete v2.status;
      v2.metadata.namespace = ctx.namespace;
      const created = ctx.api.create(v2, { dryRun: dry === 'server' });
      printObject(ctx, created, ctx.api.resource('horizontalpodautoscalers'), output, count === 1, output === '' ? `autoscaled${dryRunSuffix(dry)}` : '');
    } catch (e) {
      errors.push(e);
      break;
    }
  }
  if (count === 0 && errors.length === 0) throw new KubectlError('no objects passed to autoscale');
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  flags: [
    ...filenameFlags,
    ...generatorFlags.map((f) => (f.name === 'field-manager' ? { ...f, default: 'kubectl-autoscale' } : f)),
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
    { name: 'name', type: 'string' },
    { name: 'record', type: 'bool', hidden: true },
  ],
  run: runAutoscale,
});
