import { parseHeaders, request, resolveSource } from '../../network/traffic/client.ts';
import { renderTrace, renderTraceList } from '../../network/traffic/render.ts';
import { registerLabCommand } from '../command.ts';
import { asClient, networkOf } from './netclient.ts';

/** `lab trace`: follow a request hop by hop (DNS, kube-proxy, SNAT, CNI, NetworkPolicy, the answer). */
registerLabCommand({
  name: 'trace',
  short: 'Follow a request hop by hop, or show recent traces',
  help:
    'Follow one request hop by hop: the DNS names tried, the source network namespace, the kube-proxy rule and\n' +
    'endpoint, SNAT, the bridge or overlay path, the NetworkPolicy verdict and the destination\'s answer, with\n' +
    'simulated per-hop latencies. Without a target, show a recorded trace (wget/curl/nc/ping in pods record one).\n\n' +
    'Examples:\n  lab trace http://web --from client\n  lab trace web:80 --from client --tcp\n  lab trace 10.96.0.10 --from client --ping\n  lab trace --last\n  lab trace --list\n  lab trace 12\n\n' +
    'Options:\n    --from=\'\': pod to send from (in the namespace of -n); default: outside the cluster\n    --from-node=\'\': node to send from\n    -H, --header=[]: extra header for HTTP\n    --tcp=false: only open a TCP connection (like nc -z)\n    --ping=false: send an ICMP echo (like ping)\n    --last=false: show the most recent trace\n    --list=false: list recent traces\n\nUsage:\n  lab trace [TARGET | ID] [options]\n',
  flags: [
    { name: 'from', type: 'string' },
    { name: 'from-node', type: 'string' },
    { name: 'header', short: 'H', type: 'stringArray' },
    { name: 'tcp', type: 'bool' },
    { name: 'ping', type: 'bool' },
    { name: 'last', type: 'bool' },
    { name: 'list', type: 'bool' },
  ],
  run(ctx, args) {
    const net = networkOf(ctx);
    if (!net) return 1;
    if (args.bool('list')) {
      ctx.out(renderTraceList(net.recentTraces(20)));
      return 0;
    }
    const target = args.positional[0];
    if (args.bool('last') || (target && /^#?\d+$/.test(target))) {
      const t = target ? net.trace(parseInt(target.replace('#', ''), 10)) : net.recentTraces(1)[0];
      if (!t) {
        ctx.err(target ? `error: no trace #${target.replace('#', '')} (only the last 200 are kept)\n` : 'error: no traces recorded yet\n');
        return 1;
      }
      ctx.out(renderTrace(t));
      return 0;
    }
    if (!target) {
      ctx.err("error: lab trace needs a target (URL, HOST:PORT or HOST), a trace id, --last or --list\nSee 'lab trace --help' for usage.\n");
      return 1;
    }
    return asClient(ctx, () => {
      const src = resolveSource(ctx.rt, net, args.str('from') || undefined, ctx.namespace, args.str('from-node') || undefined);
      const app = args.bool('ping') ? 'icmp' : args.bool('tcp') ? 'tcp' : 'http';
      const url = target.includes('://') ? target : `http://${target}`;
      const t = request(ctx.rt, net, src, url, parseHeaders(args.arr('header')), app, 'lab trace');
      ctx.out(renderTrace(t));
      return 0;
    });
  },
});
