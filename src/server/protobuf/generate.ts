// Generates messages.json, the protobuf field table of the built-in API types, from the Go type definitions of
// k8s.io/api and k8s.io/apimachinery (each struct field's `json` and `protobuf` tags: JSON name, omitempty, field
// number, and from the Go type whether it is a pointer, slice or map). Run against checkouts of those modules at
// the release the lab simulates:
//   npx tsx src/server/protobuf/generate.ts API_DIR APIMACHINERY_DIR > src/server/protobuf/messages.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldDesc, MessageTable } from './descriptors.ts';

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  process.stderr.write('usage: generate.ts API_DIR APIMACHINERY_DIR\n');
  process.exit(2);
}

/** The packages whose types typed clients send (kubectl's create subcommands, auth, drain, token). */
const packages = ['core/v1', 'apps/v1', 'batch/v1', 'rbac/v1', 'policy/v1', 'scheduling/v1', 'networking/v1', 'authorization/v1', 'authentication/v1', 'autoscaling/v1', 'autoscaling/v2', 'storage/v1', 'coordination/v1', 'discovery/v1', 'events/v1', 'certificates/v1', 'node/v1'];

/** Go types with their own protobuf shape, decoded by hand (descriptors.ts). */
const specials: Record<string, string> = {
  'meta/v1.Time': '@time',
  'meta/v1.MicroTime': '@microtime',
  'meta/v1.Duration': '@duration',
  'meta/v1.FieldsV1': '@fieldsv1',
  'api/resource.Quantity': '@quantity',
  'util/intstr.IntOrString': '@intstr',
  'runtime.RawExtension': '@raw',
  'types.UID': 'string',
};

interface GoField {
  name: string;
  type: string;
  json: string;
  protobuf: string;
}
interface Pkg {
  imports: Map<string, string>;
  structs: Map<string, GoField[]>;
  named: Map<string, string>;
}

function shortPath(importPath: string): string {
  return importPath.replace(/^k8s\.io\/api\//, '').replace(/^k8s\.io\/apimachinery\/pkg\/apis\//, '').replace(/^k8s\.io\/apimachinery\/pkg\//, '');
}

function parsePackage(dir: string): Pkg {
  const pkg: Pkg = { imports: new Map(), structs: new Map(), named: new Map() };
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.go') || f.endsWith('_test.go') || f.startsWith('zz_') || f.includes('generated') || f.includes('swagger')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/^\s*(\w+\s+)?"(k8s\.io\/[^"]+)"\s*$/gm)) {
      const path = m[2];
      const alias = m[1]?.trim() || path.slice(path.lastIndexOf('/') + 1);
      pkg.imports.set(alias, shortPath(path));
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const s = /^type (\w+) struct \{\s*$/.exec(lines[i]);
      if (s) {
        const fields: GoField[] = [];
        for (i++; i < lines.length && !lines[i].startsWith('}'); i++) {
          const line = lines[i].trim();
          if (line.startsWith('//') || line === '') continue;
          const m = /^(?:(\w+)\s+)?(\S+)\s+`(.*)`/.exec(line);
          if (!m) continue;
          const tag = (k: string) => new RegExp(`${k}:"([^"]*)"`).exec(m[3])?.[1] ?? '';
          fields.push({ name: m[1] ?? '', type: m[2], json: tag('json'), protobuf: tag('protobuf') });
        }
        pkg.structs.set(s[1], fields);
        continue;
      }
      const n = /^type (\w+) ([\w.[\]*]+)\s*(\/\/.*)?$/.exec(lines[i]);
      if (n && n[2] !== 'struct' && n[2] !== 'interface') pkg.named.set(n[1], n[2]);
    }
  }
  return pkg;
}

const dirs: Record<string, string> = { 'meta/v1': join(machineryDir, 'pkg/apis/meta/v1') };
for (const p of packages) dirs[p] = join(apiDir, p);
const parsed = new Map<string, Pkg>();
const pkgOf = (p: string) => {
  let x = parsed.get(p);
  if (!x) {
    x = parsePackage(dirs[p]);
    parsed.set(p, x);
  }
  return x;
};

const table: MessageTable = {};
const pending: string[] = [];

/** Resolve a Go type expression in package `p` to a descriptor type plus slice/map/pointer shape. */
function resolve(p: string, expr: string): Pick<FieldDesc, 't' | 'r' | 'm' | 'p'> {
  if (expr.startsWith('*')) return { ...resolve(p, expr.slice(1)), p: 1 };
  if (expr === '[]byte') return { t: 'bytes' };
  if (expr.startsWith('[]')) return { ...resolve(p, expr.slice(2)), r: 1 };
  const mm = /^map\[([\w.]+)\](.+)$/.exec(expr);
  if (mm) {
    const k = resolve(p, mm[1]);
    const v = resolve(p, mm[2]);
    return { t: 'map', m: [k.t, v.r ? `[]${v.t}` : v.t] };
  }
  if (/^(string)$/.test(expr)) return { t: 'string' };
  if (/^u?int(8|16|32|64)?$/.test(expr)) return { t: 'int' };
  if (expr === 'bool') return { t: 'bool' };
  if (expr === 'float64' || expr === 'float32') return { t: 'double' };
  if (expr === 'byte') return { t: 'int' };
  let pkg = p;
  let name = expr;
  const dot = expr.indexOf('.');
  if (dot > 0) {
    const imp = pkgOf(p).imports.get(expr.slice(0, dot));
    if (!imp) throw new Error(`${p}: unknown import in ${expr}`);
    pkg = imp;
    name = expr.slice(dot + 1);
  }
  const full = `${pkg}.${name}`;
  if (specials[full]) return { t: specials[full] };
  if (!dirs[pkg]) throw new Error(`${p}: type ${full} from a package not generated`);
  const x = pkgOf(pkg);
  const under = x.named.get(name);
  if (under) return resolve(pkg, under);
  if (!x.structs.has(name)) throw new Error(`${p}: unknown type ${full}`);
  if (!(full in table) && !pending.includes(full)) pending.push(full);
  return { t: full };
}

function build(full: string): void {
  const dot = full.lastIndexOf('.');
  const p = full.slice(0, dot);
  const fields: FieldDesc[] = [];
  for (const f of pkgOf(p).structs.get(full.slice(dot + 1))!) {
    if (!f.protobuf || f.protobuf === '-') continue;
    const parts = f.protobuf.split(',');
    const [jsonName, ...jopts] = f.json.split(',');
    const d: FieldDesc = { j: jsonName, n: Number(parts[1]), ...resolve(p, f.type) };
    if (jopts.includes('omitempty')) d.o = 1;
    if (jopts.includes('inline') || (!f.name && jsonName === '')) d.i = 1;
    fields.push(d);
  }
  table[full] = fields;
}

for (const p of packages) for (const name of pkgOf(p).structs.keys()) resolve(p, name);
while (pending.length) build(pending.shift()!);
const sorted: MessageTable = {};
for (const k of Object.keys(table).sort()) sorted[k] = table[k];
process.stdout.write(`${JSON.stringify(sorted)}\n`);
