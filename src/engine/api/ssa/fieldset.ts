// Field sets as structured-merge-diff keeps them: a tree of path elements, each node either a member of the set
// itself or only a prefix of members. FieldsV1 is its JSON form: `f:name` for a field, `k:{"name":"web"}` for an
// associative list item, `v:"x"` for a set item, and `.` for "this node is itself a member" next to children.

export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) {
      c = new FieldSet();
      this.children.set(pe, c);
    }
    return c;
  }

  insert(path: readonly string[]): void {
    if (path.length === 0) this.member = true;
    else this.child(path[0]).insert(path.slice(1));
  }

  has(path: readonly string[]): boolean {
    if (path.length === 0) return this.member;
    return this.children.get(path[0])?.has(path.slice(1)) ?? false;
  }

  /** True when the path or anything under it is a member. */
  covers(path: readonly string[]): boolean {
    if (path.length === 0) return !this.empty();
    return this.children.get(path[0])?.covers(path.slice(1)) ?? false;
  }

  empty(): boolean {
    if (this.member) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** Every member path. */
  paths(prefix: string[] = [], out: string[][] = []): string[][] {
    if (this.member && prefix.length) out.push(prefix);
    for (const [pe, c] of sorted(this.children)) c.paths([...prefix, pe], out);
    return out;
  }

  union(o: FieldSet): FieldSet {
    const r = this.copy();
    for (const p of o.paths()) r.insert(p);
    return r;
  }

  difference(o: FieldSet): FieldSet {
    const r = new FieldSet();
    for (const p of this.paths()) if (!o.has(p)) r.insert(p);
    return r;
  }

  intersection(o: FieldSet): FieldSet {
    const r = new FieldSet();
    for (const p of this.paths()) if (o.has(p)) r.insert(p);
    return r;
  }

  copy(): FieldSet {
    const r = new FieldSet();
    for (const p of this.paths()) r.insert(p);
    return r;
  }
}

const kindOrder: Record<string, number> = { f: 0, v: 1, i: 2, k: 3 };

/** Path elements in structured-merge-diff's order: field names, then values, indices and keys. */
function sorted(children: Map<string, FieldSet>): Array<[string, FieldSet]> {
  return [...children].sort(([a], [b]) => {
    const ka = kindOrder[a[0]] ?? 9;
    const kb = kindOrder[b[0]] ?? 9;
    if (ka !== kb) return ka - kb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** The FieldsV1 JSON object of a set. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [pe, c] of sorted(set.children)) {
    if (c.empty()) continue;
    const inner = toFieldsV1(c);
    if (c.member && Object.keys(inner).length) out[pe] = { '.': {}, ...inner };
    else out[pe] = inner;
  }
  return out;
}

/** Parse FieldsV1 JSON back into a set (unknown shapes are skipped). */
export function fromFieldsV1(v: unknown): FieldSet {
  const s = new FieldSet();
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length) s.insert(path);
    for (const k of keys) {
      if (k === '.') s.insert(path);
      else walk((node as Record<string, unknown>)[k], [...path, k]);
    }
  };
  walk(v, []);
  return s;
}

/** The field path as structured-merge-diff prints it: `.spec.replicas`, `.spec.containers[name="web"].image`. */
export function pathString(path: readonly string[]): string {
  let out = '';
  for (const pe of path) {
    const body = pe.slice(2);
    if (pe.startsWith('f:')) out += `.${body}`;
    else if (pe.startsWith('k:')) {
      const o = JSON.parse(body) as Record<string, unknown>;
      out += `[${Object.keys(o)
        .map((k) => `${k}=${JSON.stringify(o[k])}`)
        .join(',')}]`;
    } else if (pe.startsWith('v:')) out += `[=${body}]`;
    else out += `[${body}]`;
  }
  return out;
}
