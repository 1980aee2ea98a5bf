import type { ProxyConfig } from '../envoy/types.ts';

const lineCache = new WeakMap<object, number>();

/** Lines of JSON.stringify(v, null, 2) for a value (the dump's size measure), memoised per shared object. */
function lines(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  const cached = lineCache.get(v);
  if (cached !== undefined) return cached;
  let n: number;
  if (Array.isArray(v)) n = v.length === 0 ? 1 : 2 + v.reduce((s: number, x) => s + lines(x), 0);
  else {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    n = entries.length === 0 ? 1 : 2 + entries.reduce((s, [, x]) => s + lines(x), 0);
  }
  lineCache.set(v, n);
  return n;
}

/**
 * The size of a proxy's configuration as lines of its pretty-printed dump (`istioctl proxy-config all -o json`
 * counts about the same), computed without building the text: shared resources are measured once.
 */
export function configDumpLines(cfg: ProxyConfig): number {
  return lines(cfg.listeners) + lines(cfg.routes) + lines(cfg.clusters) + lines(cfg.endpoints);
}
