import type { CommandSpec } from '../kubectl/command.ts';
import { TabWriter } from '../kubectl/printers/tabwriter.ts';
import { toYaml } from '../kubectl/output/yaml.ts';
import type { ProxyConfig } from '../mesh/envoy/types.ts';
import { istioctlError, registerIstioctlCommand } from './command.ts';
import { clusterTable, endpointTable, listenerTable, routeTable, routesForDump } from './pcformat.ts';
import { dumpJson, proxyConfigOf } from './proxytarget.ts';

type Section = 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'all';

function output(ctx: Parameters<NonNullable<CommandSpec['run']>>[0], value: unknown, format: string): void {
  if (format === 'yaml') ctx.out(toYaml(JSON.parse(JSON.stringify(value))));
  else ctx.out(dumpJson(value));
}

function section(name: Section, word: string, aliases: string[], short: string): CommandSpec {
  return {
    name: word,
    aliases,
    short,
    help: `${short}\n\nUsage:\n  istioctl proxy-config ${word} [<type>/]<name>[.<namespace>] [flags]\n\nAliases:\n  ${[word, ...aliases].join(', ')}\n\nFlags:\n  -o, --output string   Output format: one of json|yaml|short (default "short")\n`,
    flags: [
      { name: 'output', short: 'o', type: 'string', default: 'short' },
      { name: 'port', type: 'int', default: 0 },
      { name: 'fqdn', type: 'string' },
      { name: 'subset', type: 'string' },
      { name: 'direction', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'cluster', type: 'string' },
      { name: 'address', type: 'string' },
      { name: 'verbose', type: 'bool', default: true },
    ],
    noIdentity: true,
    run(ctx, args) {
      const fmt = args.str('output') || 'short';
      if (fmt !== 'short' && fmt !== 'json' && fmt !== 'yaml') throw istioctlError(`output format "${fmt}" not supported`);
      const cfg: ProxyConfig = proxyConfigOf(ctx, args.positional[0], args.str('namespace'));
      const tw = (padding: number) => new TabWriter((t) => ctx.out(t), { minwidth: 0, padding, rememberWidths: false });
      const fqdn = args.str('fqdn');
      const port = args.int('port');
      const subset = args.str('subset');
      const direction = args.str('direction');
      const clusterFilter = (n: string) =>
        (!fqdn || n.includes(fqdn)) && (!direction || n.includes(direction)) && (!subset || n.includes(subset)) && (!port || n.includes(`|${port}|`));
      const clusters = cfg.clusters.filter((c) => clusterFilter(c.name));
      if (fmt !== 'short') {
        if (name === 'clusters') output(ctx, clusters, fmt);
        else if (name === 'listeners') output(ctx, cfg.listeners.filter((l) => !port || l.address.socketAddress.portValue === port), fmt);
        else if (name === 'routes') output(ctx, routesForDump(cfg).filter((r) => !args.str('name') || r.name === args.str('name')), fmt);
        else if (name === 'endpoints') output(ctx, cfg.endpoints.filter((e) => !args.str('cluster') || e.clusterName === args.str('cluster')), fmt);
        else output(ctx, allDump(cfg), fmt);
        return 0;
      }
      if (name === 'clusters' || name === 'all') clusterTable(tw(5), clusters, name === 'all');
      if (name === 'all') ctx.out('\n');
      if (name === 'listeners' || name === 'all') listenerTable(tw(1), cfg.listeners.filter((l) => !port || l.address.socketAddress.portValue === port), name === 'all');
      if (name === 'all') ctx.out('\n');
      if (name === 'routes' || name === 'all') routeTable(tw(5), routesForDump(cfg).filter((r) => !args.str('name') || r.name === args.str('name')), name === 'all');
      if (name === 'endpoints') endpointTable(tw(5), cfg, args.str('cluster'), ctx.rt.service('mesh-dataplane'));
      return 0;
    },
  };
}

/** The shape of `istioctl proxy-config all -o json`: Envoy's /config_dump (without secrets and bootstrap). */
export function allDump(cfg: ProxyConfig): unknown {
  return {
    configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamicActiveClusters: cfg.clusters.map((cluster) => ({ versionInfo: cfg.version, cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', ...cluster } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', dynamicListeners: cfg.listeners.map((l) => ({ name: l.name, activeState: { versionInfo: cfg.version, listener: { '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener', ...l } } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamicRouteConfigs: cfg.routes.map((r) => ({ versionInfo: cfg.version, routeConfig: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', ...r } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump', dynamicEndpointConfigs: cfg.endpoints.map((e) => ({ versionInfo: cfg.version, endpointConfig: { '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment', ...e } })) },
    ],
  };
}

registerIstioctlCommand({
  name: 'proxy-config',
  aliases: ['pc'],
  short: 'Retrieve information about proxy configuration from Envoy [kube only]',
  help: 'A group of commands used to retrieve information about proxy configuration from the Envoy config dump\n\nUsage:\n  istioctl proxy-config [command]\n\nAliases:\n  proxy-config, pc\n\nAvailable Commands:\n  all         Retrieves all configuration for the Envoy in the specified pod\n  cluster     Retrieves cluster configuration for the Envoy in the specified pod\n  endpoint    Retrieves endpoint configuration for the Envoy in the specified pod\n  listener    Retrieves listener configuration for the Envoy in the specified pod\n  route       Retrieves route configuration for the Envoy in the specified pod\n',
  subcommands: [
    section('all', 'all', ['a'], 'Retrieves all configuration for the Envoy in the specified pod'),
    section('clusters', 'cluster', ['clusters', 'c'], 'Retrieves cluster configuration for the Envoy in the specified pod'),
    section('endpoints', 'endpoint', ['endpoints', 'ep'], 'Retrieves endpoint configuration for the Envoy in the specified pod'),
    section('listeners', 'listener', ['listeners', 'l'], 'Retrieves listener configuration for the Envoy in the specified pod'),
    section('routes', 'route', ['routes', 'r'], 'Retrieves route configuration for the Envoy in the specified pod'),
  ],
});
