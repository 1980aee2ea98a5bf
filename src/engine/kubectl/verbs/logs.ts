// `kubectl logs`: registers itself with registerCommand.
import type { Pod } from 'kubernetes-types/core/v1';
import { matchesLabelSelector } from '../../util/labels.ts';
import { parseSelector, SelectorError } from '../../util/selectors.ts';
import { KUBELET_SERVICE } from '../../kubelet/api.ts';
import type { kubeletService, LogOptions } from '../../kubelet/service.ts';
import { firstPodFor, defaultContainer, allContainerEntries } from '../../kubelet/kubectl-pods.ts';
import { authorizeRequest } from '../../auth/kubectl.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { parseGoDuration, type ParsedArgs } from '../flags.ts';
import { claimFollow } from '../follow.ts';
import { followLogs, type FollowTarget } from './logs-follow.ts';

const usage = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`;

function usageError(msg: string): KubectlError {
  return new KubectlError(`error: ${msg}\nSee 'kubectl logs -h' for help and examples\n`, 1, true);
}

type Svc = ReturnType<typeof kubeletService>;

function run(ctx: KubectlContext, args: ParsedArgs): number {
  const pos = args.positional;
  const selector = args.str('selector');
  let container = args.str('container');
  if (pos.length === 0 && !selector) throw usageError(usage);
  if (pos.length === 1 && selector) throw usageError('only a selector (-l) or a POD name is allowed');
  if (pos.length > 2) throw usageError(usage);
  if (pos.length === 2) {
    if (args.has('container')) throw new KubectlError('only one of -c or an inline [CONTAINER] arg is allowed');
    container = pos[1];
  }
  const allContainers = args.bool('all-containers');
  if (allContainers && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
  if (args.has('limit-bytes') && args.int('limit-bytes') < 0) throw new KubectlError('--limit-bytes must be greater than 0');
  let tail = args.int('tail');
  if (tail < -1) throw new KubectlError('--tail must be greater than or equal to -1');
  if (selector && !args.has('tail')) tail = 10;
  const opts: LogOptions = { previous: args.bool('previous'), timestamps: args.bool('timestamps'), tail: tail >= 0 ? tail : undefined };
  if (args.has('limit-bytes')) opts.limitBytes = args.int('limit-bytes');
  if (args.has('since')) opts.sinceSeconds = Math.round((parseGoDuration(args.str('since')) ?? 0) / 1000);
  const svc = ctx.rt.service<Svc>(KUBELET_SERVICE);
  if (!svc) throw new KubectlError('the kubelet is not running');

  let pods: Pod[];
  if (selector) {
    let sel;
    try {
      sel = parseSelector(selector);
    } catch (e) {
      throw new KubectlError(e instanceof SelectorError ? e.message : String(e));
    }
    pods = ctx.api.list('pods', ctx.namespace).filter((p) => sel.matches(p.metadata.labels ?? {})) as unknown as Pod[];
    if (pods.length === 0) {
      ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
  } else {
    const { pod, count } = firstPodFor(ctx.api, ctx.namespace, pos[0], matchesLabelSelector);
    if (count > 1) ctx.err(`Found ${count} pods, using pod/${pod.metadata?.name}\n`);
    pods = [pod];
  }
  const prefix = args.bool('prefix');
  let out = (t: string) => ctx.out(t);
  const emit = (pod: Pod, c: string, text: string) => {
    if (!prefix) return out(text);
    out(text.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((l) => `[pod/${pod.metadata?.name}/${c}] ${l}\n`).join(''));
  };
  const targets: FollowTarget[] = [];
  for (const pod of pods) {
    const names = allContainers ? allContainerEntries(pod) : [container || defaultContainer(pod, true, (m) => ctx.err(m))];
    if (!allContainers && container) {
      const all = allContainerEntries(pod);
      if (!all.includes(container)) throw new KubectlError(`container ${container} is not valid for pod ${pod.metadata?.name}`);
    }
    authorizeRequest(ctx, 'get', 'pods', ctx.namespace, pod.metadata?.name ?? '', 'log');
    for (const c of names) {
      emit(pod, c, svc.logs(ctx.namespace, pod.metadata?.name ?? '', c, opts));
      targets.push({ namespace: ctx.namespace, pod: pod.metadata?.name ?? '', container: c, emit: (t) => emit(pod, c, t) });
    }
  }
  // Streamed (the terminal's live `logs -f`): new lines keep coming until Ctrl+C or the containers stop.
  const slot = args.bool('follow') ? claimFollow(ctx.rt) : undefined;
  if (slot) {
    out = slot.out;
    followLogs(ctx.rt, svc, slot, targets, !!opts.timestamps);
  }
  return 0;
}

registerCommand({
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prefix', type: 'bool' },
    { name: 'since', type: 'duration' },
    { name: 'since-time', type: 'string' },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
  ],
  run,
});
