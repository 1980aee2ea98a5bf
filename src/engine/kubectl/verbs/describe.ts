// `kubectl describe`: TYPE [NAME_PREFIX], TYPE/NAME, -l, -A, --show-events. A name that matches nothing
// exactly describes every object whose name starts with it (DescribeMatchingResources).
import { isStatusError, type KubeObject } from '../../api/types.ts';
import { registerCommand } from '../command.ts';
import { describeObject } from '../describe/index.ts';
import { formatError, KubectlError } from '../errors.ts';
import { resolveFromFiles, resolveResources, resolveTypeList, type ResourceResult } from '../resources.ts';

registerCommand({
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-events', type: 'bool', default: true },
  ],
  run(ctx, args) {
    if (args.positional.length === 0 && args.arr('filename').length === 0) {
      ctx.err(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
          "error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n",
      );
      return 1;
    }
    if (args.str('kustomize')) throw new KubectlError('kustomize directories (-k) are not supported in Kubelab; use -f');
    const allNamespaces = args.bool('all-namespaces');
    const filenames = args.arr('filename');
    const r: ResourceResult =
      filenames.length > 0
        ? resolveFromFiles(ctx, filenames, args.bool('recursive'), args.positional)
        : resolveResources(ctx.api, {
            args: args.positional,
            namespace: ctx.namespace,
            allNamespaces,
            selector: args.str('selector'),
            allowEmptySelector: true,
          });
    let objects: KubeObject[] = r.infos.flatMap((i) => i.objects);
    let errors = r.errors;
    let prefixMatched = false;
    // `describe pods web` with no pod named "web": describe every pod whose name starts with "web".
    if (errors.length > 0 && args.positional.length === 2 && !args.positional[0].includes('/')) {
      const [rt] = resolveTypeList(ctx.rt.registry, args.positional[0]);
      const prefix = args.positional[1];
      const matches = ctx.api.list(rt.plural, rt.namespaced ? ctx.namespace : undefined).filter((o) => (o.metadata.name ?? '').startsWith(prefix));
      if (matches.length > 0) {
        objects = matches;
        errors = [];
        prefixMatched = true;
      }
    }
    const dctx = { api: ctx.api, nowMs: ctx.rt.clock.nowUnixMs(), showEvents: args.bool('show-events') };
    // Run joins descriptions with a blank pair; DescribeMatchingResources ends each one with "\n".
    if (prefixMatched) ctx.out(objects.map((o) => describeObject(o, dctx) + '\n').join(''));
    else ctx.out(objects.map((o) => describeObject(o, dctx)).join('\n\n'));
    if (objects.length === 0 && errors.length === 0) {
      ctx.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    }
    for (const e of errors) ctx.err(formatError(e));
    return errors.length > 0 || (objects.length === 0 && errors.some((e) => isStatusError(e))) ? 1 : 0;
  },
});
