/**
 * Field paths in checks, a small JSONPath-like subset as kubectl's `-o jsonpath` writes them:
 * `.spec.replicas`, `.spec.containers[0].image`, `.metadata.labels.app`,
 * `.metadata.annotations["deployment.kubernetes.io/revision"]`, `.spec.containers[name=web].image`.
 */
export type PathSegment = { key: string } | { index: number } | { where: [string, string] };

export class PathError extends Error {}

export function parsePath(path: string): PathSegment[] {
  const segs: PathSegment[] = [];
  let i = 0;
  if (!path.startsWith('.') && !path.startsWith('[')) throw new PathError(`path "${path}" must start with "." (e.g. .spec.replicas)`);
  while (i < path.length) {
    if (path[i] === '.') {
      const m = /^\.([A-Za-z0-9_-]+)/.exec(path.slice(i));
      if (!m) throw new PathError(`path "${path}": expected a field name after "." at ${i + 1}`);
      segs.push({ key: m[1] });
      i += m[0].length;
    } else if (path[i] === '[') {
      const rest = path.slice(i);
      const idx = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(["'])(.*?)\1\]/.exec(rest);
      const where = /^\[([A-Za-z0-9_-]+)=([^\]]*)\]/.exec(rest);
      if (idx) {
        segs.push({ index: Number(idx[1]) });
        i += idx[0].length;
      } else if (quoted) {
        segs.push({ key: quoted[2] });
        i += quoted[0].length;
      } else if (where) {
        segs.push({ where: [where[1], where[2]] });
        i += where[0].length;
      } else throw new PathError(`path "${path}": bad subscript at ${i + 1} (use [0], ["key"] or [name=value])`);
    } else throw new PathError(`path "${path}": unexpected "${path[i]}" at ${i + 1}`);
  }
  return segs;
}

/** The value at `path` in `obj`, or `found: false` naming the first segment that is missing. */
export function readPath(obj: unknown, segs: PathSegment[]): { found: true; value: unknown } | { found: false; missing: string } {
  let cur: unknown = obj;
  let walked = '';
  for (const s of segs) {
    if ('key' in s) {
      walked += /^[A-Za-z0-9_-]+$/.test(s.key) ? `.${s.key}` : `["${s.key}"]`;
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(s.key in cur)) return { found: false, missing: walked };
      cur = (cur as Record<string, unknown>)[s.key];
    } else if ('index' in s) {
      walked += `[${s.index}]`;
      if (!Array.isArray(cur) || s.index >= cur.length) return { found: false, missing: walked };
      cur = cur[s.index];
    } else {
      walked += `[${s.where[0]}=${s.where[1]}]`;
      if (!Array.isArray(cur)) return { found: false, missing: walked };
      const hit = cur.find((e) => e && typeof e === 'object' && String((e as Record<string, unknown>)[s.where[0]]) === s.where[1]);
      if (hit === undefined) return { found: false, missing: walked };
      cur = hit;
    }
  }
  return { found: true, value: cur };
}
