/* eslint-disable require-yield -- builtins share the generator signature; these never sleep. */
import { strftime } from '../format.ts';
import type { Gen, ShIO, ShState } from '../run.ts';
import type { DnsExchange, DnsRecord, DnsReply, DnsType } from './types.ts';

interface Conf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** /etc/resolv.conf as libc reads it. */
export function readResolvConf(text: string | undefined): Conf {
  const c: Conf = { nameservers: [], search: [], ndots: 1 };
  for (const line of (text ?? '').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'nameserver' && f[1]) c.nameservers.push(f[1]);
    else if (f[0] === 'search') c.search = f.slice(1);
    else if (f[0] === 'domain' && f[1]) c.search = [f[1]];
    else if (f[0] === 'options') for (const o of f.slice(1)) if (o.startsWith('ndots:')) c.ndots = Math.min(15, parseInt(o.slice(6), 10) || 0);
  }
  if (!c.nameservers.length) c.nameservers.push('127.0.0.1');
  return c;
}

/** glibc's search order: as written first when it has ndots dots, else the search domains first. */
function candidates(name: string, c: Conf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const under = c.search.map((d) => `${name}.${d}`);
  return dots >= c.ndots ? [name, ...under] : [...under, name];
}

function isIPv4(s: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(s);
}

function ptrName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

const noNet = (server: string): DnsExchange => ({ server, ms: 0 });

/**
 * nslookup. BusyBox (1.36) sends A and AAAA for each search-list name at once (a name with a dot is sent as
 * written) and prints every reply; bind's nslookup (dnsutils images) walks the search list like libc and prints
 * the first answer.
 */
export function* nslookup(st: ShState, argv: string[], io: ShIO): Gen {
  const args = argv.slice(1);
  let qtype: DnsType | undefined;
  const ops: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|querytype|q|query|t)=(\w+)$/i.exec(a);
    if (m) qtype = m[1].toUpperCase() as DnsType;
    else if (!a.startsWith('-')) ops.push(a);
  }
  const name = ops[0];
  if (!name) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any,srv,ptr\n');
    return 1;
  }
  const conf = readResolvConf(st.m.fs.read('/etc/resolv.conf'));
  const server = ops[1] ?? conf.nameservers[0];
  const ask = (q: string, t: DnsType) => st.m.net?.dns(server, q, t) ?? noNet(server);
  const bind = st.m.flavor === 'gnu';
  if (bind) return bindNslookup(io, name, server, conf, qtype, ask);
  if (oldBusybox(st.m.version)) return oldBusyboxNslookup(io, name, server, conf, ask);
  // BusyBox: queries, then replies in the order they were sent.
  const queries: Array<[DnsType, string]> = [];
  const types: DnsType[] = qtype ? [qtype] : isIPv4(name) ? ['PTR'] : ['A', 'AAAA'];
  for (const t of types) {
    const q = t === 'PTR' && isIPv4(name) ? ptrName(name) : name;
    if (t === 'PTR' || !conf.search.length || q.includes('.')) queries.push([t, q]);
    else for (const d of conf.search) queries.push([t, `${q}.${d}`]);
  }
  const replies = queries.map(([t, q]) => ({ t, q, x: ask(q, t) }));
  if (replies.every((r) => !r.x.reply)) {
    io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let code = 0;
  for (const { q, x } of replies) {
    const r = x.reply;
    if (!r) continue;
    if (r.rcode !== 'NOERROR') {
      out += `** server can't find ${q}: ${r.rcode}\n\n`;
      code = 1;
      continue;
    }
    if (!r.aa) out += 'Non-authoritative answer:\n';
    const lines = r.answer.map(busyboxRR).filter((l) => l !== '');
    out += lines.length ? lines.join('') : `*** Can't find ${q}: No answer\n`;
    out += '\n';
  }
  io.out(out);
  return code;
}

/** BusyBox up to 1.28 (busybox:1.28, the image the Kubernetes DNS debugging page uses) had the older nslookup. */
function oldBusybox(version: string | undefined): boolean {
  const m = /^1\.(\d+)(?:\.|$)/.exec(version ?? '');
  return !!m && Number(m[1]) <= 28;
}

/**
 * The pre-1.29 BusyBox nslookup: resolves through the libc resolver (search list, ndots) and prints each address
 * with its reverse name, the server first:
 *   Server:    10.96.0.10
 *   Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local
 */
