#!/usr/bin/env node
/**
 * Builds `schema.json`, the OpenAPI v3 component schemas `kubectl explain` reads, for the kinds Kubelab
 * serves (and a few that later lessons add). Run by hand when the data needs refreshing; the output is
 * committed. Nothing at run time depends on this script or on the packages it reads.
 *
 * Sources (npm packages, unpacked anywhere, e.g. `npm pack <pkg> && tar xzf <tgz> -C <dir>`):
 *   - kubernetes-models@4.5.1 and @kubernetes-models/apimachinery@2.2.0: the API types as .d.ts with the
 *     OpenAPI descriptions as JSDoc (newlines kept, "Possible enum values" kept) and enums as string unions.
 *   - @kubernetes/client-node@1.0.0: generated from the v1.32.0 OpenAPI spec. kubernetes-models 4.5.x
 *     follows a newer release, so its field lists are cut down to the fields 1.32 has; client-node also
 *     tells integers from floats and supplies the TypeMeta (apiVersion/kind) descriptions.
 *   - kubernetes-types (a Kubelab dependency): the Quantity description, which the others lack.
 *
 * Usage:
 *   node src/engine/kubectl/explain/generate.mjs <kubernetes-models dir> <apimachinery dir> <client-node dir>
 * where each dir is the unpacked `package/` folder. Writes schema.json beside this script.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [kmDir, amDir, cnDir] = process.argv.slice(2);
if (!kmDir || !amDir || !cnDir) {
  console.error('usage: generate.mjs <kubernetes-models> <@kubernetes-models/apimachinery> <@kubernetes/client-node>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const typesDir = join(here, '../../../../node_modules/kubernetes-types');

/** Root kinds: [kubernetes-models file, group, version, kind]. */
const roots = [
  ['v1/Pod', '', 'v1', 'Pod'],
  ['v1/Node', '', 'v1', 'Node'],
  ['v1/Namespace', '', 'v1', 'Namespace'],
  ['v1/ReplicationController', '', 'v1', 'ReplicationController'],
  ['v1/Service', '', 'v1', 'Service'],
  ['v1/Endpoints', '', 'v1', 'Endpoints'],
  ['v1/ConfigMap', '', 'v1', 'ConfigMap'],
  ['v1/Secret', '', 'v1', 'Secret'],
  ['v1/ServiceAccount', '', 'v1', 'ServiceAccount'],
  ['v1/Event', '', 'v1', 'Event'],
  ['v1/PersistentVolume', '', 'v1', 'PersistentVolume'],
  ['v1/PersistentVolumeClaim', '', 'v1', 'PersistentVolumeClaim'],
  ['v1/ResourceQuota', '', 'v1', 'ResourceQuota'],
  ['v1/LimitRange', '', 'v1', 'LimitRange'],
  ['apps/v1/Deployment', 'apps', 'v1', 'Deployment'],
  ['apps/v1/ReplicaSet', 'apps', 'v1', 'ReplicaSet'],
  ['apps/v1/StatefulSet', 'apps', 'v1', 'StatefulSet'],
  ['apps/v1/DaemonSet', 'apps', 'v1', 'DaemonSet'],
  ['discovery.k8s.io/v1/EndpointSlice', 'discovery.k8s.io', 'v1', 'EndpointSlice'],
  ['coordination.k8s.io/v1/Lease', 'coordination.k8s.io', 'v1', 'Lease'],
  ['batch/v1/Job', 'batch', 'v1', 'Job'],
  ['batch/v1/CronJob', 'batch', 'v1', 'CronJob'],
  ['storage.k8s.io/v1/StorageClass', 'storage.k8s.io', 'v1', 'StorageClass'],
  ['autoscaling/v2/HorizontalPodAutoscaler', 'autoscaling', 'v2', 'HorizontalPodAutoscaler'],
  ['autoscaling/v1/HorizontalPodAutoscaler', 'autoscaling', 'v1', 'HorizontalPodAutoscaler'],
  ['policy/v1/PodDisruptionBudget', 'policy', 'v1', 'PodDisruptionBudget'],
  ['scheduling.k8s.io/v1/PriorityClass', 'scheduling.k8s.io', 'v1', 'PriorityClass'],
];

/** A module id (`v1/PodSpec`, `@am/apis/meta/v1/ObjectMeta`) to its OpenAPI definition name. */
function defName(mod) {
  if (mod.startsWith('@am/')) return `io.k8s.apimachinery.pkg.${mod.slice(4).split('/').join('.')}`;
  const parts = mod.split('/');
  const name = parts.pop();
  if (parts.length === 1) return `io.k8s.api.core.${parts[0]}.${name}`;
  const group = parts[0].replace(/\.k8s\.io$/, '');
  return `io.k8s.api.${group}.${parts[1]}.${name}`;
}

