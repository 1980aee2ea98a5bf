/**
 * The resource-argument builder kubectl verbs share (cli-runtime's resource.Builder with
 * ResourceTypeOrNameArgs): `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2`, `TYPE/NAME...`, `all`, with `-l`,
 * `--field-selector`, `-n` and `-A`. It resolves arguments into "infos" (one per listed type, or one per
 * named object) and collects per-object errors (NotFound) separately from fatal argument errors, exactly as
 * kubectl's ContinueOnError builder does.
 */
import { notFound } from '../api/errors.ts';
import type { ApiServer } from '../api/server.ts';
import { StatusError, type KubeObject, type ResourceType } from '../api/types.ts';
import type { ResourceRegistry } from '../api/registry.ts';
import type { KubectlContext } from './command.ts';
import { KubectlError } from './errors.ts';
import { readManifests } from './manifest.ts';
import { listError, parseSelectors, type FieldSelector, type LabelSelector } from './selector.ts';

export interface ResourceArgs {
  /** Positional arguments after the verb. */
  args: string[];
  /** Namespace from -n or the default namespace. */
  namespace: string;
  allNamespaces?: boolean;
  /** `-l` text (empty: none). */
  selector?: string;
  /** `--field-selector` text. */
  fieldSelector?: string;
  /** `--all` (label, annotate, delete): select every object of the types given. */
  selectAll?: boolean;
  /** When one `TYPE` argument alone means "list them all" (get, describe); false for verbs that need names. */
  allowEmptySelector?: boolean;
}

/** One resolved unit: a listed type (a List) or a single named object. */
export interface ResourceInfo {
  rt: ResourceType;
  /** Namespace the request used (undefined for cluster-scoped types or -A). */
  namespace?: string;
  /** True for a list request (`get pods`), false for a named object (`get pod web`). */
  isList: boolean;
  objects: KubeObject[];
}

export interface ResourceResult {
  infos: ResourceInfo[];
  /** Per-object errors (NotFound) to report after printing what was found. */
  errors: StatusError[];
  /** kubectl's singleItemImplied: exactly one object was asked for by name. */
  singleItemImplied: boolean;
  /** True when resources were named (TYPE NAME or TYPE/NAME), not listed. */
  byName: boolean;
}

/** Resource types of a category (`all`), in discovery order: core group first, then by group; plurals sorted. */
export function categoryResources(registry: ResourceRegistry, category: string): ResourceType[] {
  const groupOrder = (g: string) => (g === '' ? '' : `~${g}`);
  return registry
    .all()
    .filter((t) => (t.categories ?? []).includes(category))
    .sort((a, b) => {
      const ga = groupOrder(a.group);
      const gb = groupOrder(b.group);
      if (ga !== gb) return ga < gb ? -1 : 1;
      return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
    });
}

/** Resolve one type word (`po`, `deployments.apps`, `Pod`); throws kubectl's error when unknown. */
export function resolveType(registry: ResourceRegistry, word: string): ResourceType {
  const rt = registry.lookup(word);
  if (!rt) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
  return rt;
}

/** SplitResourceArgument + ReplaceAliases: `pods,svc` or `all` to resource types (deduplicated, in order). */
export function resolveTypeList(registry: ResourceRegistry, arg: string): ResourceType[] {
  const out: ResourceType[] = [];
  for (const word of arg.split(',')) {
    if (word === '') continue;
    const types = word === 'all' ? categoryResources(registry, 'all') : [resolveType(registry, word)];
    for (const t of types) if (!out.includes(t)) out.push(t);
  }
  return out;
}

const combinedTypeError =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

interface Tuple {
  rt: ResourceType;
  name: string;
}

function splitTuples(registry: ResourceRegistry, args: string[]): Tuple[] | undefined {
  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes === 0) return undefined;
  if (slashes !== args.length) throw new KubectlError(combinedTypeError);
  return args.map((a) => {
    const seg = a.split('/');
    if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
    const [type, name] = seg;
    if (!type || !name || type.split(',').length !== 1) {
      throw new KubectlError('arguments in resource/name form must have a single resource and name');
    }
    return { rt: resolveType(registry, type), name };
  });
}

function namespaceFor(rt: ResourceType, a: ResourceArgs): string | undefined {
  if (!rt.namespaced) return undefined;
  return a.allNamespaces ? undefined : a.namespace;
}