function oldBusyboxNslookup(io: ShIO, name: string, server: string, conf: Conf, ask: (q: string, t: DnsType) => DnsExchange): number {
  const ptr = (ip: string): string => {
    const r = ask(ptrName(ip), 'PTR').reply;
    const rr = r?.rcode === 'NOERROR' ? r.answer.find((a) => a.type === 'PTR') : undefined;
    return rr ? ` ${rr.data.replace(/\.$/, '')}` : '';
  };
  const first = ask(isIPv4(name) ? ptrName(name) : candidates(name, conf)[0], isIPv4(name) ? 'PTR' : 'A');
  let out = `Server:    ${server}\nAddress 1: ${server}${first.reply ? ptr(server) : ''}\n\n`;
  let addrs: string[] = [];
  if (isIPv4(name)) addrs = first.reply?.rcode === 'NOERROR' ? [name] : [];
  else {
    for (const q of candidates(name, conf)) {
      const r = ask(q, 'A').reply;
      if (!r) break;
      const a = r.rcode === 'NOERROR' ? r.answer.filter((x) => x.type === 'A').map((x) => x.data) : [];
      if (a.length) {
        addrs = a;
        break;
      }
    }
  }
  if (!addrs.length) {
    io.out(out);
    io.err(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  out += `Name:      ${name}\n`;
  addrs.forEach((ip, i) => (out += `Address ${i + 1}: ${ip}${ptr(ip)}\n`));
  io.out(out);
  return 0;
}

function busyboxRR(r: DnsRecord): string {
  const name = r.name.replace(/\.$/, '');
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${name}\nAddress: ${r.data}\n`;
    case 'CNAME':
      return `${name}\tcanonical name = ${r.data.replace(/\.$/, '')}\n`;
    case 'PTR':
      return `${name}\tname = ${r.data.replace(/\.$/, '')}\n`;
    case 'SRV':
      return `${name}\tservice = ${r.data.replace(/\.$/, '')}\n`;
    case 'TXT':
      return `${name}\ttext = ${r.data}\n`;
    default:
      return '';
  }
}

function bindNslookup(io: ShIO, name: string, server: string, conf: Conf, qtype: DnsType | undefined, ask: (q: string, t: DnsType) => DnsExchange): number {
  const head = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  const t: DnsType = qtype ?? (isIPv4(name) ? 'PTR' : 'A');
  const names = t === 'PTR' && isIPv4(name) ? [ptrName(name)] : candidates(name, conf);
  for (const q of names) {
    const x = ask(q, t);
    if (!x.reply) {
      io.out(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    const r = x.reply;
    // NOERROR without records (an AAAA question on an IPv4-only cluster): bind stops the search here.
    if (r.rcode === 'NOERROR' && !r.answer.length) {
      io.out(`${head}${r.aa ? '' : 'Non-authoritative answer:\n'}*** Can't find ${name}: No answer\n\n`);
      return 0;
    }
    if (r.rcode === 'NOERROR' && r.answer.length) {
      let out = head + (r.aa ? '' : 'Non-authoritative answer:\n');
      for (const rr of r.answer) {
        const n = rr.name.replace(/\.$/, '');
        if (rr.type === 'A' || rr.type === 'AAAA') out += `Name:\t${n}\nAddress: ${rr.data}\n`;
        else if (rr.type === 'CNAME') out += `${n}\tcanonical name = ${rr.data}\n`;
        else if (rr.type === 'PTR') out += `${n}\tname = ${rr.data}\n`;
        else if (rr.type === 'SRV') out += `${n}\tservice = ${rr.data}\n`;
        else out += `${n}\ttext = ${rr.data}\n`;
      }
      io.out(out + '\n');
      return 0;
    }
  }
  io.out(`${head}** server can't find ${name}: NXDOMAIN\n\n`);
  return 1;
}

/** Join fields on tab stops as bind prints them: a tab advances to the next multiple of 8; past a stop, one space. */
function tabbed(first: string, fields: string[], stops: number[]): string {
  let line = first;
  let col = first.length;
  for (let i = 0; i < fields.length; i++) {
    const stop = stops[i] ?? 0;
    if (col >= stop) {
      line += stop ? ' ' : '\t';
      col = stop ? col + 1 : (Math.floor(col / 8) + 1) * 8;
    } else {
      while (col < stop) {
        line += '\t';
        col = (Math.floor(col / 8) + 1) * 8;
      }
    }
    line += fields[i];
    col += fields[i].length;
  }
  return line;
}

