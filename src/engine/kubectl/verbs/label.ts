// `kubectl label` (and the shared machinery `kubectl annotate` uses): `KEY=VAL` to set, `KEY-` to remove,
// `--overwrite`, `--all`, `-l`, `--field-selector`, `--list`, `--resource-version`, `--dry-run`, `-o`.
// Messages follow label.go / annotate.go.
import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { registerCommand, type CommandSpec, type KubectlContext } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { parseOutput, printGeneric } from '../output/printflags.ts';
import { kindSlashName, resolveResources } from '../resources.ts';

export interface MetaUpdateKind {
  /** `label` or `annotate`. */
  verb: string;
  field: 'labels' | 'annotations';
  /** Parse KEY=VAL / KEY- arguments; throws KubectlError. */
  parse(specs: string[]): { set: Record<string, string>; remove: string[] };
  /** Refuse to change existing values without --overwrite; throws KubectlError. */
  checkOverwrite(current: Record<string, string>, set: Record<string, string>): void;
  /** Result word for `pod/web <word>`. */
  message(changed: boolean, overwrite: boolean, before: Record<string, string>, after: Record<string, string>): string;
  /** Header for --list over several objects. */
  listHeader: string;
}

/** cmdutil.GetResourcesAndPairs. */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const labelKind: MetaUpdateKind = {
  verb: 'label',
  field: 'labels',
  parse(specs) {
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const s of specs) {
      if (s.includes('=')) {
        const parts = s.split('=');
        if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${s}`);
        const errs: string[] = [];
        if (parts[1].length > 63) errs.push('must be no more than 63 characters');
        if (!labelValueRe.test(parts[1])) {
          errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }
        if (errs.length > 0) throw new KubectlError(`invalid label value: ${JSON.stringify(s)}: ${errs.join('; ')}`);
        set[parts[0]] = parts[1];
      } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
      else throw new KubectlError(`unknown label spec: ${s}`);
    }
    if (remove.some((k) => k in set)) throw new KubectlError('can not both modify and remove a label in the same command');
    return { set, remove };
  },
  checkOverwrite(current, set) {
    const errs = Object.keys(set)
      .filter((k) => k in current && current[k] !== set[k])
      .map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    if (errs.length === 1) throw new KubectlError(errs[0]);
    if (errs.length > 1) throw new KubectlError(`[${errs.join(', ')}]`);
  },
  message(changed, overwrite, before, after) {
    if (!changed) return 'not labeled';
    return !overwrite && Object.keys(after).length < Object.keys(before).length ? 'unlabeled' : 'labeled';
  },
  listHeader: 'Listing labels for',
};

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** Run label/annotate. */
export function runMetaUpdate(kind: MetaUpdateKind, ctx: KubectlContext, args: ParsedArgs): number {
  const { resources, pairs } = resourcesAndPairs(args.positional, kind.verb);
  const list = args.bool('list');
  const all = args.bool('all');
  const selector = args.str('selector');
  if (resources.length < 1 && args.arr('filename').length === 0) {
    throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (all && selector) throw new KubectlError('cannot set --all and --selector at the same time');
  if (all && args.str('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (pairs.length < 1 && !list) throw new KubectlError(`at least one ${kind.verb === 'label' ? 'label' : 'annotation'} update is required`);
  const { set, remove } = kind.parse(pairs);
  let dryRun = args.str('dry-run');
  if (dryRun === 'unchanged') dryRun = 'client';
  if (!['none', 'client', 'server'].includes(dryRun)) {
    throw new KubectlError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  }
  const output = args.str('output');
  const spec = output ? parseOutput(output, ctx.readFile) : undefined;

  const r = resolveResources(ctx.api, {
    args: resources,
    namespace: ctx.namespace,
    allNamespaces: args.bool('all-namespaces'),
    selector,
    fieldSelector: args.str('field-selector'),
    selectAll: all,
    allowEmptySelector: false,
  });
  const rv = args.str('resource-version');
  if (rv && !r.singleItemImplied) throw new KubectlError('--resource-version may only be used with a single resource');

  for (const info of r.infos) {
    for (const obj of info.objects) {
      const name = kindSlashName(info.rt, obj.metadata.name ?? '');
      const current = { ...((obj.metadata[kind.field] as Record<string, string> | undefined) ?? {}) };
      if (list) {
        const indent = r.singleItemImplied ? '' : ' ';
        if (!r.singleItemImplied) ctx.out(`${kind.listHeader} ${info.rt.kind}.${info.rt.group}/${obj.metadata.name}:\n`);
        for (const k of Object.keys(current).sort()) ctx.out(`${indent}${k}=${current[k]}\n`);
        continue;
      }
      if (!args.bool('overwrite')) kind.checkOverwrite(current, set);
      if (kind.verb === 'label') for (const k of remove) if (!(k in current)) ctx.out(`label ${JSON.stringify(k)} not found.\n`);
      const next: Record<string, string> = { ...current, ...set };
      for (const k of remove) delete next[k];
      const changed = !sameMap(current, next);
      let result: KubeObject = obj;
      if (changed || rv) {
        const upd = clone(obj);
        if (Object.keys(next).length > 0) upd.metadata[kind.field] = next;
        else delete upd.metadata[kind.field];
        upd.metadata.resourceVersion = rv || undefined;
        if (dryRun !== 'client') result = ctx.api.update(upd, { dryRun: dryRun === 'server' });
        else result = upd;
      }
      if (spec && spec.kind !== 'table') {
        ctx.out(printGeneric(spec, result as Record<string, unknown>, () => info.rt.group));
        continue;
      }
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.out(`${name} ${kind.message(changed, args.bool('overwrite'), current, next)}${suffix}\n`);
    }
  }
  for (const e of r.errors) ctx.err(formatError(e));
  return r.errors.length > 0 ? 1 : 0;
}

export function metaUpdateFlags(verb: string): CommandSpec['flags'] {
  return [
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: `kubectl-${verb}` },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'list', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'overwrite', type: 'bool' },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ];
}

registerCommand({
  name: 'label',
  short: 'Update the labels on a resource',
  flags: metaUpdateFlags('label'),
  run: (ctx, args) => runMetaUpdate(labelKind, ctx, args),
});
