// `kubectl run NAME --image=...` (staging/src/k8s.io/kubectl/pkg/cmd/run): creates one Pod.
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { dryRunStrategy } from '../apply/report.ts';
import { buildPod } from '../generators/pod.ts';
import { buildExposeService } from '../generators/expose.ts';
import { enforcedNamespace } from '../generators/meta.ts';
import { generatorFlags, requireFlag, submitGenerated } from '../generators/submit.ts';
import { jsonMergePatch } from '../../api/patch/index.ts';
import type { KubeObject } from '../../api/types.ts';

/** --overrides: cmdutil.Merge, a JSON merge patch of the generated object. */
function withOverrides(obj: KubeObject, overrides: string): KubeObject {
  if (!overrides) return obj;
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    throw new KubectlError('Invalid JSON Patch');
  }
  if (patch === null || typeof patch !== 'object') throw new KubectlError('Invalid JSON Patch');
  return jsonMergePatch(obj, patch) as unknown as KubeObject;
}

const usageHint = "\nSee 'kubectl run -h' for help and examples";

function runRun(ctx: KubectlContext, args: ParsedArgs): number {
  requireFlag(args, 'image');
  if (args.positional.length === 0) throw new KubectlError(`NAME is required for run${usageHint}`);
  const name = args.positional[0];
  const argv = [...args.positional.slice(1), ...args.afterDash];
  const restart = args.str('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}${usageHint}`);
  const interactive = args.bool('stdin') || args.bool('tty') || args.bool('attach');
  const dry = dryRunStrategy(args.str('dry-run'));
  if (interactive && dry !== 'none') {
    throw new KubectlError(`--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)${usageHint}`);
  }
  if (args.bool('rm') && !interactive) throw new KubectlError(`--rm should only be used for attached containers${usageHint}`);
  if (args.bool('expose') && (args.str('port') === '' || args.str('port') === '-1')) {
    throw new KubectlError(`--port must be set when exposing a service${usageHint}`);
  }
  if (interactive) {
    throw new KubectlError(
      'interactive kubectl run (-i/-t/--attach/--rm) is not available in the Kubelab terminal: there is no terminal to attach to.\n' +
        `Create the pod without them (kubectl run ${name} --image=${args.str('image')} ...), then use kubectl logs or kubectl exec ${name} -- COMMAND.`,
    );
  }
  const namespace = enforcedNamespace(ctx.namespace, ctx.namespaceExplicit);
  const generated = buildPod({
    name,
    namespace,
    image: args.str('image'),
    labels: args.str('labels'),
    annotations: args.arr('annotations'),
    env: args.arr('env'),
    port: args.str('port'),
    restart,
    argv,
    command: args.bool('command'),
    imagePullPolicy: args.str('image-pull-policy'),
    stdin: false,
    tty: false,
  });
  const pod = withOverrides(generated, args.str('overrides'));
  if (args.bool('expose')) {
    const svc = buildExposeService({
      name,
      namespace,
      labels: {},
      selector: { ...(pod.metadata.labels ?? {}) },
      ports: [{ port: parseInt(args.str('port'), 10), protocol: 'TCP' }],
      targetPort: '',
      type: '',
      clusterIP: '',
      externalIP: '',
      loadBalancerIP: '',
      sessionAffinity: '',
      portName: '',
      protocol: '',
    });
    submitGenerated(ctx, args, svc);
    // kubectl prints an extra document separator between the Service and the Pod.
    if (args.str('output') === 'yaml') ctx.out('---\n---\n');
  }
  submitGenerated(ctx, args, pod);
  return 0;
}

registerCommand({
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    ...generatorFlags.map((f) => (f.name === 'field-manager' ? { ...f, default: 'kubectl-run' } : f)),
    { name: 'image', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'env', type: 'stringArray' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'expose', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'overrides', type: 'string' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  ],
  run: runRun,
});
