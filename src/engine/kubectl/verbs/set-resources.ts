// `kubectl set resources` (staging/src/k8s.io/kubectl/pkg/cmd/set/set_resources.go).
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { canonicalQuantity } from '../../util/quantity.ts';
import type { CommandSpec, KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { dryRunFlag, dryRunStrategy, dryRunSuffix, kindString, reportErrors } from '../apply/report.ts';
import { podSpecOf } from './set.ts';

type Ctr = { name: string; resources?: { limits?: Record<string, string>; requests?: Record<string, string> } };

const QUANTITY_RE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** util.ParseResourceList: `cpu=200m,memory=512Mi` with canonical quantities. */
function parseResourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i < 0) throw new KubectlError(`invalid resource quantity ${JSON.stringify(part)}`);
    try {
      out[part.slice(0, i)] = canonicalQuantity(part.slice(i + 1));
    } catch {
      throw new KubectlError(QUANTITY_RE);
    }
  }
  return out;
}

/** filepath.Match for the `-c` selector (`*`, `?`). */
function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(name);
}

/**
 * What kubectl prints for an object it decoded into its Go type (--local, -o): the fields of the typed
 * structs that are not omitempty come back as null / {} (creationTimestamp, strategy, status, resources).
 */
function typedView(o: KubeObject): KubeObject {
  const t = clone(o) as unknown as Record<string, Record<string, unknown>>;
  const meta = (m: Record<string, unknown> | undefined) => {
    if (m && !('creationTimestamp' in m)) m.creationTimestamp = null;
  };
  meta(t.metadata);
  const spec = t.spec ?? (t.spec = {});
  const template = (spec.template ?? (spec.jobTemplate as { spec?: { template?: unknown } } | undefined)?.spec?.template) as { metadata?: Record<string, unknown> } | undefined;
  if (template) meta(template.metadata ?? (template.metadata = {}));
  if (o.kind === 'Deployment' && !spec.strategy) spec.strategy = {};
  if ((o.kind === 'StatefulSet' || o.kind === 'DaemonSet') && !spec.updateStrategy) spec.updateStrategy = {};
  const ps = podSpecOf(t as unknown as KubeObject) as { containers?: Ctr[]; initContainers?: Ctr[] } | undefined;
  for (const c of [...(ps?.initContainers ?? []), ...(ps?.containers ?? [])]) c.resources ??= {};
  if (!('status' in t)) t.status = {};
  return t as unknown as KubeObject;
}

function setResources(obj: KubeObject, rt: ResourceType, selector: string, limits: Record<string, string>, requests: Record<string, string>): KubeObject {
  const copy = clone(obj);
  const ps = podSpecOf(copy) as { containers?: Ctr[]; initContainers?: Ctr[] } | undefined;
  if (!ps) throw new KubectlError(`${rt.plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: *${rt.version}.${rt.kind}`);
  const matched = [...(ps.initContainers ?? []), ...(ps.containers ?? [])].filter((c) => globMatch(selector, c.name));
  if (matched.length === 0) throw new KubectlError(`unable to find container named ${selector}`);
  for (const c of matched) {
    const r = (c.resources ??= {});
    if (Object.keys(limits).length > 0) r.limits = { ...(r.limits ?? {}), ...limits };
    if (Object.keys(requests).length > 0) r.requests = { ...(r.requests ?? {}), ...requests };
  }
  return copy;
}

function runSetResources(ctx: KubectlContext, args: ParsedArgs): number {
  const local = args.bool('local');
  const filenames = args.arr('filename');
  const dry = local ? 'client' : dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  if (local && filenames.length === 0) {
    throw new KubectlError("you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
  }
  if (args.str('limits') === '' && args.str('requests') === '') throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = parseResourceList(args.str('limits'));
  const requests = parseResourceList(args.str('requests'));
  const selector = args.str('containers') || '*';
  const targets: Array<{ rt: ResourceType; obj: KubeObject }> = [];
  const errors: unknown[] = [];
  if (filenames.length > 0) {
    if (args.positional.length > 0 && local) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const m = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (m.errors.length > 0) throw m.errors[0];
    for (const o of m.objects) {
      if (local) targets.push({ rt: o.rt, obj: o.obj });
      else {
        try {
          targets.push({ rt: o.rt, obj: ctx.api.get(o.rt.plural, o.rt.namespaced ? o.namespace : undefined, o.name) });
        } catch (e) {
          errors.push(e);
        }
      }
    }
  } else {
    const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace, allNamespaces: false, selector: args.str('selector'), selectAll: args.bool('all') });
    errors.push(...r.errors);
    for (const info of r.infos) for (const obj of info.objects) targets.push({ rt: info.rt, obj });
  }
  let first = true;
  for (const { rt, obj } of targets) {
    try {
      const updated = setResources(obj, rt, selector, limits, requests);
      const result = local || dry === 'client' ? updated : ctx.api.update(updated, { dryRun: dry === 'server' });
      if (output === '') ctx.out(`${kindString(rt)}/${obj.metadata.name} resource requirements updated${local ? '' : dryRunSuffix(dry)}\n`);
      else printObject(ctx, local ? typedView(result) : result, rt, output, first, '', true);
      first = false;
    } catch (e) {
      errors.push(e);
    }
  }
  return reportErrors(ctx, errors);
}

export const setResourcesCommand: CommandSpec = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  flags: [
    dryRunFlag,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'containers', short: 'c', type: 'string', default: '*' },
    { name: 'limits', type: 'string' },
    { name: 'requests', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  ],
  run: runSetResources,
};
