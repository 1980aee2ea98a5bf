import { notFound } from '../../api/errors.ts';
import { StatusError, type KubeObject, type ResourceType } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { FlagError, parseGoDuration, type ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { relaxedJsonPath } from '../output/customcolumns.ts';
import { goPrint, JsonPath, JsonPathError } from '../output/jsonpath.ts';
import { parseOutput, printGeneric } from '../output/printflags.ts';
import { kindSlashName, resolveResources } from '../resources.ts';

const help = `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.

Examples:
  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1
  
  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kubectl wait --for=condition=Ready=false pod/busybox1
  
  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1
  
  # Wait for pod "busybox1" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1
  
  # Wait for the service "loadbalancer" to have ingress
  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer
  
  # Wait for the secret "busybox1" to be created, with a timeout of 30s
  kubectl create secret generic busybox1
  kubectl wait --for=create secret/busybox1 --timeout=30s
  
  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s

Options:
    --all=false:
	Select all resources in the namespace of the specified resource types

    -A, --all-namespaces=false:
	If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --field-selector='':
	Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    -f, --filename=[]:
	identifying the resource.

    --for='':
	The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.

    --local=false:
	If true, annotation will NOT contact api-server but run locally.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -R, --recursive=true:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --timeout=30s:
	The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const WEEK_MS = 168 * 3600 * 1000;
/** --for=create polls every 2 s (wait.PollUntilContextCancel). */
const CREATE_POLL_MS = 2000;

/** The check for one object: true when met; throws for an error that ends the wait. */
type Check = (obj: KubeObject) => boolean;
type Mode = { kind: 'delete' } | { kind: 'create' } | { kind: 'check'; check: Check };

/** splitJSONPathInput: split on single '=', keeping '==' inside the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    const conds = (obj.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions;
    if (!Array.isArray(conds)) return false;
    for (const c of conds) {
      if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
      const generation = obj.metadata.generation;
      const observed = typeof c.observedGeneration === 'number' ? c.observedGeneration : (obj.status as { observedGeneration?: number }).observedGeneration;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return c.status.toLowerCase() === value.toLowerCase();
    }
    return false;
  };
}

function jsonPathCheck(input: string): Check {
  const parts = splitJsonPathInput(input);
  if (parts.length < 1 || parts.length > 2) {
    throw new KubectlError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const expr = relaxedJsonPath(parts[0]);
  let value = '';
  if (parts.length === 2) {
    value = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (value === '') throw new KubectlError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (expr === '') throw new KubectlError('jsonpath expression cannot be empty');
  const jp = new JsonPath('wait');
  jp.allowMissingKeys = true;
  try {
    jp.parse(expr);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(e.message);
    throw e;
  }
  return (obj) => {
    let results: unknown[][];
    try {
      results = jp.findAll(JSON.parse(JSON.stringify(obj)));
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(e.message);
      throw e;
    }
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw new KubectlError('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw new KubectlError('given jsonpath expression matches more than one value');
    if (value === '') return true;
    const r = results[0][0];
    if (Array.isArray(r) || (r !== null && typeof r === 'object')) throw new KubectlError('jsonpath leads to a nested object or list which is not supported');
    return goPrint(r as never).trim() === value.trim();
  };
}

/** conditionFuncFor. */
function modeFor(cond: string): Mode {
  const lower = cond.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (cond.startsWith('condition=')) {
    let name = cond.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'check', check: conditionCheck(name, value) };
  }
  if (cond.startsWith('jsonpath=')) return { kind: 'check', check: jsonPathCheck(cond.slice('jsonpath='.length)) };
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(cond)}`);
}

function parseTimeout(args: ParsedArgs): number {
  const raw = args.str('timeout');
  const neg = raw.startsWith('-');
  const ms = parseGoDuration(neg || raw.startsWith('+') ? raw.slice(1) : raw);
  if (ms === undefined) throw new FlagError(`invalid argument "${raw}" for "--timeout" flag: time: invalid duration "${raw}"`);
  return neg && ms > 0 ? WEEK_MS : ms;
}

interface Target {
  rt: ResourceType;
  namespace: string | undefined;
  name: string;
  obj?: KubeObject;
}

