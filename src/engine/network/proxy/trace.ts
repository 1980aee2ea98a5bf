import type { Rng } from '../../util/rng.ts';
import { inCidr, parseRule, type ParsedRule } from './rules.ts';
import type { MatchedRule, Packet } from './types.ts';

/** client-affinity lists of the `recent` match: list name → source IP → last seen (ms). */
export type RecentLists = Map<string, Map<string, number>>;

export interface WalkContext {
  table: string;
  /** Rules of a chain (restore form), in order. */
  rules(chain: string): readonly string[];
  localIPs: ReadonlySet<string>;
  rng: Rng;
  recent: RecentLists;
  now: number;
}

export interface WalkResult {
  matched: MatchedRule[];
  masquerade: boolean;
  target?: string;
  dnat?: string;
  evaluated: number;
  /** Per-rule probabilities taken on the way to the endpoint (for its effective probability). */
  chance: number;
}

function matches(r: ParsedRule, p: Packet, proto: string, ctx: WalkContext): boolean {
  if (r.src && inCidr(p.srcIP, r.src.value) === r.src.negated) return false;
  if (r.srcTypeLocal !== undefined && ctx.localIPs.has(p.srcIP) !== r.srcTypeLocal) return false;
  if (r.protocol && r.protocol !== proto) return false;
  if (r.dst && inCidr(p.dstIP, r.dst.value) === r.dst.negated) return false;
  if (r.dstTypeLocal && ctx.localIPs.has(p.dstIP) === r.dstTypeLocal.negated) return false;
  if (r.dport !== undefined && r.dport !== p.dstPort) return false;
  if (r.markCheck || r.ctstate) return false;
  if (r.recent?.rcheck) {
    const seen = ctx.recent.get(r.recent.name)?.get(p.srcIP);
    if (seen === undefined || ctx.now - seen > (r.recent.seconds ?? 10800) * 1000) return false;
  }
  return true;
}

/**
 * Walk a packet through a chain as the kernel would (cf. upstream's iptablesTracer): rules in order, jumps
 * into sub-chains, KUBE-MARK-MASQ noted, `statistic` rules taken with the given probability from the seeded
 * RNG, `recent` lists checked and set. Stops at DNAT, REJECT, DROP or ACCEPT.
 */
export function walkChain(chain: string, p: Packet, ctx: WalkContext, res?: WalkResult): WalkResult {
  const out: WalkResult = res ?? { matched: [], masquerade: false, evaluated: 0, chance: 1 };
  const proto = (p.protocol ?? 'TCP').toLowerCase();
  for (const text of ctx.rules(chain)) {
    out.evaluated++;
    const r = parseRule(text);
    if (!matches(r, p, proto, ctx)) continue;
    if (r.probability !== undefined) {
      if (ctx.rng.next() >= r.probability) {
        out.chance *= 1 - r.probability;
        continue;
      }
      out.chance *= r.probability;
    }
    out.matched.push({ table: ctx.table, chain, rule: text });
    if (!r.jump) continue;
    switch (r.jump) {
      case 'KUBE-MARK-MASQ':
        out.masquerade = true;
        continue;
      case 'MARK':
        continue;
      case 'RETURN':
        return out;
      case 'DNAT':
        if (r.recent?.set) {
          let list = ctx.recent.get(r.recent.name);
          if (!list) ctx.recent.set(r.recent.name, (list = new Map()));
          list.set(p.srcIP, ctx.now);
        }
        out.target = 'DNAT';
        out.dnat = r.dnat;
        return out;
      case 'ACCEPT':
      case 'REJECT':
      case 'DROP':
      case 'KUBE-MARK-DROP':
        out.target = r.jump === 'KUBE-MARK-DROP' ? 'DROP' : r.jump;
        return out;
      default:
        walkChain(r.jump, p, ctx, out);
        if (out.target) return out;
    }
  }
  return out;
}
