// `kubectl cluster-info`: the control plane address and the kube-system services labelled
// kubernetes.io/cluster-service=true. Like kubectl (go-colortext writes escape codes unconditionally), the
// names are green and the addresses yellow, also when the output is not a terminal.
import type { Service } from 'kubernetes-types/core/v1';
import { registerCommand } from '../command.ts';

/** The API server address Kubelab's kubeconfig points at. */
export const apiServerURL = 'https://127.0.0.1:6443';

const green = '\x1b[0;32m';
const yellow = '\x1b[0;33m';
const reset = '\x1b[0m';

function line(name: string, link: string): string {
  return `${green}${name}${reset} is running at ${yellow}${link}${reset}\n`;
}

registerCommand({
  name: 'cluster-info',
  short: 'Display cluster information',
  subcommands: [
    {
      name: 'dump',
      short: 'Dump relevant information for debugging and diagnosis',
      run(ctx) {
        ctx.err('error: kubectl cluster-info dump is not supported in Kubelab\n');
        return 1;
      },
    },
  ],
  run(ctx) {
    const ns = ctx.namespaceExplicit ? ctx.namespace : 'kube-system';
    let text = line('Kubernetes control plane', apiServerURL);
    for (const o of ctx.api.list('services', ns)) {
      const svc = o as unknown as Service;
      if (svc.metadata?.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      const name = svc.metadata.labels['kubernetes.io/name'] || svc.metadata.name || '';
      let link: string;
      const ingress = svc.status?.loadBalancer?.ingress ?? [];
      if (ingress.length > 0) {
        const ip = ingress[0].ip || ingress[0].hostname || '';
        link = 'http://' + ip;
        for (const p of svc.spec?.ports ?? []) link += ':' + p.port;
      } else {
        let target = svc.metadata.name ?? '';
        const port = svc.spec?.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          // utilnet.JoinSchemeNamePort
          if (scheme) target = `${scheme}:${target}:${port.name ?? ''}`;
          else if (port.name) target = `${target}:${port.name}`;
        }
        link = `${apiServerURL}/api/v1/namespaces/${svc.metadata.namespace}/services/${target}/proxy`;
      }
      text += line(name, link);
    }
    ctx.out(text + "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 0;
  },
});
