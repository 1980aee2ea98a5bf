// `kubectl get`: tables, wide, yaml/json/name, jsonpath, custom-columns, sorting, label columns and a
// bounded watch. The flow follows get.go: resolve arguments, then either the human-readable printer (one
// table per type) or the generic printer (a single object, or a `List` of everything found).
import type { KubeObject } from '../../api/types.ts';
import type { StatusError } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { printHuman, type HumanOptions } from '../output/human.ts';
import { asList, parseOutput, printGeneric, type OutputSpec } from '../output/printflags.ts';
import { sortByField } from '../output/sort.ts';
import { runWatch } from '../output/watch.ts';
import { resolveFromFiles, resolveResources, type ResourceResult } from '../resources.ts';

const usageNoType =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

function reportErrors(ctx: KubectlContext, errors: StatusError[]): number {
  for (const e of errors) ctx.err(formatError(e));
  return errors.length > 0 ? 1 : 0;
}

function humanOptions(ctx: KubectlContext, args: ParsedArgs, wide: boolean): HumanOptions {
  return {
    wide,
    noHeaders: args.bool('no-headers'),
    showLabels: args.bool('show-labels'),
    showKind: args.bool('show-kind'),
    columnLabels: args.arr('label-columns'),
    allNamespaces: args.bool('all-namespaces'),
    sortBy: args.str('sort-by'),
  };
}

function groupOf(ctx: KubectlContext) {
  return (o: KubeObject) => ctx.rt.registry.forKind(o.apiVersion, o.kind)?.group ?? '';
}

function runGeneric(ctx: KubectlContext, args: ParsedArgs, spec: Exclude<OutputSpec, { kind: 'table' }>, r: ResourceResult): number {
  const ignoreNotFound = args.bool('ignore-not-found');
  const errors = ignoreNotFound ? [] : r.errors;
  if (r.singleItemImplied && errors.length > 0) return reportErrors(ctx, errors);
  let items = r.infos.flatMap((i) => i.objects);
  if (items.length === 0 && ignoreNotFound) return 0;
  const sortBy = args.str('sort-by');
  if (sortBy) items = sortByField(items, sortBy, (o) => o);
  const obj = r.singleItemImplied && items.length === 1 ? (items[0] as Record<string, unknown>) : asList(items);
  ctx.out(printGeneric(spec, obj, groupOf(ctx), args.bool('no-headers'), args.bool('show-managed-fields')));
  return reportErrors(ctx, errors);
}

function run(ctx: KubectlContext, args: ParsedArgs): number {
  const output = args.str('output');
  if (args.bool('show-labels') && output !== '' && output !== 'wide') {
    throw new KubectlError(`--show-labels option cannot be used with ${output.split('=')[0]} printer`);
  }
  if (args.bool('output-watch-events') && !args.bool('watch') && !args.bool('watch-only')) {
    throw new KubectlError('--output-watch-events option can only be used with --watch or --watch-only');
  }
  const watching = args.bool('watch') || args.bool('watch-only');
  if (watching && args.str('sort-by')) ctx.err(`warning: --${args.bool('watch') ? 'watch' : 'watch-only'} requested, --sort-by will be ignored${args.bool('watch') ? ' for watch events received' : ''}\n`);
  if (args.positional.length === 0 && args.arr('filename').length === 0) {
    if (!watching) {
      ctx.err(usageNoType);
      return 1;
    }
  }
  if (args.str('kustomize')) throw new KubectlError('kustomize directories (-k) are not supported in Kubelab; use -f');
  const spec = parseOutput(output, ctx.readFile, args.bool('allow-missing-template-keys'));
  const filenames = args.arr('filename');
  const r =
    filenames.length > 0
      ? resolveFromFiles(ctx, filenames, args.bool('recursive'), args.positional)
      : resolveResources(ctx.api, {
          args: args.positional,
          namespace: ctx.namespace,
          allNamespaces: args.bool('all-namespaces'),
          selector: args.str('selector'),
          fieldSelector: args.str('field-selector'),
          allowEmptySelector: true,
        });
  if (watching) return runWatch(ctx, args, spec, r, humanOptions(ctx, args, spec.kind === 'table' && spec.wide));
  if (spec.kind !== 'table') return runGeneric(ctx, args, spec, r);

  const text = printHuman(r.infos, humanOptions(ctx, args, spec.wide), ctx.rt.clock.nowUnixMs());
  ctx.out(text);
  const ignoreNotFound = args.bool('ignore-not-found');
  const errors = ignoreNotFound ? [] : r.errors;
  if (text.length === 0 && !ignoreNotFound && errors.length === 0) {
    const allNamespaced = !args.bool('all-namespaces') && r.infos.every((i) => i.rt.namespaced);
    ctx.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
  }
  return reportErrors(ctx, errors);
}

registerCommand({
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'label-columns', short: 'L', type: 'stringSlice' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'server-print', type: 'bool', default: true },
    { name: 'show-kind', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'template', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
  ],
  run,
});
