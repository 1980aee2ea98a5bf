/** A parsed iptables rule, enough to walk a packet through kube-proxy's chains (cf. iptablestest.Rule). */
export interface ParsedRule {
  chain: string;
  raw: string;
  src?: { value: string; negated: boolean };
  dst?: { value: string; negated: boolean };
  protocol?: string;
  dport?: number;
  srcTypeLocal?: boolean;
  dstTypeLocal?: { negated: boolean };
  probability?: number;
  recent?: { name: string; set: boolean; rcheck: boolean; seconds?: number };
  markCheck?: boolean;
  ctstate?: boolean;
  jump?: string;
  dnat?: string;
}

/** Split a rule into words, honouring double quotes (comments). */
export function words(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1] ?? m[2]);
  return out;
}

const cache = new Map<string, ParsedRule>();

export function parseRule(text: string): ParsedRule {
  const hit = cache.get(text);
  if (hit) return hit;
  const w = words(text);
  const r: ParsedRule = { chain: w[1] ?? '', raw: text };
  let neg = false;
  for (let i = 2; i < w.length; i++) {
    const t = w[i];
    if (t === '!') {
      neg = true;
      continue;
    }
    switch (t) {
      case '-s':
        r.src = { value: w[++i], negated: neg };
        break;
      case '-d':
        r.dst = { value: w[++i], negated: neg };
        break;
      case '-p':
        r.protocol = w[++i];
        break;
      case '--dport':
        r.dport = Number(w[++i]);
        break;
      case '--src-type':
        r.srcTypeLocal = w[++i] === 'LOCAL';
        break;
      case '--dst-type':
        i++;
        r.dstTypeLocal = { negated: neg };
        break;
      case '--probability':
        r.probability = Number(w[++i]);
        break;
      case '--name':
        r.recent = { name: w[++i], set: false, rcheck: false };
        break;
      case '--set':
        if (r.recent) r.recent.set = true;
        break;
      case '--rcheck':
        if (r.recent) r.recent.rcheck = true;
        break;
      case '--seconds':
        if (r.recent) r.recent.seconds = Number(w[++i]);
        break;
      case '--mark':
        r.markCheck = true;
        i++;
        break;
      case '--ctstate':
        r.ctstate = true;
        i++;
        break;
      case '-j':
        r.jump = w[++i];
        break;
      case '--to-destination':
        r.dnat = w[++i];
        break;
      case '--comment':
      case '--nfacct-name':
      case '--mode':
      case '--match-set':
        i++;
        break;
      default:
        break;
    }
    neg = false;
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(text, r);
  return r;
}

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

/** Whether `ip` is in "a.b.c.d" or "a.b.c.d/n". */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (bits === undefined) return ip === base;
  const n = Number(bits);
  if (n === 0) return true;
  const mask = n === 32 ? 0xffffffff : (~((1 << (32 - n)) - 1)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}
