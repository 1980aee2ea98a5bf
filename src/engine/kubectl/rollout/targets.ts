import { notFound } from '../../api/errors.ts';
import type { KubeObject, ResourceType } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';

export interface Target {
  rt: ResourceType;
  obj: KubeObject;
}

/** "deployment.apps" as a resource mapping prints (`<plural>.<group>`) for `error: <res> "<name>" ...` messages. */
export function resourceString(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** schema.GroupKind.String(): `Deployment.apps`, `Pod`. */
export function groupKind(rt: ResourceType): string {
  return rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
}

/**
 * The builder every rollout subcommand uses: `TYPE NAME`, `TYPE/NAME`, `TYPE -l sel` or `-f FILE`. Returns what
 * was found and the per-object errors (NotFound) to report.
 */
export function resolveTargets(ctx: KubectlContext, args: ParsedArgs): { targets: Target[]; errors: unknown[] } {
  const filenames = args.arr('filename');
  if (args.positional.length === 0 && filenames.length === 0) throw new KubectlError('required resource not specified');
  const targets: Target[] = [];
  const errors: unknown[] = [];
  if (filenames.length > 0) {
    const r = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (r.errors.length > 0) return { targets, errors: r.errors };
    for (const m of r.objects) {
      const live = ctx.api.tryGet(m.rt.plural, m.rt.namespaced ? m.namespace : undefined, m.name);
      if (live) targets.push({ rt: m.rt, obj: live });
      else errors.push(notFound(m.rt, m.name));
    }
    return { targets, errors };
  }
  const r = resolveResources(ctx.api, {
    args: args.positional,
    namespace: ctx.namespace,
    selector: args.str('selector'),
    allowEmptySelector: true,
  });
  errors.push(...r.errors);
  for (const info of r.infos) for (const obj of info.objects) targets.push({ rt: info.rt, obj });
  return { targets, errors };
}

/** `deployment.apps/web`: how the name printer prints an object. */
export function nameOf(t: Target): string {
  const kind = t.rt.group ? `${t.rt.kind.toLowerCase()}.${t.rt.group}` : t.rt.kind.toLowerCase();
  return `${kind}/${t.obj.metadata.name}`;
}
