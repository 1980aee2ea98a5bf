import type { KubeObject, ResourceType } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { printJson, sortedKeys } from '../output/json.ts';
import { toYaml } from '../output/yaml.ts';
import { omitManagedFields } from '../output/printflags.ts';
import { kindString } from './report.ts';

/** Output formats the write verbs print objects in (`-o`). */
export type WriteOutput = '' | 'yaml' | 'json' | 'name';

const allowed = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Check `-o` as the printer flags do; jsonpath/templates are not offered by the write verbs in Kubelab. */
export function parseOutput(value: string): WriteOutput {
  if (value === '' || value === 'yaml' || value === 'json' || value === 'name') return value;
  if (allowed.split(',').includes(value.split('=')[0])) {
    throw new KubectlError(`output format "${value}" is not supported by this command in Kubelab; use -o yaml, -o json or -o name`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed}`);
}

/**
 * Print one object in -o yaml/json/name form; for `name`, with the operation when given (`pod/x created`).
 * `typed`: kubectl holds a typed object (generators, set), so JSON keeps struct (insertion) order rather
 * than the sorted keys of an unstructured map.
 */
export function printObject(ctx: KubectlContext, obj: KubeObject, rt: ResourceType, output: WriteOutput, first: boolean, operation = '', typed = false): void {
  if (output === 'yaml') ctx.out((first ? '' : '---\n') + toYaml(omitManagedFields(obj)));
  else if (output === 'json') ctx.out(printJson(omitManagedFields(obj), { sortKeys: !typed }));
  else ctx.out(`${kindString(rt)}/${obj.metadata.name ?? ''}${operation ? ` ${operation}` : ''}\n`);
}

/** Objects printed together as a v1 List (apply -o yaml|json with several objects). */
export function asList(objs: KubeObject[]): Record<string, unknown> {
  return { kind: 'List', apiVersion: 'v1', metadata: {}, items: objs };
}

export function printList(ctx: KubectlContext, objs: KubeObject[], output: 'yaml' | 'json'): void {
  const items = objs.map((o) => omitManagedFields(o));
  const list = asList(items);
  // A typed metav1.List (struct order) holding unstructured items (sorted keys).
  ctx.out(output === 'yaml' ? toYaml(list) : printJson({ ...list, items: items.map(sortedKeys) }, { sortKeys: false }));
}
