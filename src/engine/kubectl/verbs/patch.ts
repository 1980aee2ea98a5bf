// `kubectl patch` (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): strategic merge, JSON merge and JSON
// patches from -p/--patch-file against live objects (through the apiserver's PATCH semantics), files with
// --local, or the live object patched client-side with --dry-run=client; --subresource status|scale.
import yaml from 'js-yaml';
import { notFound } from '../../api/errors.ts';
import { StatusError, type KubeObject, type ResourceType } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import {
  applyPatch, applyPatchOnServer, jsonEqual, patchMediaTypes, PatchError, supportsStrategicMerge, unsupportedMediaTypeMessage, type PatchType,
} from '../../api/patch/index.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { decodeDocuments, readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { goYamlError } from '../apply/yamlerrors.ts';
import { filenameFlags } from '../apply/flags.ts';
import { dryRunFlag, dryRunStrategy, kindString, reportErrors } from '../apply/report.ts';
import { parseOutput, printGeneric } from '../output/printflags.ts';
import { toScale, scaleGroupKind, fromScale } from '../../api/patch/scale.ts';

const patchTypes: PatchType[] = ['json', 'merge', 'strategic'];

function gvkString(rt: Pick<ResourceType, 'group' | 'version' | 'kind'>): string {
  return `${rt.group ? `${rt.group}/` : ''}${rt.version}, Kind=${rt.kind}`;
}

/** A patch that starts like JSON but is not valid JSON: passed on as bytes, rejected by whoever decodes it. */
export class BadJson {
  constructor(readonly goError: string) {}
}

