/**
 * `-o/--output` handling shared by get and other read commands (cli-runtime's PrintFlags): decides between
 * the human-readable table and the generic printers (yaml, json, name, jsonpath, custom-columns), and
 * renders objects for the generic ones.
 */
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { kindSlashName } from '../resources.ts';
import { toYaml } from './yaml.ts';
import { columnsFromSpec, columnsFromTemplate, printCustomColumns, type CustomColumn } from './customcolumns.ts';
import { printJson } from './json.ts';
import { goSyntax, JsonPath, JsonPathError } from './jsonpath.ts';

export const allowedFormats = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

export type OutputSpec =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean; parser: JsonPath }
  | { kind: 'custom-columns'; columns: CustomColumn[] };

/** Parse the `-o` value. `readFile` resolves *-file formats against the lab's filesystem. */
export function parseOutput(output: string, readFile: (p: string) => string | undefined, allowMissingKeys = true): OutputSpec {
  if (output === '') return { kind: 'table', wide: false };
  const eq = output.indexOf('=');
  const format = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : '';
  const file = (p: string): string => {
    const t = readFile(p);
    if (t === undefined) throw new KubectlError(`error reading --template ${p}, open ${p}: no such file or directory`);
    return t;
  };
  switch (format) {
    case 'wide':
      return { kind: 'table', wide: true };
    case 'yaml':
      return { kind: 'yaml' };
    case 'json':
      return { kind: 'json' };
    case 'name':
      return { kind: 'name' };
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      if (arg === '') throw new KubectlError('template format specified but no template given');
      const template = format === 'jsonpath-file' ? file(arg) : arg;
      const parser = new JsonPath('out');
      parser.allowMissingKeys = allowMissingKeys;
      parser.outputJson = format === 'jsonpath-as-json';
      try {
        parser.parse(template);
      } catch (e) {
        throw new KubectlError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
      }
      return { kind: 'jsonpath', template, asJson: format === 'jsonpath-as-json', parser };
    }
    case 'custom-columns':
      return { kind: 'custom-columns', columns: columnsFromSpec(arg) };
    case 'custom-columns-file': {
      if (arg === '') throw new KubectlError('custom-columns-file format specified but no custom columns file given');
      return { kind: 'custom-columns', columns: columnsFromTemplate(file(arg)) };
    }
  }
  if (['go-template', 'go-template-file', 'template', 'templatefile'].includes(format)) {
    throw new KubectlError(`the output format "${format}" is not supported in Kubelab`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowedFormats.join(',')}`);
}

/** printers.OmitManagedFieldsPrinter: -o yaml/json drop metadata.managedFields unless --show-managed-fields. */
export function omitManagedFields<T>(obj: T): T {
  const o = obj as Record<string, unknown> & { metadata?: { managedFields?: unknown }; items?: unknown[] };
  if (Array.isArray(o.items) && o.kind === 'List') {
    if (!o.items.some((i) => (i as { metadata?: { managedFields?: unknown } })?.metadata?.managedFields !== undefined)) return obj;
    return { ...o, items: o.items.map((i) => omitManagedFields(i)) } as T;
  }
  if (o?.metadata?.managedFields === undefined) return obj;
  const { managedFields: _m, ...metadata } = o.metadata;
  return { ...o, metadata } as T;
}

/** A kubectl `List` wrapping items, as printGeneric builds it. */
export function asList(items: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** `-o name` line for an object. */
export function nameLine(obj: KubeObject, group: string): string {
  return kindSlashName({ kind: obj.kind, group }, obj.metadata.name ?? '') + '\n';
}

/**
 * Render one object (a single item or a `List`) with a generic printer. `groupOf` maps an object to its
 * API group for `-o name`. Throws KubectlError with kubectl's text when a template fails.
 */
export function printGeneric(spec: Exclude<OutputSpec, { kind: 'table' }>, obj: Record<string, unknown>, groupOf: (o: KubeObject) => string, noHeaders = false, showManagedFields = false): string {
  const items = obj.kind === 'List' ? ((obj.items as KubeObject[]) ?? []) : [obj as KubeObject];
  switch (spec.kind) {
    case 'yaml':
      return toYaml(showManagedFields ? obj : omitManagedFields(obj));
    case 'json':
      return printJson(showManagedFields ? obj : omitManagedFields(obj));
    case 'name':
      return items.map((o) => nameLine(o, groupOf(o))).join('');
    case 'custom-columns':
      return printCustomColumns(spec.columns, items, noHeaders);
    case 'jsonpath': {
      try {
        return spec.parser.execute(JSON.parse(JSON.stringify(obj)));
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e;
        const detail =
          `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${spec.template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSyntax(obj)}\n\n`;
        throw new KubectlError(`error executing jsonpath ${JSON.stringify(spec.template)}: ${detail}\n`, 1, true);
      }
    }
  }
}