/** A record on bind's tab stops (owner 24, TTL 32, class 40, type 48). */
export function digRR(r: DnsRecord): string {
  return tabbed(r.name, [String(r.ttl), 'IN', r.type, r.data], [24, 32, 40, 0]) + '\n';
}

/** dig (bind 9): `dig [@server] name [type] [+short] [+search] [-x addr] [-t type]`. No search list unless +search. */
export function* dig(st: ShState, argv: string[], io: ShIO): Gen {
  if (!st.m.fs.exists('/usr/bin/dig')) {
    io.err(st.m.flavor === 'busybox' ? `sh: ${argv[0]}: not found\n` : `sh: 1: ${argv[0]}: not found\n`);
    return 127;
  }
  const conf = readResolvConf(st.m.fs.read('/etc/resolv.conf'));
  let server = conf.nameservers[0];
  let short = false;
  let search = false;
  // +noall turns every section off; +answer turns the answer section back on (the common `+noall +answer`).
  let noall = false;
  let answerOnly = false;
  let name = '';
  let qtype: DnsType = 'A';
  // dig takes a type word anywhere on the line (`dig AAAA web…`, `dig web… AAAA`); the first one counts.
  let typeSet = false;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a === '+noall') noall = true;
    else if (a === '+answer') answerOnly = true;
    else if (a.startsWith('+')) continue;
    else if (a === '-x') {
      name = ptrName(args[++i] ?? '');
      qtype = 'PTR';
    } else if (a === '-t') {
      qtype = (args[++i] ?? 'A').toUpperCase() as DnsType;
      typeSet = true;
    } else if (/^(A|AAAA|SRV|PTR|CNAME|TXT|SOA|NS|ANY)$/i.test(a) && !typeSet) {
      qtype = a.toUpperCase() as DnsType;
      typeSet = true;
    } else if (!name) name = a;
  }
  if (!name) name = '.';
  const names = search ? candidates(name, conf) : [name.endsWith('.') ? name.slice(0, -1) : name];
  let x: DnsExchange = { server, ms: 0 };
  let asked = names[0];
  for (const q of names) {
    asked = q;
    x = st.m.net?.dns(server, q, qtype) ?? noNet(server);
    if (!x.reply || x.reply.rcode === 'NOERROR') break;
  }
  if (!x.reply) {
    io.out(short ? `;; connection timed out; no servers could be reached\n` : `\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> ${args.join(' ')}\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n`);
    return 9;
  }
  const r = x.reply;
  if (short) {
    io.out(r.answer.map((a) => `${a.data}\n`).join(''));
    return 0;
  }
  if (noall) {
    io.out(answerOnly ? r.answer.map(digRR).join('') : '');
    return 0;
  }
  io.out(digText(r, asked, qtype, server, args.join(' '), Math.round(x.ms), strftime('%a %b %d %T %Z %Y', st.m.now()), st.m.now()));
  return 0;
}

export function digText(r: DnsReply, qname: string, qtype: DnsType, server: string, cmdline: string, ms: number, when: string, seed: number): string {
  const fq = qname.endsWith('.') ? qname : `${qname}.`;
  const flags = r.aa ? 'qr aa rd' : 'qr rd ra';
  const id = (Math.floor(seed / 7) * 7919) % 65536;
  let out = `\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> ${cmdline}\n;; global options: +cmd\n;; Got answer:\n`;
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}, id: ${id}\n`;
  out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${r.answer.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${r.extra.length + 1}\n`;
  if (r.aa) out += ';; WARNING: recursion requested but not available\n';
  out += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n`;
  out += `;; QUESTION SECTION:\n${tabbed(`;${fq}`, ['IN', qtype], [32, 40])}\n`;
  const section = (title: string, rrs: DnsRecord[]) => (rrs.length ? `\n;; ${title} SECTION:\n${rrs.map(digRR).join('')}` : '');
  out += section('ANSWER', r.answer) + section('AUTHORITY', r.authority) + section('ADDITIONAL', r.extra);
  const size = 40 + fq.length + r.answer.length * 16 + r.authority.length * 60 + r.extra.length * 16;
  out += `\n;; Query time: ${ms} msec\n;; SERVER: ${server}#53(${server})\n;; WHEN: ${when}\n;; MSG SIZE  rcvd: ${size}\n\n`;
  return out;
}