/** The objects the arguments name, and the first "not found" among them (ResourceFinder.Do().Visit). */
function findTargets(ctx: KubectlContext, args: ParsedArgs): { targets: Target[]; error?: StatusError } {
  const files = args.arr('filename');
  if (files.length) {
    const m = readManifests(ctx, { filenames: files, recursive: args.bool('recursive') });
    if (m.errors.length) throw m.errors[0];
    const targets: Target[] = [];
    let error: StatusError | undefined;
    for (const o of m.objects) {
      const ns = o.rt.namespaced ? o.namespace : undefined;
      const obj = ctx.api.tryGet(o.rt.plural, ns, o.name);
      if (obj) targets.push({ rt: o.rt, namespace: ns, name: o.name, obj });
      else error ??= notFound(o.rt, o.name);
    }
    return { targets, error };
  }
  const r = resolveResources(ctx.api, {
    args: args.positional,
    namespace: ctx.namespace,
    allNamespaces: args.bool('all-namespaces'),
    selector: args.str('selector'),
    fieldSelector: args.str('field-selector'),
    selectAll: args.bool('all'),
  });
  const targets = r.infos.flatMap((i) => i.objects.map((obj) => ({ rt: i.rt, namespace: obj.metadata.namespace, name: obj.metadata.name!, obj })));
  return { targets, error: r.errors[0] };
}

/**
 * Let virtual time pass until `done()` holds or `deadline` (virtual ms) is reached; returns whether it
 * held. Time jumps from one pending timer to the next, so the answer is the same as checking at every
 * instant, and a long timeout costs nothing when nothing is scheduled.
 */
function waitUntil(ctx: KubectlContext, deadline: number, done: () => boolean, stepMs?: number): boolean {
  const clock = ctx.rt.clock;
  ctx.rt.settle();
  for (;;) {
    if (done()) return true;
    const now = clock.now();
    if (now >= deadline) return false;
    let target = deadline;
    if (stepMs !== undefined) target = Math.min(deadline, now + stepMs);
    else {
      const next = clock.nextDue();
      if (next !== undefined && next > now) target = Math.min(deadline, next);
      else if (next !== undefined) target = Math.min(deadline, now + 1);
    }
    ctx.rt.advance(target - now);
  }
}

function groupResource(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

function run(ctx: KubectlContext, args: ParsedArgs): number {
  const timeout = parseTimeout(args);
  const mode = modeFor(args.str('for'));
  const output = args.str('output');
  const spec = output ? parseOutput(output, ctx.readFile) : undefined;
  if (spec?.kind === 'table') throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,yaml`);
  const print = (t: Target, obj: KubeObject) => {
    if (!spec) ctx.out(`${kindSlashName(t.rt, t.name)} condition met\n`);
    else ctx.out(printGeneric(spec, obj as unknown as Record<string, unknown>, (o) => ctx.api.registry.forKind(o.apiVersion, o.kind)?.group ?? ''));
  };
  // The whole command shares one deadline (kubectl's context timeout); 0 means a single check.
  const start = ctx.rt.clock.now();
  const deadline = start + (timeout === 0 && mode.kind === 'create' ? WEEK_MS : timeout);

  if (mode.kind === 'create') {
    const found = waitUntil(ctx, deadline, () => findTargets(ctx, args).error === undefined, CREATE_POLL_MS);
    if (!found) throw new KubectlError('timed out waiting for the condition');
  }
  const { targets, error } = findTargets(ctx, args);
  let visited = 0;
  for (const t of targets) {
    visited++;
    if (mode.kind === 'create') {
      print(t, t.obj!);
      continue;
    }
    let last = t.obj!;
    if (mode.kind === 'delete') {
      const gone = () => {
        const cur = ctx.api.tryGet(t.rt.plural, t.namespace, t.name);
        if (cur) last = cur;
        return !cur;
      };
      if (timeout === 0) {
        if (!gone()) throw new KubectlError(`condition not met for ${groupResource(t.rt)}/${t.name}`);
      } else if (!waitUntil(ctx, deadline, gone)) {
        throw new KubectlError(`timed out waiting for the condition on ${t.rt.plural}/${t.name}`);
      }
      print(t, last);
      continue;
    }
    const met = () => {
      const cur = ctx.api.tryGet(t.rt.plural, t.namespace, t.name);
      if (!cur) throw notFound(t.rt, t.name);
      last = cur;
      return mode.check(cur);
    };
    if (timeout === 0) {
      if (!met()) throw new KubectlError(`condition not met for ${groupResource(t.rt)}/${t.name}`);
    } else if (!waitUntil(ctx, deadline, met)) {
      throw new KubectlError(`timed out waiting for the condition on ${t.rt.plural}/${t.name}`);
    }
    print(t, last);
  }
  if (error && mode.kind !== 'delete') throw error;
  if (visited === 0 && mode.kind !== 'delete') throw new KubectlError('no matching resources found');
  return 0;
}

registerCommand({
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  help,
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'for', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool', default: true },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    // A string parsed here: pflag's duration accepts negative values ("wait for a week").
    { name: 'timeout', type: 'string', default: '30s' },
  ],
  run,
});
