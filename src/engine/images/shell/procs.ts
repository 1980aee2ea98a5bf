/* eslint-disable require-yield -- builtins share the generator signature; these never sleep. */
import { hasCap, isIpChange } from './creds.ts';
import type { Gen, ShIO, ShState } from './run.ts';

/** A process as `ps` sees it in the container's PID namespace. */
export interface PsEntry {
  pid: number;
  user: string;
  argv: string[];
}

/** The pod's network as seen from inside its network namespace (eth0 is one end of the CNI's veth pair). */
export interface PodNetView {
  ip: string;
  /** Prefix length of the node's pod CIDR (the CNI bridge's subnet). */
  prefix: number;
  /** The node's bridge (cni0) address, the pod's default gateway. */
  gateway: string;
  /** ifindex of the host-side veth (eth0@ifN). */
  hostIfIndex: number;
  mtu: number;
  /** flannel's CNI config routes the cluster CIDR via the bridge too. */
  clusterCIDR?: string;
  /** Calico: a /32 on eth0, reached through the link-local next hop 169.254.1.1. */
  routed?: boolean;
}

/**
 * busybox `ps` (procps/ps.c with the default "pid,user,time,args" format): `%5u %-8.8s %5s %s`, TIME is
 * cumulative CPU as m:ss (our processes never accumulate a second of CPU).
 */
function* ps(st: ShState, _argv: string[], io: ShIO): Gen {
  const rows = st.m.processes?.() ?? [];
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of rows) out += `${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${p.argv.join(' ')}\n`;
  io.out(out);
  return 0;
}

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The MAC the CNI gives eth0 (0a:58 followed by the IPv4 address, as the bridge/host-local plugins derive it). */
function podMac(ip: string): number[] {
  return [0x0a, 0x58, ...ip.split('.').map(Number)];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The EUI-64 link-local address the kernel derives from a MAC. */
function linkLocal(mac: number[]): string {
  const b = [mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]];
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return `fe80::${groups.join(':')}`;
}

function addrLines(n: PodNetView, which: 'addr' | 'link'): string {
  const mac = podMac(n.ip);
  const mask = n.prefix === 0 ? 0 : (~0 << (32 - n.prefix)) >>> 0;
  const brd = intToIp((ipToInt(n.ip) | ~mask) >>> 0);
  let s = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
  if (which === 'addr') s += '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n';
  s += `2: eth0@if${n.hostIfIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${n.mtu} qdisc noqueue \n    link/ether ${mac.map(hex2).join(':')} brd ff:ff:ff:ff:ff:ff\n`;
  if (which === 'addr') {
    s += `    inet ${n.ip}/${n.prefix} ${n.prefix < 32 ? `brd ${brd} ` : ''}scope global eth0\n       valid_lft forever preferred_lft forever\n`;
    s += `    inet6 ${linkLocal(mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  }
  return s;
}

/** busybox `ip` (networking/ip.c): `addr`, `link` and `route` show the pod's namespace; other objects print usage. */
function* ip(st: ShState, argv: string[], io: ShIO): Gen {
  const n = st.m.podNet?.();
  const obj = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  const rest = argv.slice(argv.indexOf(obj) + 1);
  const show = rest.length === 0 || rest[0] === 'show' || rest[0] === 'list' || rest[0] === 'ls';
  const is = (full: string) => obj.length > 0 && full.startsWith(obj);
  if (n && (is('address') || is('link') || is('route')) && isIpChange(rest[0])) {
    if (!hasCap(st, 'NET_ADMIN')) {
      io.err('ip: RTNETLINK answers: Operation not permitted\n');
      return 1;
    }
    return 0;
  }
  if (n && show && (is('address') || is('link'))) {
    io.out(addrLines(n, is('address') ? 'addr' : 'link'));
    return 0;
  }
  if (n && show && is('route')) {
    if (n.routed) {
      io.out(`default via ${n.gateway} dev eth0 \n${n.gateway} dev eth0 scope link \n`);
      return 0;
    }
    const mask = n.prefix === 0 ? 0 : (~0 << (32 - n.prefix)) >>> 0;
    const net = intToIp((ipToInt(n.ip) & mask) >>> 0);
    const cluster = n.clusterCIDR && n.clusterCIDR !== `${net}/${n.prefix}` ? `${n.clusterCIDR} via ${n.gateway} dev eth0 \n` : '';
    io.out(`default via ${n.gateway} dev eth0 \n${cluster}${net}/${n.prefix} dev eth0 scope link  src ${n.ip} \n`);
    return 0;
  }
  io.err(
    'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n\nip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\nip route list|flush|add|del|change|append|replace|test ROUTE\nip link set IFACE [up|down] [arp on|off] [multicast on|off]\n\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]\n\t[master IFACE | nomaster] [netns PID]\nip tunnel add|change|del|show [NAME]\n\t[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]\nip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]\nip rule [list] | add|del SELECTOR ACTION\n',
  );
  return 1;
}

/** Process and interface tools of busybox images (Debian-based images ship neither `ps` nor `ip`). */
export const procBuiltins: Record<string, (st: ShState, argv: string[], io: ShIO) => Gen> = { ps, ip };

/** Names only busybox-flavoured images have. */
export const busyboxOnly = new Set(Object.keys(procBuiltins));
