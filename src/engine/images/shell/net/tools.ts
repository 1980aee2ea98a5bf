/* eslint-disable require-yield -- builtins share the generator signature; these never sleep. */
import type { Gen, ShIO, ShState } from '../run.ts';
import { splitArgs } from './http.ts';

/** BusyBox nc: `nc -z [-v] [-w SEC] HOST PORT` checks a TCP port; without -z it sends its stdin and prints the reply. */
export function* nc(st: ShState, argv: string[], io: ShIO): Gen {
  const { flags, bools, operands } = splitArgs(argv, ['w', 'p', 's', 'e', 'i']);
  const [host, portText] = operands;
  if (!host || !portText) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  const port = parseInt(portText, 10);
  const verbose = bools.has('v');
  const w = flags.get('w');
  if (!st.m.net) {
    io.err(`nc: bad address '${host}'\n`);
    return 1;
  }
  const data = bools.has('z') || io.stdin === '' ? undefined : io.stdin;
  const res = st.m.net.connect({ host, port, app: 'tcp', tool: 'nc', timeoutMs: w ? parseFloat(w) * 1000 : undefined, at: st.m.now(), ...(data !== undefined ? { data } : {}) });
  const o = res.outcome;
  const addr = 'ip' in o ? `${host} (${o.ip}:${port})` : host;
  switch (o.kind) {
    case 'open':
    case 'http':
      if (verbose) io.err(`${addr} open\n`);
      if (o.kind === 'open' && o.reply) io.out(o.reply);
      return 0;
    case 'nxdomain':
    case 'dns-timeout':
      io.err(`nc: bad address '${host}'\n`);
      return 1;
    case 'refused':
      io.err(`nc: ${addr}: Connection refused\n`);
      return 1;
    case 'unreachable':
      io.err(`nc: ${addr}: No route to host\n`);
      return 1;
    case 'timeout':
      io.err(`nc: ${addr}: ${w ? 'Operation timed out' : 'Connection timed out'}\n`);
      return 1;
    default:
      io.err(`nc: ${addr}: Connection reset by peer\n`);
      return 1;
  }
}

/** BusyBox ping: echo requests (-c COUNT, default 4 here since the lab cannot interrupt it). */
export function* ping(st: ShState, argv: string[], io: ShIO): Gen {
  const { flags, operands } = splitArgs(argv, ['c', 'W', 'w', 'i', 's', 'I']);
  const host = operands[0];
  if (!host) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const count = Math.max(1, parseInt(flags.get('c') ?? '4', 10) || 4);
  if (!st.m.net) {
    io.err(`ping: bad address '${host}'\n`);
    return 1;
  }
  const res = st.m.net.connect({ host, port: 0, app: 'icmp', tool: 'ping', timeoutMs: 1000 * count, at: st.m.now() });
  const o = res.outcome;
  if (o.kind === 'nxdomain' || o.kind === 'dns-timeout') {
    io.err(`ping: bad address '${host}'\n`);
    return 1;
  }
  const ip = 'ip' in o ? o.ip : host;
  let out = `PING ${host} (${ip}): 56 data bytes\n`;
  if (o.kind !== 'echo') {
    if (o.kind === 'unreachable') for (let i = 0; i < Math.min(count, 3); i++) out += `From ${ip}: icmp_seq=${i} Destination Host Unreachable\n`;
    out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, 0 packets received, 100% packet loss\n`;
    io.out(out);
    return 1;
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.round((res.ms * (0.8 + ((i * 37) % 10) / 25)) * 1000) / 1000;
    times.push(t);
    out += `64 bytes from ${ip}: seq=${i} ttl=${o.ttl} time=${t.toFixed(3)} ms\n`;
  }
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = times.reduce((a, b) => a + b, 0) / times.length;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
  io.out(out);
  return 0;
}
