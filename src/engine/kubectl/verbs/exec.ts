// `kubectl exec`: registers itself with registerCommand.
import { KUBELET_SERVICE, type KubeletService } from '../../kubelet/api.ts';
import { defaultContainer, firstPodFor } from '../../kubelet/kubectl-pods.ts';
import { StreamError } from '../../kubelet/service.ts';
import { authorizeRequest } from '../../auth/kubectl.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';

function run(ctx: KubectlContext, args: ParsedArgs): number {
  const pos = args.positional;
  if (pos.length === 0 && args.arr('filename').length === 0) throw new KubectlError('pod, type/name or --filename must be specified');
  if (pos.length > 1) {
    throw new KubectlError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
  }
  const command = args.afterDash;
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
  const { pod } = firstPodFor(ctx.api, ctx.namespace, pos[0], matchesLabelSelector);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = args.str('container') || defaultContainer(pod, !args.bool('quiet'), (m) => ctx.err(m));
  const svc = ctx.rt.service<KubeletService>(KUBELET_SERVICE);
  if (!svc) throw new KubectlError('the kubelet is not running');
  authorizeRequest(ctx, 'create', 'pods', ctx.namespace, pod.metadata?.name ?? '', 'exec');
  let r;
  try {
    r = svc.exec(ctx.namespace, pod.metadata?.name ?? '', container, command);
  } catch (e) {
    if (e instanceof StreamError) throw new KubectlError(e.message);
    throw e;
  }
  ctx.out(r.stdout);
  if (r.stderr) ctx.err(r.stderr);
  if (r.exitCode !== 0) {
    ctx.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}

registerCommand({
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
  ],
  run,
});
