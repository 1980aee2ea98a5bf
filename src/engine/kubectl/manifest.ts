import yaml from 'js-yaml';
import type { KubeObject, ResourceType } from '../api/types.ts';
import { goYamlError } from './apply/yamlerrors.ts';
import type { KubectlContext } from './command.ts';
import { KubectlError } from './errors.ts';

/**
 * Reading objects from `-f` inputs, as cli-runtime's resource builder does: files, directories (their
 * .yaml/.yml/.json files in name order; `-R` for subdirectories), `-` for stdin, several `-f`; multi-document
 * YAML split on `---` lines (kubectl's YAMLReader, so go-yaml line numbers count from the chunk), streams of
 * JSON objects, and `List` kinds flattened into their items.
 *
 * Kubelab decodes every input before anything is sent: if any input fails to decode, validate or map to a
 * known kind, `objects` is empty and `errors` says why, so a bad file never half-applies.
 */
export interface ManifestObject {
  obj: KubeObject;
  /** Where it came from, as kubectl names it in messages: the path as given, or `STDIN`. */
  source: string;
  rt: ResourceType;
  /** The namespace the object goes to ('' for cluster-scoped kinds). */
  namespace: string;
  name: string;
}

export interface ManifestOptions {
  filenames: string[];
  recursive?: boolean;
  /** `--validate` (true unless `--validate=false`/`ignore`). */
  validate?: boolean;
}

export interface ManifestResult {
  objects: ManifestObject[];
  errors: Error[];
}

const yamlSchema = yaml.CORE_SCHEMA.extend([
  // YAML 1.1 booleans that go-yaml v2 (and so kubectl) reads as true/false.
  new yaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (d: string) => /^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/.test(d),
    construct: (d: string) => /^(y|Y|yes|Yes|YES|on|On|ON)$/.test(d),
  }),
]);

/** Split a YAML stream as k8s.io/apimachinery's YAMLReader does; returns chunks (a chunk may start with its `---`). */
export function splitYamlDocuments(text: string): string[] {
  const chunks: string[] = [];
  let buf = '';
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') throw new Error(`invalid Yaml document separator: ${trimmed}`);
      if (buf.length > 0) {
        chunks.push(buf);
        buf = '';
        continue;
      }
    }
    buf += line;
  }
  if (buf.length > 0) chunks.push(buf);
  return chunks;
}

function isJsonStream(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** Parse a stream of concatenated JSON values (Go's json.Decoder). */
function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let depth = 0;
    let inStr = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    const chunk = text.slice(start, i);
    try {
      out.push(JSON.parse(chunk));
    } catch (e) {
      const m = /position (\d+)/.exec(String(e));
      const pos = m ? Number(m[1]) : chunk.length;
      const ch = chunk[pos];
      const what = ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' ${ch === '}' || ch === ']' ? 'looking for beginning of value' : 'after object key:value pair'}`;
      throw new Error(`json: offset ${start + pos + 1}: ${what}`);
    }
  }
  return out;
}

/** Decode one input's text into raw documents (null/empty documents dropped). */
export function decodeDocuments(text: string): unknown[] {
  if (isJsonStream(text)) return parseJsonStream(text);
  const docs: unknown[] = [];
  for (const chunk of splitYamlDocuments(text)) {
    let v: unknown;
    try {
      v = yaml.load(chunk, { schema: yamlSchema, json: true });
    } catch (e) {
      throw new Error(`error converting YAML to JSON: ${goYamlError(e, chunk)}`);
    }
    if (v !== null && v !== undefined) docs.push(v);
  }
  return docs;
}

/** The inputs named by `-f` values: files in the lab filesystem, directories, or `-` for stdin. */
function expandPaths(ctx: KubectlContext, filenames: string[], recursive: boolean): Array<{ source: string; text: string }> | Error {
  const out: Array<{ source: string; text: string }> = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push({ source: 'STDIN', text: ctx.stdin });
      continue;
    }
    if (/^https?:\/\//.test(f)) return new KubectlError(`unable to read URL "${f}": the lab has no network access`);
    const text = ctx.readFile(f);
    if (text !== undefined) {
      out.push({ source: f, text });
      continue;
    }
    const dir = f.replace(/\/+$/, '') + '/';
    const inDir = [...ctx.rt.files.keys()]
      .filter((p) => p.startsWith(dir) && (recursive || !p.slice(dir.length).includes('/')))
      .filter((p) => /\.(ya?ml|json)$/.test(p))
      .sort();
    const isDir = [...ctx.rt.files.keys()].some((p) => p.startsWith(dir));
    if (!isDir) return new KubectlError(`the path "${f}" does not exist`);
    for (const p of inDir) out.push({ source: p, text: ctx.rt.files.get(p)! });
  }
  return out;
}

function flatten(doc: unknown): unknown[] {
  const o = doc as Record<string, unknown>;
  if (o && typeof o === 'object' && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
    return o.items.flatMap(flatten);
  }
  return [doc];
}

/** Read, decode, validate and map every object named by `-f`; all-or-nothing (see the module comment). */
export function readManifests(ctx: KubectlContext, opts: ManifestOptions): ManifestResult {
  const inputs = expandPaths(ctx, opts.filenames, !!opts.recursive);
  if (inputs instanceof Error) return { objects: [], errors: [inputs] };
  const objects: ManifestObject[] = [];
  const errors: Error[] = [];
  for (const input of inputs) {
    let docs: unknown[];
    try {
      docs = decodeDocuments(input.text).flatMap(flatten);
    } catch (e) {
      errors.push(new KubectlError(`error parsing ${input.source}: ${(e as Error).message}`));
      continue;
    }
    for (const doc of docs) {
      const r = toManifestObject(ctx, doc, input.source, opts.validate !== false);
      if (r instanceof Error) errors.push(r);
      else objects.push(r);
    }
  }
  if (errors.length > 0) return { objects: [], errors };
  return { objects, errors };
}

function toManifestObject(ctx: KubectlContext, doc: unknown, source: string, validate: boolean): ManifestObject | Error {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return new KubectlError(`error parsing ${source}: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`);
  }
  const o = doc as Record<string, unknown>;
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (!apiVersion || !kind) {
    if (validate) {
      const missing = [!apiVersion && 'apiVersion not set', !kind && 'kind not set'].filter(Boolean) as string[];
      const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
      return new KubectlError(
        `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    return new KubectlError(`unable to decode "${source}": Object '${!kind ? 'Kind' : 'apiVersion'}' is missing in '${JSON.stringify(doc)}'`);
  }
  const meta = (o.metadata && typeof o.metadata === 'object' ? o.metadata : {}) as Record<string, unknown>;
  const rawNs = typeof meta.namespace === 'string' ? meta.namespace : '';
  const name = typeof meta.name === 'string' ? meta.name : '';
  const rt = ctx.rt.registry.forKind(apiVersion, kind);
  if (!rt) {
    return new KubectlError(
      `resource mapping not found for name: "${name}" namespace: "${rawNs}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
    );
  }
  let namespace = '';
  if (rt.namespaced) {
    if (rawNs && ctx.namespaceExplicit && rawNs !== ctx.namespace) {
      return new KubectlError(
        `the namespace from the provided object "${rawNs}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${rawNs}' to perform this operation.`,
      );
    }
    namespace = rawNs || ctx.namespace;
  }
  return { obj: doc as KubeObject, source, rt, namespace, name };
}
