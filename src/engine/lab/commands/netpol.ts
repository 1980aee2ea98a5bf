import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { NETWORK_POLICY, type NetworkPolicyService } from '../../network/policy/index.ts';
import { parseIP } from '../../network/policy/cidr.ts';
import { registerLabCommand } from '../command.ts';

/**
 * `lab netpol check SRC DST --port N [--protocol P]`: the NetworkPolicy verdict for one connection, with
 * the policy and rule that allowed it or the policies that isolate the pod. SRC and DST are pods
 * (`name` in -n's namespace, or `namespace/name`) or IP addresses.
 */
const help =
  'Explain NetworkPolicy decisions.\n\nUsage:\n  lab netpol check SRC DST [--port 80] [--protocol TCP] [-n NAMESPACE]\n\n' +
  'SRC and DST are pod names (in -n\'s namespace), namespace/pod, or IP addresses.\n';

interface CniLike {
  enforcesPolicy?: boolean;
  name?: string;
}

registerLabCommand({
  name: 'netpol',
  short: 'Explain the NetworkPolicy verdict for a connection',
  help,
  flags: [
    { name: 'port', type: 'int', default: 80, help: 'Destination port' },
    { name: 'protocol', type: 'string', default: 'TCP', help: 'TCP, UDP or SCTP' },
  ],
  run(ctx, args) {
    const [verb, src, dst] = args.positional;
    if (!verb) {
      ctx.out(help);
      return 0;
    }
    if (verb !== 'check') throw new KubectlError(`unknown command "${verb}" for "lab netpol"`);
    if (!src || !dst) throw new KubectlError('lab netpol check needs a source and a destination');
    const svc = ctx.rt.service<NetworkPolicyService>(NETWORK_POLICY);
    if (!svc) throw new KubectlError('NetworkPolicy evaluation is not available in this cluster');
    const end = (text: string): { ip: string; pod?: KubeObject } => {
      if (parseIP(text)) return { ip: text, pod: svc.podByIP(text) };
      const [ns, name] = text.includes('/') ? text.split('/', 2) : [ctx.namespace, text];
      const pod = ctx.rt.store.get('pods', ns, name);
      if (!pod) throw new KubectlError(`pods "${name}" not found in namespace "${ns}"`, 1);
      const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
      if (!ip) throw new KubectlError(`pod ${ns}/${name} has no IP yet`);
      return { ip, pod };
    };
    const s = end(src);
    const d = end(dst);
    const protocol = args.str('protocol').toUpperCase();
    const v = svc.verdict({ srcIP: s.ip, srcPod: s.pod, dstIP: d.ip, dstPod: d.pod, port: args.int('port'), protocol });
    ctx.out(`${v.allowed ? 'ALLOWED' : 'DENIED'}  ${s.ip} -> ${d.ip}:${args.int('port')}/${protocol}\n`);
    for (const step of v.steps ?? [v]) ctx.out(`  ${step.direction}: ${step.reason}\n`);
    const cni = ctx.rt.service<CniLike>('cni');
    if (cni && cni.enforcesPolicy === false) ctx.out(`note: the CNI${cni.name ? ` (${cni.name})` : ''} does not enforce NetworkPolicy: this traffic flows regardless\n`);
    return 0;
  },
});
