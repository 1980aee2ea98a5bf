import { curlError } from '../../network/traffic/index.ts';
import { parseHeaders, request, resolveSource } from '../../network/traffic/client.ts';
import { renderTrace } from '../../network/traffic/render.ts';
import { registerLabCommand } from '../command.ts';
import { asClient, networkOf } from './netclient.ts';

/** `lab curl URL [--from POD]`: an HTTP request from outside the cluster (or from a pod), traced. */
registerLabCommand({
  name: 'curl',
  short: 'Send an HTTP request from outside the cluster (or from a pod) and show the answer',
  help:
    'Send an HTTP GET from outside the cluster (the nodes\' network, 172.18.0.1) or, with --from, from a pod.\n' +
    'From outside, NodePorts (http://NODE_IP:NODEPORT/), LoadBalancer IPs and Ingress hosts (when the ingress\n' +
    'controller runs) are reachable; ClusterIPs and pod IPs are not.\n\n' +
    'Examples:\n  lab curl http://172.18.0.3:30080/\n  lab curl http://shop.example.com/cart\n  lab curl http://web --from client\n  lab curl -H "Host: shop.example.com" http://172.18.255.200/\n\n' +
    'Options:\n    --from=\'\': pod to send from (in the namespace of -n)\n    --from-node=\'\': node to send from (its host network)\n    -H, --header=[]: extra header (Host: ... picks an Ingress host)\n    -v, --verbose=false: print the trace of the request\n\nUsage:\n  lab curl URL [options]\n',
  flags: [
    { name: 'from', type: 'string' },
    { name: 'from-node', type: 'string' },
    { name: 'header', short: 'H', type: 'stringArray' },
    { name: 'verbose', short: 'v', type: 'bool' },
  ],
  run(ctx, args) {
    const url = args.positional[0];
    if (!url) {
      ctx.err("error: lab curl needs a URL\nSee 'lab curl --help' for usage.\n");
      return 1;
    }
    const net = networkOf(ctx);
    if (!net) return 1;
    return asClient(ctx, () => {
      const src = resolveSource(ctx.rt, net, args.str('from') || undefined, ctx.namespace, args.str('from-node') || undefined);
      const t = request(ctx.rt, net, src, url.includes('://') ? url : `http://${url}`, parseHeaders(args.arr('header')));
      if (args.bool('verbose')) ctx.err(renderTrace(t) + '\n');
      const o = t.outcome;
      if (o.kind === 'http') {
        ctx.out(o.body);
        return 0;
      }
      const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
      const port = parseInt(/^[a-z]+:\/\/[^/:]+:(\d+)/.exec(url)?.[1] ?? (url.startsWith('https://') ? '443' : '80'), 10);
      const msg = curlError(o, host, port, t.totalMs) ?? `curl: (7) ${o.kind}`;
      ctx.err(msg + '\n');
      return parseInt(/\((\d+)\)/.exec(msg)?.[1] ?? '7', 10);
    });
  },
});
