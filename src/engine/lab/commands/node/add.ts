import type { CommandSpec } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import type { ParsedArgs } from '../../../kubectl/flags.ts';
import { parseTaint, TaintSpecError } from '../../../kubectl/nodes/taints.ts';
import { CONTROL_PLANE_ROLE_LABEL, EXCLUDE_FROM_LB_LABEL } from '../../../nodes/defaults.ts';
import type { NodeSpec } from '../../../runtime.ts';
import { parseQuantity } from '../../../util/quantity.ts';
import { nodeArg, nodesService } from './shared.ts';
import { addNodeImages, parseImages } from './images.ts';

type Effect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

function quantityFlag(args: ParsedArgs, flag: string): string | undefined {
  if (!args.has(flag)) return undefined;
  const v = args.str(flag);
  try {
    parseQuantity(v);
  } catch (e) {
    throw new KubectlError(`invalid --${flag} value "${v}": ${e instanceof Error ? e.message : String(e)}`);
  }
  return v;
}

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const i = part.indexOf('=');
    if (i < 0) throw new KubectlError(`invalid label "${part}": expected key=value`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

function parseTaints(text: string): NonNullable<NodeSpec['taints']> {
  const out: NonNullable<NodeSpec['taints']> = [];
  for (const part of text.split(',').filter((p) => p !== '')) {
    try {
      const t = parseTaint(part);
      if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${part}`);
      out.push(t.value ? { key: t.key, value: t.value, effect: t.effect as Effect } : { key: t.key, effect: t.effect as Effect });
    } catch (e) {
      throw new KubectlError(e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}

/** `lab node add NAME`: a new worker joins, as a kubelet registering with the cluster. */
export const nodeAdd: CommandSpec = {
  name: 'add',
  short: 'Add a node to the cluster',
  help:
    'Add a node: a kubelet registers it (Node, Lease, status, join events) and it starts taking pods.\n\n' +
    'Examples:\n  lab node add worker-3\n  lab node add big --cpu 16 --memory 64Gi --labels disk=ssd,zone=a\n' +
    '  lab node add gpu-1 --taints gpu=true:NoSchedule --images nginx:1.27=68\n\n' +
    'Options:\n' +
    '    --control-plane=false:\n\tRegister a control-plane node (role label and node-role.kubernetes.io/control-plane:NoSchedule taint).\n\n' +
    "    --cpu='4':\n\tCPU capacity.\n\n" +
    "    --images='':\n\tImages already on the node, as name:tag=sizeMB,... (pods using them start without pulling).\n\n" +
    "    --labels='':\n\tExtra node labels, as key=value,...\n\n" +
    "    --memory='8Gi':\n\tMemory capacity.\n\n" +
    '    --pods=110:\n\tMaximum number of pods.\n\n' +
    "    --taints='':\n\tTaints, as key=value:Effect,...\n\n" +
    'Usage:\n  lab node add NAME [options]\n',
  flags: [
    { name: 'cpu', type: 'string', default: '4' },
    { name: 'memory', type: 'string', default: '8Gi' },
    { name: 'pods', type: 'int', default: 110 },
    { name: 'labels', type: 'string', default: '' },
    { name: 'taints', type: 'string', default: '' },
    { name: 'images', type: 'string', default: '' },
    { name: 'control-plane', type: 'bool' },
  ],
  run(ctx, args) {
    const name = nodeArg(args, 'add');
    const pods = args.int('pods');
    if (pods < 0) throw new KubectlError(`invalid --pods value ${pods}: must be zero or more`);
    const spec: NodeSpec = { name, cpu: quantityFlag(args, 'cpu'), memory: quantityFlag(args, 'memory'), pods };
    const labels = parseLabels(args.str('labels'));
    const taints = parseTaints(args.str('taints'));
    if (args.bool('control-plane')) {
      labels[CONTROL_PLANE_ROLE_LABEL] = '';
      labels[EXCLUDE_FROM_LB_LABEL] = '';
      taints.unshift({ key: CONTROL_PLANE_ROLE_LABEL, effect: 'NoSchedule' });
    }
    if (Object.keys(labels).length > 0) spec.labels = labels;
    if (taints.length > 0) spec.taints = taints;
    const images = parseImages(args.str('images'));
    nodesService(ctx.rt).add(spec);
    if (images.length > 0) {
      // Let the node's kubelet start first, so that it knows the images it already has.
      ctx.rt.settle();
      addNodeImages(ctx.rt, name, images);
    }
    ctx.out(`node/${name} added\n`);
    return 0;
  },
};
