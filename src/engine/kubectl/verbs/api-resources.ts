// `kubectl api-resources`: the served resource types from discovery (the registry), sorted by API group
// (then name) as apiresources.go does; `-o wide|name|json|yaml`, `--namespaced`, `--api-group`, `--verbs`,
// `--categories`, `--sort-by=name|kind`, `--no-headers`.
import { apiVersionOf, type ResourceType } from '../../api/types.ts';
import { registerCommand } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { printJson } from '../output/json.ts';
import { toYaml } from '../output/yaml.ts';
import { tabulate } from '../printers/tabwriter.ts';

function sortKey(rt: ResourceType, by: string): string {
  return by === 'name' ? rt.plural : by === 'kind' ? rt.kind : rt.group;
}

registerCommand({
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'api-group', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'stringSlice' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'verbs', type: 'stringSlice' },
  ],
  run(ctx, args) {
    if (args.positional.length > 0) {
      ctx.err(`error: unexpected arguments: [${args.positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples\n`);
      return 1;
    }
    const output = args.str('output');
    if (!['', 'wide', 'name', 'json', 'yaml'].includes(output)) {
      throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,name,wide`);
    }
    const sortBy = args.str('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('--sort-by accepts only name or kind');
    const verbs = args.arr('verbs');
    const cats = args.arr('categories');
    let types = ctx.rt.registry.all().filter((rt) => {
      if (args.has('api-group') && rt.group !== args.str('api-group')) return false;
      if (args.has('namespaced') && rt.namespaced !== args.bool('namespaced')) return false;
      if (verbs.some((v) => !rt.verbs.includes(v))) return false;
      if (cats.some((c) => !(rt.categories ?? []).includes(c))) return false;
      return true;
    });
    types = [...types].sort((a, b) => {
      const ka = sortKey(a, sortBy);
      const kb = sortKey(b, sortBy);
      if (ka !== kb) return ka < kb ? -1 : 1;
      return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
    });
    if (output === 'name') {
      ctx.out(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join(''));
      return 0;
    }
    if (output === 'json' || output === 'yaml') {
      const list = {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: '',
        resources: types.map((t) => ({
          name: t.plural,
          singularName: t.singular,
          namespaced: t.namespaced,
          group: t.group || undefined,
          version: t.version,
          kind: t.kind,
          verbs: t.verbs,
          shortNames: t.shortNames.length ? t.shortNames : undefined,
          categories: t.categories?.length ? t.categories : undefined,
        })),
      };
      ctx.out(output === 'json' ? printJson(list) : toYaml(list));
      return 0;
    }
    const wide = output === 'wide';
    let text = '';
    if (!args.bool('no-headers')) text += ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n';
    for (const t of types) {
      const cells = [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind];
      if (wide) cells.push(t.verbs.join(','), (t.categories ?? []).join(','));
      text += cells.join('\t') + '\n';
    }
    ctx.out(tabulate(text));
    return 0;
  },
});
