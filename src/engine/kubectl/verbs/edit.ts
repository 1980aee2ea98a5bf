// `kubectl edit` (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go): the objects are written to
// a temporary file under the edit header, the editor runs (KUBE_EDITOR, EDITOR — run through the lab shell —
// or the host's editor hook, e.g. the page's editor), and the edited objects are patched back. Invalid edits
// reopen the file with the errors at the top; saving the same content again gives up and keeps the file.
import yaml from 'js-yaml';
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { StatusError } from '../../api/types.ts';
import { fieldErrorText } from '../../api/errors.ts';
import { jsonEqual, threeWayMerge } from '../../api/patch/index.ts';
import { clone } from '../../store/store.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { resolveResources } from '../resources.ts';
import { filenameFlags } from '../apply/flags.ts';
import { kindString } from '../apply/report.ts';
import { goYamlError } from '../apply/yamlerrors.ts';
import { toYaml } from '../output/yaml.ts';
import { printJson } from '../output/json.ts';

/** The host's editor: gets the file's path and text, returns the saved text (undefined: closed unsaved). */
export type EditorHook = (file: { path: string; content: string }) => string | undefined;

export const EDITOR_SERVICE = 'kubectl-editor';

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

function reasonsText(reasons: Reason[]): string {
  const hash = (s: string) => s.replace(/\n/g, '\n# ');
  return reasons.map((r) => `# ${hash(r.head)}${r.other.length ? ':' : ''}\n${r.other.map((o) => `# * ${hash(o)}\n`).join('')}#\n`).join('');
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .trim();
}

const counters = new WeakMap<ClusterRuntime, number>();
function tempPath(rt: ClusterRuntime, ext: string): string {
  const n = (counters.get(rt) ?? 0) + 1;
  counters.set(rt, n);
  let h = (rt.clock.nowUnixMs() ^ Math.imul(n, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return `/tmp/kubectl-edit-${h >>> 0}.${ext}`;
}

/** kubectl runs an editor with arguments through `sh -c`: split it into words as the shell would. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let any = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      any = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      any = true;
    } else if (/\s/.test(c)) {
      if (any || cur) words.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (any || cur) words.push(cur);
  return words;
}

/** Run the editor on the file; returns false when there is none or it failed. */
function runEditor(ctx: KubectlContext, path: string): boolean {
  const editor = ctx.env?.('KUBE_EDITOR') || ctx.env?.('EDITOR');
  if (editor && ctx.runCommand) {
    const argv = [...shellWords(editor), path];
    return ctx.runCommand(argv) === 0;
  }
  const hook = ctx.rt.services.get(EDITOR_SERVICE) as EditorHook | undefined;
  if (!hook) return false;
  const saved = hook({ path, content: ctx.rt.files.get(path) ?? '' });
  if (saved !== undefined) ctx.rt.files.set(path, saved);
  return true;
}

function withoutManagedFields(o: KubeObject): KubeObject {
  const c = clone(o);
  delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
}

function editedObjects(text: string, json: boolean): unknown[] {
  const v = json ? (JSON.parse(stripComments(text)) as unknown) : yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
  const o = v as { kind?: string; items?: unknown[] };
  if (o && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) return o.items;
  return [v];
}

function invalidReason(rt: ResourceType, name: string, e: StatusError): Reason {
  const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  if (e.reason === 'Invalid' && e.details?.causes?.length) {
    return { head: `${resource} "${name}" was not valid`, other: e.details.causes.map((c) => fieldErrorText(c)) };
  }
  return { head: `${resource} "${name}" was not valid`, other: [e.message] };
}

function runEdit(ctx: KubectlContext, args: ParsedArgs): number {
  const output = args.str('output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new KubectlError(`the flag 'output' must be one of yaml|json`);
  const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace, selector: args.str('selector') });
  if (r.errors.length > 0) throw r.errors[0];
  const targets = r.infos.flatMap((i) => i.objects.map((obj) => ({ rt: i.rt, obj })));
  if (targets.length === 0) throw new KubectlError('no objects passed to edit');
  const originals = targets.map((t) => withoutManagedFields(t.obj));
  const doc: unknown = originals.length === 1 ? originals[0] : { apiVersion: 'v1', kind: 'List', metadata: {}, items: originals };
  const body = output === 'json' ? printJson(doc) : toYaml(doc);
  const path = tempPath(ctx.rt, output);
  let reasons: Reason[] = [];
  let lastEdited = '';
  for (;;) {
    const written = header + reasonsText(reasons) + (reasons.length > 0 ? lastEdited.replace(/^(#.*\n)*/, '') : body);
    ctx.rt.files.set(path, written);
    if (!runEditor(ctx, path)) {
      const editor = ctx.env?.('KUBE_EDITOR') || ctx.env?.('EDITOR') || 'vi';
      throw new KubectlError(`there was a problem with the editor "${editor}"`);
    }
    const edited = ctx.rt.files.get(path) ?? '';
    if (reasons.length > 0 && stripComments(edited) === stripComments(written)) {
      ctx.err(`A copy of your changes has been stored to "${path}"\n`);
      throw new KubectlError('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(edited) === '') {
      ctx.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    if (stripComments(edited) === stripComments(body)) {
      ctx.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    lastEdited = edited;
    let objs: unknown[];
    try {
      objs = editedObjects(edited, output === 'json');
    } catch (e) {
      reasons = [{ head: `The edited file had a syntax error: ${output === 'json' ? (e as Error).message : `error converting YAML to JSON: ${goYamlError(e, edited)}`}`, other: [] }];
      continue;
    }
    const failed: Reason[] = [];
    const errors: unknown[] = [];
    targets.forEach((t, i) => {
      const o = objs.find((x) => (x as KubeObject)?.metadata?.name === t.obj.metadata.name && (x as KubeObject)?.kind === t.obj.kind) as KubeObject | undefined;
      if (!o || jsonEqual(o, originals[i])) return;
      const live = ctx.api.get(t.rt.plural, t.rt.namespaced ? t.obj.metadata.namespace : undefined, t.obj.metadata.name!);
      const next = threeWayMerge(originals[i], o, live) as KubeObject;
      try {
        ctx.api.update(next);
        ctx.out(`${kindString(t.rt)}/${t.obj.metadata.name} edited\n`);
      } catch (e) {
        if (e instanceof StatusError && (e.reason === 'Invalid' || e.reason === 'BadRequest')) failed.push(invalidReason(t.rt, t.obj.metadata.name!, e));
        else errors.push(e);
      }
    });
    if (errors.length > 0) throw errors[0];
    if (failed.length === 0) return 0;
    reasons = failed;
  }
}

registerCommand({
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    ...filenameFlags,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-patch', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'template', type: 'string' },
  ],
  run: runEdit,
});
