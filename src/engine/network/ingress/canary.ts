/**
 * ingress-nginx canary annotations (docs: user-guide/nginx-configuration/annotations, "Canary"). The rules
 * apply in precedence order canary-by-header → canary-by-cookie → canary-weight.
 */
import type { KubeObject } from '../../api/types.ts';

const prefix = 'nginx.ingress.kubernetes.io/';

export interface CanaryConfig {
  enabled: boolean;
  header?: string;
  headerValue?: string;
  cookie?: string;
  weight: number;
  weightTotal: number;
}

export function canaryOf(ing: KubeObject): CanaryConfig {
  const a = ing.metadata.annotations ?? {};
  const num = (k: string, d: number) => {
    const v = a[prefix + k];
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) && n >= 0 ? n : d;
  };
  return {
    enabled: a[`${prefix}canary`] === 'true',
    header: a[`${prefix}canary-by-header`] || undefined,
    headerValue: a[`${prefix}canary-by-header-value`] || undefined,
    cookie: a[`${prefix}canary-by-cookie`] || undefined,
    weight: num('canary-weight', 0),
    weightTotal: num('canary-weight-total', 100) || 100,
  };
}

export interface CanaryRequest {
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** A uniform integer in [0, n): the lab's seeded RNG. */
  roll(n: number): number;
}

/** Whether one request goes to the canary, and which rule decided. */
export function decideCanary(c: CanaryConfig, req: CanaryRequest): { canary: boolean; reason: string } {
  if (c.header) {
    const v = Object.entries(req.headers).find(([k]) => k.toLowerCase() === c.header!.toLowerCase())?.[1];
    if (v !== undefined) {
      if (c.headerValue) {
        if (v === c.headerValue) return { canary: true, reason: `header ${c.header}: ${v} matches canary-by-header-value` };
      } else if (v === 'always') return { canary: true, reason: `header ${c.header}: always` };
      else if (v === 'never') return { canary: false, reason: `header ${c.header}: never` };
    }
  }
  if (c.cookie) {
    const v = req.cookies[c.cookie];
    if (v === 'always') return { canary: true, reason: `cookie ${c.cookie}=always` };
    if (v === 'never') return { canary: false, reason: `cookie ${c.cookie}=never` };
  }
  if (c.weight > 0) {
    const r = req.roll(c.weightTotal);
    const canary = r < c.weight;
    return { canary, reason: `canary-weight ${c.weight}/${c.weightTotal} (roll ${r})` };
  }
  return { canary: false, reason: c.weight === 0 && !c.header && !c.cookie ? 'canary-weight 0' : 'no canary rule matched' };
}