function listObjects(api: ApiServer, rt: ResourceType, a: ResourceArgs, ls?: LabelSelector, fs?: FieldSelector): KubeObject[] {
  const ns = namespaceFor(rt, a);
  try {
    return api.list(rt.plural, ns, { labelSelector: ls, fieldSelector: fs });
  } catch (e) {
    // The apiserver's 400 (`field label not supported: ...`), prefixed as the resource builder does.
    if (e instanceof StatusError && e.reason === 'BadRequest') throw listError(rt, (a.selector ?? '').trim(), a.fieldSelector ?? '', e.message);
    throw e;
  }
}

function getNamed(api: ApiServer, rt: ResourceType, ns: string | undefined, name: string, errors: StatusError[]): ResourceInfo | undefined {
  const o = api.tryGet(rt.plural, ns, name);
  if (!o) {
    errors.push(notFound(rt, name));
    return undefined;
  }
  return { rt, namespace: ns, isList: false, objects: [o] };
}

/**
 * Resolve kubectl resource arguments against the API. Throws (KubectlError / StatusError) for argument
 * errors that stop the command before anything prints; returns NotFound errors for named objects in
 * `errors` so the caller can print what was found first.
 */
export function resolveResources(api: ApiServer, a: ResourceArgs): ResourceResult {
  const registry = api.registry;
  const args = a.args;
  const tuples = splitTuples(registry, args);
  let types: ResourceType[] = [];
  let names: string[] = [];
  if (!tuples) {
    if (args.length >= 1) types = resolveTypeList(registry, args[0]);
    names = args.slice(1);
  }
  let labelText = a.selector ?? '';
  const hasFieldSelector = !!a.fieldSelector;
  let useSelector = labelText !== '' || hasFieldSelector || !!a.selectAll;
  if (!tuples && args.length === 1 && !useSelector && a.allowEmptySelector) {
    useSelector = true;
    labelText = '';
  }

  if (useSelector) {
    if (names.length > 0) throw new KubectlError('name cannot be provided when a selector is specified');
    if (tuples) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments');
    if (types.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified');
    const infos = types.map((rt) => {
      const { label, field } = parseSelectors(rt, labelText, a.fieldSelector ?? '');
      return { rt, namespace: namespaceFor(rt, a), isList: true, objects: listObjects(api, rt, a, label, field) };
    });
    return { infos, errors: [], singleItemImplied: false, byName: false };
  }

  if (tuples) {
    if (a.allNamespaces) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    const errors: StatusError[] = [];
    const infos: ResourceInfo[] = [];
    for (const t of tuples) {
      const info = getNamed(api, t.rt, namespaceFor(t.rt, a), t.name, errors);
      if (info) infos.push(info);
    }
    return { infos, errors, singleItemImplied: tuples.length === 1, byName: true };
  }

  if (names.length > 0) {
    if (types.length > 1) throw new KubectlError('you must specify only one resource');
    if (a.allNamespaces) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    const rt = types[0];
    const errors: StatusError[] = [];
    const infos: ResourceInfo[] = [];
    for (const n of names) {
      const info = getNamed(api, rt, namespaceFor(rt, a), n, errors);
      if (info) infos.push(info);
    }
    return { infos, errors, singleItemImplied: names.length === 1, byName: true };
  }

  if (types.length > 0) throw new KubectlError('resource(s) were provided, but no name was specified');
  throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
}

/** All objects of a result, in print order. */
export function resultObjects(r: ResourceResult): KubeObject[] {
  return r.infos.flatMap((i) => i.objects);
}

/** `pod/web`, `deployment.apps/web`: how kubectl names an object in messages and `-o name`. */
export function kindSlashName(rt: Pick<ResourceType, 'kind' | 'group'>, name: string): string {
  return `${rt.group ? `${rt.kind.toLowerCase()}.${rt.group}` : rt.kind.toLowerCase()}/${name}`;
}

/**
 * `-f FILE` for the read verbs (get, describe): the objects the manifests name, fetched live. Decoding
 * errors stop the command; a named object that does not exist is a NotFound in `errors`.
 */
export function resolveFromFiles(ctx: KubectlContext, filenames: string[], recursive: boolean, positional: string[]): ResourceResult {
  if (positional.length > 0) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const { objects, errors: decodeErrors } = readManifests(ctx, { filenames, recursive, validate: false });
  if (decodeErrors.length > 0) throw decodeErrors[0];
  const errors: StatusError[] = [];
  const infos: ResourceInfo[] = [];
  for (const m of objects) {
    const info = getNamed(ctx.api, m.rt, m.rt.namespaced ? m.namespace : undefined, m.name, errors);
    if (info) infos.push(info);
  }
  return { infos, errors, singleItemImplied: objects.length === 1 && filenames.length === 1, byName: true };
}
