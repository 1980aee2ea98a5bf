import type { DnsAnswer, HostLookup, ResolvConf, RRType } from './types.ts';

/**
 * The names a libc stub resolver (glibc res_search) tries for `name`: a name ending in a dot only as
 * written; a name with at least `ndots` dots first as written, then under each search domain; a shorter
 * name under each search domain first and as written last.
 */
export function searchCandidates(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const under = conf.search.map((d) => `${name}.${d}`);
  return dots >= conf.ndots ? [name, ...under] : [...under, name];
}

/** Ask one server a question; undefined when nothing answers (timeout). */
export type Ask = (qname: string, qtype: RRType) => DnsAnswer | undefined;

/**
 * getaddrinfo for one address family: try the candidates in order until one has addresses, following the
 * CNAMEs in the answer. Stops at the first candidate that does not time out and has answers.
 */
export function lookupHost(name: string, conf: ResolvConf, ask: Ask, type: RRType = 'A'): HostLookup {
  const res: HostLookup = { query: name, server: conf.nameservers[0] ?? '127.0.0.1', tried: [], cnames: [], addresses: [] };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    res.name = name;
    res.addresses = [name];
    return res;
  }
  for (const cand of searchCandidates(name, conf)) {
    const a = ask(cand, type);
    if (!a) {
      res.tried.push({ name: cand, type, rcode: 'SERVFAIL', answers: 0 });
      res.timeout = { reason: `no answer from ${res.server}#53` };
      return res;
    }
    const addrs = a.answer.filter((r) => r.type === type).map((r) => r.data);
    res.tried.push({ name: cand, type, rcode: a.rcode, answers: a.answer.length });
    if (addrs.length) {
      res.name = cand;
      res.cnames = a.answer.filter((r) => r.type === 'CNAME').map((r) => r.data.replace(/\.$/, ''));
      res.addresses = addrs;
      return res;
    }
  }
  return res;
}