/** Go's encoding/json syntax error text for a JSON.parse failure. */
function goJsonSyntaxError(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(String(e));
  if (!m) return 'unexpected end of JSON input';
  const ch = text[Number(m[1])];
  return ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of object key string`;
}

/**
 * apimachinery yaml.ToJSON of the patch text: text that starts with `{` is taken as JSON as it is (so a
 * broken one fails later, in the patch library); anything else is YAML.
 */
function parsePatch(text: string, shown: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      return new BadJson(goJsonSyntaxError(text, e));
    }
  }
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true }) ?? null;
  } catch (e) {
    throw new KubectlError(`unable to parse ${JSON.stringify(shown)}: ${goYamlError(e, text)}`);
  }
}

/** kubectl's getPatchedJSON: the patch applied on the client, errors as the libraries word them. */
function patchLocally(type: PatchType, rt: ResourceType, obj: unknown, patch: unknown): KubeObject {
  if (type === 'strategic' && !supportsStrategicMerge(rt.group)) {
    throw new KubectlError(`strategic merge patch is not supported for ${gvkString(rt)} locally, try --type merge`);
  }
  if (patch instanceof BadJson) {
    throw new KubectlError(type === 'strategic' ? 'invalid JSON document' : type === 'merge' ? 'Invalid JSON Patch' : patch.goError);
  }
  try {
    return applyPatch(type, obj, patch) as unknown as KubeObject;
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    const i = e.message.indexOf('doc is missing key');
    if (type === 'json' && i >= 0) {
      const key = e.message.slice(e.message.indexOf('key:') + 5);
      throw new KubectlError(`Object to be patched is missing field (${key})`);
    }
    throw new KubectlError(e.message);
  }
}

/**
 * --local reads files without asking the server about their kinds, so kinds Kubelab does not serve (custom
 * resources from files) work too. Undefined when a file is missing or does not decode (readManifests then
 * reports it as usual).
 */
function localObjects(ctx: KubectlContext, filenames: string[]): Target[] | undefined {
  const out: Target[] = [];
  for (const f of filenames) {
    const text = f === '-' ? ctx.stdin : ctx.readFile(f);
    if (text === undefined) return undefined;
    let docs: unknown[];
    try {
      docs = decodeDocuments(text);
    } catch {
      return undefined;
    }
    for (const d of docs.flatMap(flattenList)) {
      const o = d as KubeObject;
      if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
      out.push({ rt: ctx.api.registry.forKind(o.apiVersion, o.kind) ?? unservedType(o.apiVersion, o.kind), obj: o });
    }
  }
  return out;
}

function flattenList(doc: unknown): unknown[] {
  const o = doc as { kind?: unknown; items?: unknown };
  if (o && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) return o.items.flatMap(flattenList);
  return [doc];
}

/** A stand-in type for a kind from a file that the cluster does not serve. */
function unservedType(apiVersion: string, kind: string): ResourceType {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const lower = kind.toLowerCase();
  return { kind, group, version, plural: `${lower}s`, singular: lower, shortNames: [], namespaced: true, verbs: [] } as unknown as ResourceType;
}

interface Target {
  rt: ResourceType;
  obj: KubeObject;
}

function targetsOf(ctx: KubectlContext, args: ParsedArgs, local: boolean, errors: unknown[]): Target[] {
  const filenames = args.arr('filename');
  if (filenames.length > 0) {
    if (args.positional.length > 0) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (local) {
      const objs = localObjects(ctx, filenames);
      if (objs) return objs;
    }
    const r = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (r.errors.length > 0) throw r.errors[0];
    const out: Target[] = [];
    for (const m of r.objects) {
      if (local) {
        out.push({ rt: m.rt, obj: m.obj });
        continue;
      }
      const live = ctx.api.tryGet(m.rt.plural, m.rt.namespaced ? m.namespace : undefined, m.name);
      if (live) out.push({ rt: m.rt, obj: live });
      else errors.push(notFound(m.rt, m.name));
    }
    return out;
  }
  const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace });
  errors.push(...r.errors);
  return r.infos.flatMap((i) => i.objects.map((obj) => ({ rt: i.rt, obj })));
}

/** The object PATCH works on for a subresource; throws the apiserver's 404 for ones the kind lacks. */
function subresourceView(rt: ResourceType, live: KubeObject, sub: string): unknown {
  if (sub === '' || (sub === 'status' && rt.hasStatus)) return live;
  if (sub === 'scale') {
    const s = toScale(rt, live);
    if (s) return s;
  }
  throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
}

/** PATCH against the apiserver; returns the object the server answers with. */
function patchOnServer(ctx: KubectlContext, t: Target, type: PatchType, patch: unknown, sub: string, dryRun: boolean): { result: unknown; before: unknown } {
  const { rt, obj: live } = t;
  if (type === 'strategic' && !supportsStrategicMerge(rt.group)) {
    throw new KubectlError(`${patchMediaTypes.strategic} is not supported by ${gvkString(rt)}: ${unsupportedMediaTypeMessage}`);
  }
  if (patch instanceof BadJson) throw new StatusError(400, 'BadRequest', patch.goError);
  const before = subresourceView(rt, live, sub);
  const patched = applyPatchOnServer(type, before, patch) as unknown as KubeObject;
  if (jsonEqual(patched, before)) return { result: before, before };
  const name = live.metadata.name!;
  const pm = (patched as { metadata?: { name?: unknown } }).metadata;
  if (pm?.name !== undefined && pm.name !== name) {
    throw new StatusError(400, 'BadRequest', `the name of the object (${String(pm.name)}) does not match the name on the URL (${name})`);
  }
  if (sub === 'scale') {
    const upd = fromScale(live, patched);
    const written = ctx.api.update(upd, { dryRun });
    return { result: toScale(rt, written), before };
  }
  const upd = clone(patched);
  upd.metadata ??= {};
  upd.metadata.name = name;
  if (rt.namespaced) upd.metadata.namespace = live.metadata.namespace;
  upd.metadata.resourceVersion ??= live.metadata.resourceVersion;
  const written = sub === 'status' ? ctx.api.update(upd, { dryRun, subresource: 'status' }) : ctx.api.update(upd, { dryRun });
  return { result: written, before };
}

function runPatch(ctx: KubectlContext, args: ParsedArgs): number {
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = args.str('output');
  const spec = output ? parseOutput(output, ctx.readFile) : undefined;
  const patchText = args.str('patch');
  const patchFile = args.str('patch-file');
  const local = args.bool('local');
  if (patchText && patchFile) throw new KubectlError('cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
  if (local && args.positional.length > 0) throw new KubectlError('cannot specify --local and server resources');
  if (local && dry === 'server') throw new KubectlError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typeArg = args.str('type');
  if (typeArg && !patchTypes.includes(typeArg.toLowerCase() as PatchType)) {
    throw new KubectlError(`--type must be one of [${patchTypes.join(' ')}], not ${JSON.stringify(typeArg)}`);
  }
  const type = (typeArg ? typeArg.toLowerCase() : 'strategic') as PatchType;
  let text = patchText;
  if (patchFile) {
    const f = ctx.readFile(patchFile);
    if (f === undefined) throw new KubectlError(`unable to read patch file: open ${patchFile}: no such file or directory`);
    text = f;
  }
  const patch = parsePatch(text, patchText);
  const sub = args.str('subresource');

  const errors: unknown[] = [];
  const targets = targetsOf(ctx, args, local, errors);
  for (const t of targets) {
    try {
      let result: unknown;
      let before: unknown;
      if (!local && dry !== 'client') ({ result, before } = patchOnServer(ctx, t, type, patch, sub, dry === 'server'));
      else {
        before = t.obj;
        result = patchLocally(type, t.rt, t.obj, patch);
      }
      const changed = !jsonEqual(before, result);
      const obj = result as KubeObject;
      const isScale = !local && dry !== 'client' && sub === 'scale';
      if (spec && spec.kind !== 'table' && spec.kind !== 'name') {
        ctx.out(printGeneric(spec, obj as Record<string, unknown>, () => (isScale ? scaleGroupKind.group : t.rt.group)));
        continue;
      }
      const name = `${isScale ? 'scale.autoscaling' : kindString(t.rt)}/${obj.metadata?.name ?? t.obj.metadata.name ?? ''}`;
      ctx.out(spec?.kind === 'name' ? `${name}\n` : `${name} ${changed ? 'patched' : 'patched (no change)'}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  if (targets.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to patch');
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    ...filenameFlags,
    dryRunFlag,
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'template', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
  ],
  run: runPatch,
});
