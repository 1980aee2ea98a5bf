import { KUBERNETES_VERSION } from '../../nodes/defaults.ts';
import { parseProxyConfig } from '../../network/proxy/config.ts';
import { kubeProxyStartLines } from '../../network/proxy/startlog.ts';
import type { Repository } from '../catalog.ts';
import type { AppContext, AppStartResult, HttpRequest } from '../types.ts';

// The images a kubeadm cluster runs for itself: the control plane's static pods, kube-proxy and the CNI
// DaemonSets. Their programs serve their health endpoints (what the kubelet's probes ask) and log their start.

const MiB = 1024 * 1024;

/** A system daemon: listens on `ports`, answers `health` paths with 200 "ok", logs `logs` at start. */
function daemon(ports: number[], health: Record<number, string[]>, memory: number, logs: string[], readyAfterMs = 0): AppStartResult {
  return {
    ports,
    readyAfterMs,
    memoryBytes: memory,
    logs: logs.map((text) => ({ at: 0, text })),
    onStop: () => ({ afterMs: 200, code: 0, logs: [] }),
    http(req: HttpRequest) {
      if (!ports.includes(req.port)) return undefined;
      const base = req.path.replace(/\?.*$/, '');
      if ((health[req.port] ?? []).includes(base)) return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
      return { status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8' };
    },
  };
}

/** klog's header for a line logged `ms` after the program started (I1231 00:00:00.000000       1 file.go:1]). */
function klog(ctx: AppContext, level: 'I' | 'W' | 'E', src: string, msg: string): string {
  const d = new Date(ctx.startMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000       1 ${src}] ${msg}`;
}

const kubeApiserver = (ctx: AppContext) =>
  daemon([6443], { 6443: ['/livez', '/readyz', '/healthz'] }, 320 * MiB, [
    klog(ctx, 'I', 'options.go:228', 'external host was not specified, using ' + (ctx.podIP || '127.0.0.1')),
    klog(ctx, 'I', 'server.go:142', `Version: ${KUBERNETES_VERSION}`),
    klog(ctx, 'I', 'secure_serving.go:213', 'Serving securely on [::]:6443'),
  ]);

const kubeControllerManager = (ctx: AppContext) =>
  daemon([10257], { 10257: ['/healthz', '/livez', '/readyz'] }, 60 * MiB, [
    klog(ctx, 'I', 'serving.go:386', 'Generated self-signed cert in-memory'),
    klog(ctx, 'I', 'controllermanager.go:185', `"Starting" version="${KUBERNETES_VERSION}"`),
    klog(ctx, 'I', 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'),
    klog(ctx, 'I', 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-controller-manager...'),
  ]);

const kubeScheduler = (ctx: AppContext) =>
  daemon([10259], { 10259: ['/healthz', '/livez', '/readyz'] }, 25 * MiB, [
    klog(ctx, 'I', 'serving.go:386', 'Generated self-signed cert in-memory'),
    klog(ctx, 'I', 'server.go:167', `"Starting Kubernetes Scheduler" version="${KUBERNETES_VERSION}"`),
    klog(ctx, 'I', 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'),
    klog(ctx, 'I', 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-scheduler...'),
  ]);

const etcd = (ctx: AppContext) => {
  const name = ctx.argv.find((a) => a.startsWith('--name='))?.slice(7) ?? ctx.hostname;
  const t = new Date(ctx.startMs).toISOString().replace('Z', '000Z');
  const line = (msg: string, extra: string) => `{"level":"info","ts":"${t}","caller":"etcdmain/etcd.go:73","msg":"${msg}"${extra}}`;
  return daemon([2379, 2380, 2381], { 2381: ['/livez', '/readyz', '/health', '/metrics'] }, 40 * MiB, [
    line('Running: ', `,"args":${JSON.stringify(ctx.argv)}`),
    line('serving client traffic securely', `,"name":"${name}","address":"127.0.0.1:2379"`),
  ]);
};

/** kube-proxy's own start-up lines; the rules it programs come from network/proxy (the `'kube-proxy'` service). */
const kubeProxy = (ctx: AppContext): AppStartResult => {
  const config = parseProxyConfig(ctx.fs.read('/var/lib/kube-proxy/config.conf') ?? '');
  const lines = kubeProxyStartLines(config, ctx.podIP).map((l) => klog(ctx, l.level, l.src, l.msg));
  if (!config.ok) return { error: lines.join('\n'), code: 1 };
  return daemon([10249, 10256], { 10256: ['/healthz', '/livez'] }, 30 * MiB, lines);
};

const flanneld = (ctx: AppContext) =>
  daemon([], {}, 15 * MiB, [
    klog(ctx, 'I', 'main.go:211', `CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network kubeSubnetMgr:true iface:[] ipMasq:true ifaceCanReach: subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:/etc/kube-flannel/net-conf.json setNodeNetworkUnavailable:true}`),
    klog(ctx, 'I', 'kube.go:139', 'Waiting 10m0s for node controller to sync'),
    klog(ctx, 'I', 'main.go:451', 'Found network config - Backend type: vxlan'),
    klog(ctx, 'I', 'main.go:500', 'Running backend.'),
    klog(ctx, 'I', 'main.go:521', 'Wrote subnet file to /run/flannel/subnet.env'),
  ]);

const calicoNode = (ctx: AppContext) =>
  daemon([9099], { 9099: ['/liveness', '/readiness'] }, 90 * MiB, [
    `${new Date(ctx.startMs).toISOString().replace('T', ' ').replace('Z', '')} [INFO][9] startup/startup.go 431: Early log level set to info`,
    `${new Date(ctx.startMs).toISOString().replace('T', ' ').replace('Z', '')} [INFO][9] startup/startup.go 127: Calico node started successfully`,
  ]);

const calicoKubeControllers = (ctx: AppContext) =>
  daemon([9094], { 9094: ['/liveness', '/readiness'] }, 25 * MiB, [
    `${new Date(ctx.startMs).toISOString().replace('T', ' ').replace('Z', '')} [INFO][1] main.go 99: Loaded configuration from environment`,
  ]);

/** A program that copies files into the node (the CNI installers) and exits 0. */
const installer = (): AppStartResult => ({ ports: [], readyAfterMs: 0, memoryBytes: MiB, logs: [], exit: { at: 150, code: 0 }, onStop: () => ({ afterMs: 1, code: 0, logs: [] }) });

function bare(name: string, tags: string[], size: number, apps: Repository['apps'], entrypoint: string[] = []): Repository {
  return { name, bare: true, versions: [{ tags, size }], entrypoint, cmd: [], env: {}, stopSignal: 'SIGTERM', flavor: 'busybox', apps };
}

function shelled(name: string, tags: string[], size: number, apps: Repository['apps'], entrypoint: string[] = []): Repository {
  return { ...bare(name, tags, size, apps, entrypoint), bare: false, env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } };
}

export const FLANNEL_IMAGE = 'docker.io/flannel/flannel:v0.26.4';
export const FLANNEL_CNI_PLUGIN_IMAGE = 'docker.io/flannel/flannel-cni-plugin:v1.6.2-flannel1';
export const CALICO_VERSION = 'v3.29.2';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';

/** The system images (sizes as the registries report them for linux/amd64). */
export const systemRepositories: Repository[] = [
  bare('registry.k8s.io/kube-apiserver', [KUBERNETES_VERSION], 97_076_432, { 'kube-apiserver': kubeApiserver }),
  bare('registry.k8s.io/kube-controller-manager', [KUBERNETES_VERSION], 90_818_187, { 'kube-controller-manager': kubeControllerManager }),
  bare('registry.k8s.io/kube-scheduler', [KUBERNETES_VERSION], 70_663_574, { 'kube-scheduler': kubeScheduler }),
  bare('registry.k8s.io/kube-proxy', [KUBERNETES_VERSION], 94_965_211, { '/usr/local/bin/kube-proxy': kubeProxy, 'kube-proxy': kubeProxy }),
  bare('registry.k8s.io/etcd', ['3.5.16-0'], 57_680_541, { etcd: etcd }),
  bare('docker.io/flannel/flannel-cni-plugin', ['v1.6.2-flannel1'], 4_856_838, { cp: installer }),
  shelled('docker.io/flannel/flannel', ['v0.26.4'], 32_895_562, { '/opt/bin/flanneld': flanneld, flanneld: flanneld, cp: installer }),
  shelled('docker.io/calico/cni', [CALICO_VERSION], 94_362_542, { '/opt/cni/bin/install': installer, '/opt/cni/bin/calico-ipam': installer }),
  bare('docker.io/calico/node', [CALICO_VERSION], 142_512_364, { 'start_runit': calicoNode, '/usr/bin/calico-node': installer, 'calico-node': installer }, ['start_runit']),
  bare('docker.io/calico/kube-controllers', [CALICO_VERSION], 35_283_431, { '/usr/bin/kube-controllers': calicoKubeControllers }, ['/usr/bin/kube-controllers']),
];
