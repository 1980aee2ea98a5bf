import type { ClusterControl } from '../../cluster.ts';
import { CLUSTER_CONTROL } from '../../cluster.ts';
import type { CommandSpec, KubectlContext } from '../../kubectl/command.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import type { ParsedArgs } from '../../kubectl/flags.ts';
import type { ClusterOptions } from '../../runtime.ts';
import { registerLabCommand } from '../command.ts';

const CNIS = ['flannel', 'calico'] as const;
const PROXY_MODES = ['iptables', 'ipvs', 'userspace'] as const;
const MAX_NODES = 100;

const createHelp =
  'Replace the lab\'s cluster with a new one (as `kind delete cluster && kind create cluster`). Every object of\n' +
  'the old cluster is gone; the lab\'s files, shell variables and history are kept.\n\n' +
  'The CNI decides whether NetworkPolicy is enforced: flannel (VXLAN overlay) does not enforce it, calico\n' +
  '(routed, IP-in-IP) does.\n\n' +
  'Examples:\n  lab cluster create\n  lab cluster create --nodes 3 --cni calico\n  lab cluster create --proxy-mode ipvs --seed 42\n' +
  '  lab cluster create --control-planes 3 --nodes 2\n\n' +
  'Options:\n' +
  "    --cni='flannel':\n\tThe pod network plugin: flannel or calico.\n\n" +
  '    --control-planes=1:\n\tControl-plane nodes: 1 or 3 (stacked etcd).\n\n' +
  '    --no-dns=false:\n\tDo not install CoreDNS.\n\n' +
  '    --nodes=2:\n\tWorker nodes (0 to 100).\n\n' +
  "    --proxy-mode='iptables':\n\tkube-proxy's mode: iptables, ipvs or userspace.\n\n" +
  '    --seed=1:\n\tSeed for every random choice (names, IPs, picks): the same seed and commands give the same output.\n\n' +
  'Usage:\n  lab cluster create [--nodes N] [--cni flannel|calico] [--proxy-mode iptables|ipvs|userspace] [--control-planes 1|3] [--seed N] [options]\n';

function oneOf<T extends string>(args: ParsedArgs, flag: string, allowed: readonly T[], dflt: T): T {
  if (!args.has(flag)) return dflt;
  const v = args.str(flag);
  if (!(allowed as readonly string[]).includes(v)) throw new KubectlError(`invalid argument "${v}" for "--${flag}" flag: must be one of ${allowed.join(', ')}`);
  return v as T;
}

function intFlag(args: ParsedArgs, flag: string, dflt: number, ok: (n: number) => boolean, want: string): number {
  if (!args.has(flag)) return dflt;
  const n = args.int(flag);
  if (!ok(n)) throw new KubectlError(`invalid argument "${n}" for "--${flag}" flag: ${want}`);
  return n;
}

/** The options `lab cluster create` builds from its flags (defaults as createCluster's). */
export function createOptions(args: ParsedArgs): ClusterOptions {
  const nodes = intFlag(args, 'nodes', 2, (n) => n >= 0 && n <= MAX_NODES, `must be between 0 and ${MAX_NODES}`);
  const controlPlanes = intFlag(args, 'control-planes', 1, (n) => n === 1 || n === 3, 'must be 1 or 3');
  const seed = intFlag(args, 'seed', 1, (n) => Number.isSafeInteger(n), 'must be an integer');
  return {
    seed,
    nodes,
    cni: oneOf(args, 'cni', CNIS, 'flannel'),
    proxyMode: oneOf(args, 'proxy-mode', PROXY_MODES, 'iptables'),
    controlPlanes: controlPlanes as 1 | 3,
    dns: !args.bool('no-dns'),
  };
}

function summary(o: ClusterOptions): string {
  const workers = typeof o.nodes === 'number' ? o.nodes : (o.nodes?.length ?? 2);
  const cps = o.controlPlanes ?? 1;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return (
    'Creating cluster "kubelab" ...\n' +
    ` ✓ Preparing nodes (${plural(cps, 'control-plane node')}, ${plural(workers, 'worker')})\n` +
    ' ✓ Starting control-plane\n' +
    ` ✓ Installing CNI (${o.cni}${o.cni === 'calico' ? ': NetworkPolicy is enforced' : ': NetworkPolicy is not enforced'})\n` +
    ` ✓ kube-proxy in ${o.proxyMode} mode\n` +
    (o.dns === false ? '' : ' ✓ Installing CoreDNS\n') +
    (workers > 0 ? ' ✓ Joining worker nodes\n' : '') +
    `Seed ${o.seed}. The previous cluster is gone; the lab's files are kept.\n`
  );
}

const create: CommandSpec = {
  name: 'create',
  short: 'Replace the cluster with a new one (nodes, CNI, kube-proxy mode, control planes, seed)',
  help: createHelp,
  flags: [
    { name: 'nodes', type: 'int', default: '2' },
    { name: 'cni', type: 'string', default: 'flannel' },
    { name: 'proxy-mode', type: 'string', default: 'iptables' },
    { name: 'control-planes', type: 'int', default: '1' },
    { name: 'seed', type: 'int', default: '1' },
    { name: 'no-dns', type: 'bool' },
  ],
  run(ctx: KubectlContext, args: ParsedArgs) {
    if (args.positional.length > 0) throw new KubectlError(`unknown command "${args.positional[0]}" for "lab cluster create"`);
    const options = createOptions(args);
    const control = ctx.rt.service<ClusterControl>(CLUSTER_CONTROL);
    if (!control) throw new KubectlError('this lab cannot replace its cluster (no cluster control)');
    // Print first: the output belongs to the command, whichever cluster runs the rest of the line.
    ctx.out(summary(options));
    control.reset(options);
    return 0;
  },
};

const help =
  'Manage the lab\'s cluster as a whole.\n\nAvailable Commands:\n' +
  `  ${create.name.padEnd(10)} ${create.short}\n` +
  '\nUsage:\n  lab cluster create [options]\n';

/** `lab cluster create`: rebuild the lab's cluster with other options. */
registerLabCommand({
  name: 'cluster',
  short: 'Replace the cluster with a new one (lab cluster create --nodes 3 --cni calico)',
  help,
  subcommands: [create],
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(help);
      return 0;
    }
    ctx.err(`Error: unknown command "${args.positional[0]}" for "lab cluster"\n`);
    return 1;
  },
});