function modFile(mod) {
  return mod.startsWith('@am/') ? join(amDir, `${mod.slice(4)}.d.ts`) : join(kmDir, `${mod}.d.ts`);
}

/** Resolve an import specifier seen in module `from` to a module id. */
function resolveImport(from, spec) {
  const s = spec.replace(/\.js$/, '');
  if (s.startsWith('@kubernetes-models/apimachinery/')) return `@am/${s.slice('@kubernetes-models/apimachinery/'.length)}`;
  const base = from.split('/').slice(0, -1);
  for (const seg of s.split('/')) {
    if (seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** JSDoc text back to the description: drop the ` * ` gutter, keep blank lines and indentation after it. */
function jsdoc(block) {
  const lines = block
    .replace(/^\s*\/\*\*\s*\n?/, '')
    .replace(/\n?\s*\*\/\s*$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''));
  return lines.join('\n').replace(/\*\\\//g, '*/').trim();
}

// ---- client-node (the 1.32 field lists) ----

const cnModels = join(cnDir, 'dist/gen/models');
function cnClass(mod) {
  const parts = mod.replace(/^@am\//, '').split('/');
  const name = parts.pop();
  const version = parts[parts.length - 1];
  const ver = version.charAt(0).toUpperCase() + version.slice(1);
  const group = mod.startsWith('@am/') ? '' : parts.length === 1 ? 'core' : parts[0].replace(/\.k8s\.io$/, '');
  const cap = group ? group.charAt(0).toUpperCase() + group.slice(1) : '';
  for (const c of [`${cap}${ver}${name}`, `${ver}${name}`]) {
    const f = join(cnModels, `${c}.js`);
    if (existsSync(f)) {
      const js = readFileSync(f, 'utf8');
      const attrs = new Map();
      for (const m of js.matchAll(/"baseName": "([^"]+)",\s*"type": "([^"]+)",\s*"format": "([^"]*)"/g)) attrs.set(m[1], { type: m[2], format: m[3] });
      const dts = readFileSync(join(cnModels, `${c}.d.ts`), 'utf8');
      return { attrs, dts };
    }
  }
  return undefined;
}

function cnDescription(dts, prop) {
  const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*'${prop}'\\??:`).exec(dts);
  return m ? jsdoc(`/**${m[1]}*/`) : undefined;
}

// ---- kubernetes-models .d.ts parsing ----

/** The members of an interface body: [jsdoc, name, optional, type text], brace- and comment-aware. */
function members(body) {
  const out = [];
  let i = 0;
  let doc;
  while (i < body.length) {
    if (/\s/.test(body[i])) {
      i++;
      continue;
    }
    if (body.startsWith('/**', i)) {
      const end = body.indexOf('*/', i) + 2;
      doc = body.slice(i, end);
      i = end;
      continue;
    }
    const m = /^"([^"]+)"(\?)?: /.exec(body.slice(i));
    if (!m) throw new Error(`cannot parse interface body at: ${body.slice(i, i + 60)}`);
    i += m[0].length;
    let depth = 0;
    const start = i;
    while (i < body.length) {
      if (body.startsWith('/**', i)) {
        i = body.indexOf('*/', i) + 2;
        continue;
      }
      const c = body[i];
      if (c === '{' || c === '<' || c === '(') depth++;
      else if (c === '}' || c === '>' || c === ')') depth--;
      else if (c === ';' && depth === 0) break;
      i++;
    }
    out.push([doc, m[1], m[2], body.slice(start, i)]);
    i++;
    doc = undefined;
  }
  return out;
}

/** Split a TypeScript type expression into a schema (and the modules it references). */
function typeSchema(t, imports, refs, numberFormat) {
  t = t.trim();
  let m;
  if ((m = /^Array<([\s\S]*)>$/.exec(t))) return { type: 'array', items: typeSchema(m[1], imports, refs, numberFormat) };
  if ((m = /^\{\s*\[key: string\]: ([\s\S]*?);?\s*\}$/.exec(t))) return { type: 'object', additionalProperties: typeSchema(m[1], imports, refs, numberFormat) };
  if (t === 'string') return { type: 'string' };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'number') return numberFormat === 'double' ? { type: 'number' } : { type: 'integer' };
  // An embedded object literal is a whole PersistentVolumeClaim (StatefulSet volumeClaimTemplates).
  if (t.startsWith('{') && t.includes('IIoK8sApiCoreV1PersistentVolumeClaimSpec')) {
    refs.add('v1/PersistentVolumeClaim');
    return { $ref: `#/components/schemas/${defName('v1/PersistentVolumeClaim')}` };
  }
  if (t === 'any' || t === 'object' || t === '{}') return { type: 'object' };
  if (/^"[^"]*"(\s*\|\s*"[^"]*")*$/.test(t)) return { type: 'string', enum: [...t.matchAll(/"([^"]*)"/g)].map((x) => x[1]) };
  if (imports.has(t)) {
    const mod = imports.get(t);
    refs.add(mod);
    return { $ref: `#/components/schemas/${defName(mod)}` };
  }
  throw new Error(`unknown type expression: ${t}`);
}

/** Wrap a `$ref` as kube-openapi's v3 output does when the property has its own description. */
function asProperty(schema, description) {
  const out = {};
  if (description) out.description = description;
  if (schema.$ref) return { ...out, allOf: [{ $ref: schema.$ref }] };
  const wrapItems = (s) => (s.$ref ? { allOf: [{ $ref: s.$ref }] } : s);
  if (schema.items) return { ...out, type: 'array', items: wrapItems(schema.items) };
  if (schema.additionalProperties) return { ...out, type: 'object', additionalProperties: wrapItems(schema.additionalProperties) };
  return { ...out, ...schema };
}

const quantityDescription = (() => {
  const src = readFileSync(join(typesDir, 'api/resource.d.ts'), 'utf8');
  const m = /\/\*\*[\s\S]*?\*\/(?=\s*export type Quantity)/.exec(src);
  if (!m) throw new Error('Quantity description not found in kubernetes-types');
  return jsdoc(m[0]);
})();

function parseModule(mod, root) {
  const src = readFileSync(modFile(mod), 'utf8');
  const imports = new Map();
  for (const m of src.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, resolveImport(mod, m[2]));
  }
  const refs = new Set();
  const name = mod.split('/').pop();
  // Scalar aliases (Time, IntOrString, Quantity, MicroTime).
  const alias = /(\/\*\*[\s\S]*?\*\/\s*)?export declare type I\w+ = ([^;]+);/.exec(src);
  if (alias && !/export interface/.test(src)) {
    const description = name === 'Quantity' ? quantityDescription : alias[1] ? jsdoc(alias[1]) : undefined;
    const t = alias[2].trim();
    const s = {};
    if (description) s.description = description;
    if (t === 'string') {
      s.type = 'string';
      if (name === 'Time' || name === 'MicroTime') s.format = 'date-time';
    } else if (name === 'IntOrString') {
      s['x-kubernetes-int-or-string'] = true;
    } else {
      s.oneOf = [{ type: 'string' }, { type: 'number' }];
    }
    return { schema: s, refs };
  }
  const iface = /(\/\*\*[\s\S]*?\*\/)\s*export interface I\w+(?: extends TypeMeta)? \{([\s\S]*?)\n?\}\n/.exec(src);
  if (!iface) throw new Error(`no interface in ${mod}`);
  const schema = { description: jsdoc(iface[1]), type: 'object', properties: {} };
  const cn = cnClass(mod);
  if (!cn) console.warn(`warning: no client-node class for ${mod}; keeping every field`);
  const required = [];
  const body = iface[2];
  for (const [doc, prop, optional, type] of members(body)) {
    if (cn && !cn.attrs.has(prop)) {
      console.warn(`note: ${mod}.${prop} is not in 1.32; dropped`);
      continue;
    }
    if (root && (prop === 'apiVersion' || prop === 'kind')) {
      schema.properties[prop] = { description: cnDescription(cn.dts, prop), type: 'string' };
      continue;
    }
    const fmt = cn?.attrs.get(prop)?.format;
    schema.properties[prop] = asProperty(typeSchema(type, imports, refs, fmt), doc ? jsdoc(doc) : undefined);
    if (!optional) required.push(prop);
  }
  if (cn) for (const p of cn.attrs.keys()) if (!(p in schema.properties)) console.warn(`warning: ${mod}.${p} is in 1.32 but not in the models`);
  if (Object.keys(schema.properties).length === 0) delete schema.properties;
  if (required.length > 0) schema.required = required.sort();
  return { schema, refs };
}

const schemas = {};
const queue = roots.map(([mod, group, version, kind]) => ({ mod, gvk: { group, kind, version } }));
const seen = new Set();
while (queue.length > 0) {
  const { mod, gvk } = queue.shift();
  if (seen.has(mod)) continue;
  seen.add(mod);
  const { schema, refs } = parseModule(mod, !!gvk);
  if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
  schemas[defName(mod)] = schema;
  for (const r of refs) queue.push({ mod: r });
}

const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
writeFileSync(join(here, 'schema.json'), JSON.stringify({ components: { schemas: sorted } }) + '\n');
console.log(`wrote ${Object.keys(sorted).length} schemas`);
