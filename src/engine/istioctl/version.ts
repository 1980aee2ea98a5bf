import { ISTIO_VERSION } from '../images/apps/istio/index.ts';
import { toYaml } from '../kubectl/output/yaml.ts';
import { meshFor } from '../mesh/mesh.ts';
import { ISTIO_NS } from '../mesh/webhooks.ts';
import { istioctlError, registerIstioctlCommand } from './command.ts';

/** The build Kubelab's istioctl, istiod and proxies report (pkg/version.BuildInfo). The revision is a stand-in. */
export const BUILD_INFO = { version: ISTIO_VERSION, revision: '6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c', golang_version: 'go1.23.4', status: 'Clean', tag: ISTIO_VERSION };

/** BuildInfo.LongForm: Go's %#v of the struct. */
function longForm(): string {
  const b = BUILD_INFO;
  return `version.BuildInfo{Version:"${b.version}", GitRevision:"${b.revision}", GolangVersion:"${b.golang_version}", BuildStatus:"${b.status}", GitTag:"${b.tag}"}`;
}

/**
 * `istioctl version` (pkg/version/cobra.go CobraCommandWithOptions with istioctl's remote and proxy callbacks):
 * short by default, `--short=false` prints Go's %#v of each BuildInfo, `-o json|yaml` the Version struct
 * (clientVersion, meshVersion per istiod pod, dataPlaneVersion per connected proxy).
 */
registerIstioctlCommand({
  name: 'version',
  short: 'Prints out build version information',
  help: 'Prints out build version information\n\nUsage:\n  istioctl version [flags]\n\nFlags:\n  -h, --help            help for version\n  -o, --output string   One of \'yaml\' or \'json\'.\n      --remote          Use --remote=false to suppress control plane check (default true)\n  -r, --revision string   Control plane revision\n  -s, --short           Use --short=false to generate full version information (default true)\n',
  flags: [
    { name: 'short', short: 's', type: 'bool', default: true },
    { name: 'remote', type: 'bool', default: true },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'revision', short: 'r', type: 'string' },
  ],
  noIdentity: true,
  run(ctx, args) {
    const output = args.str('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw istioctlError("--output must be 'yaml' or 'json'");
    const remote = args.bool('remote');
    const istiods = ctx.rt.store.list('pods', ISTIO_NS).filter((p) => p.metadata.labels?.app === 'istiod' && (p.status as { phase?: string } | undefined)?.phase === 'Running');
    if (remote && !istiods.length) ctx.err(`Istio is not present in the cluster: no running Istio pods in "${ISTIO_NS}"\n`);
    const mesh = remote && istiods.length ? istiods.map(() => ({ Component: 'pilot', Info: BUILD_INFO })) : undefined;
    const proxies = mesh ? proxyInfos(ctx.rt) : undefined;
    if (output === 'json' || output === 'yaml') {
      const v = { clientVersion: BUILD_INFO, ...(mesh ? { meshVersion: mesh } : {}), ...(proxies ? { dataPlaneVersion: proxies } : {}) };
      ctx.out(output === 'json' ? `${JSON.stringify(v, null, 2)}\n` : `${toYaml(v)}\n`);
      return 0;
    }
    if (args.bool('short')) {
      ctx.out(`client version: ${ISTIO_VERSION}\n`);
      if (mesh) ctx.out(`control plane version: ${ISTIO_VERSION}\n`);
      if (proxies) ctx.out(`data plane version: ${proxies.length === 0 ? 'none' : `${ISTIO_VERSION} (${proxies.length} proxies)`}\n`);
      return 0;
    }
    ctx.out(`client version: ${longForm()}\n`);
    for (const m of mesh ?? []) ctx.out(`${m.Component} version: ${longForm()}\n`);
    for (const p of proxies ?? []) ctx.out(`data plane version: version.ProxyInfo{ID:"${p.ID}", IstioVersion:"${p.IstioVersion}", Type:"${p.Type}"}\n`);
    return 0;
  },
});

/** The proxies connected to istiod (proxy.GetProxyInfo): ID "POD.NAMESPACE", type sidecar or gateway. */
function proxyInfos(rt: Parameters<typeof meshFor>[0]): { ID: string; IstioVersion: string; Type: string }[] {
  return meshFor(rt).istiod.proxies().map((id) => {
    const dot = id.lastIndexOf('.');
    const pod = rt.store.get('pods', id.slice(dot + 1), id.slice(0, dot));
    const gateway = pod?.metadata.annotations?.['sidecar.istio.io/status'] === undefined;
    return { ID: id, IstioVersion: ISTIO_VERSION, Type: gateway ? 'gateway' : 'sidecar' };
  });
}
