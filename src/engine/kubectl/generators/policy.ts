// `kubectl create quota`, `create priorityclass` and `create poddisruptionbudget`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_{quota,priorityclass,pdb}.go): objects in Go struct field order.
import type { KubeObject } from '../../api/types.ts';
import { parseQuantity, QuantityError } from '../../util/quantity.ts';
import { parseRequirements, SelectorError } from '../../util/selectors.ts';
import { KubectlError } from '../errors.ts';
import { objectMeta, sortedMap } from './meta.ts';
import { parseInt32Port } from './goish.ts';

/** populateResourceListV1: `cpu=1,memory=1Gi` → canonical quantities; the empty string gives no list. */
function resourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      out[parts[0]] = parseQuantity(parts[1]).canonical;
    } catch (e) {
      if (e instanceof QuantityError) throw new KubectlError(e.message);
      throw e;
    }
  }
  return sortedMap(out);
}

/** parseScopes: names are not checked here (the apiserver does), only that none is empty. */
function scopes(spec: string): string[] | undefined {
  if (spec === '') return undefined;
  const out = spec.split(',');
  if (out.includes('')) throw new KubectlError('invalid resource quota scope ""');
  return out;
}

/** `kubectl create quota NAME --hard=... --scopes=...`. */
export function buildQuota(name: string, namespace: string | undefined, hard: string, scopeSpec: string): KubeObject {
  const spec: Record<string, unknown> = {};
  const h = resourceList(hard);
  const s = scopes(scopeSpec);
  if (h && Object.keys(h).length > 0) spec.hard = h;
  if (s && s.length > 0) spec.scopes = s;
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: objectMeta(name, namespace), spec, status: {} } as unknown as KubeObject;
}

export interface PriorityClassOptions {
  name: string;
  value: number;
  globalDefault: boolean;
  description: string;
  preemptionPolicy: string;
}

/** `kubectl create priorityclass NAME --value=N ...` (cluster-scoped; -n is ignored). */
export function buildPriorityClass(o: PriorityClassOptions): KubeObject {
  const pc: Record<string, unknown> = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: objectMeta(o.name, undefined), value: o.value };
  if (o.globalDefault) pc.globalDefault = true;
  if (o.description) pc.description = o.description;
  pc.preemptionPolicy = o.preemptionPolicy;
  return pc as unknown as KubeObject;
}

const selectorOps: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };

/** metav1.ParseToLabelSelector: equality terms become matchLabels, set-based terms matchExpressions. */
export function parseToLabelSelector(text: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseRequirements(text);
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(`couldn't parse the selector string ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Array<Record<string, unknown>> = [];
  for (const r of reqs) {
    if (r.op === '=' || r.op === '==') {
      matchLabels[r.key] = r.values[0];
      continue;
    }
    if (r.op === 'gt' || r.op === 'lt') throw new KubectlError(`"${r.op}" isn't supported in label selectors`);
    const op = selectorOps[r.op];
    if (!op) throw new KubectlError(`"${r.op}" is not a valid label selector operator`);
    const req: Record<string, unknown> = { key: r.key, operator: op };
    if (r.values.length > 0) req.values = [...r.values].sort();
    matchExpressions.push(req);
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length > 0) sel.matchLabels = sortedMap(matchLabels);
  if (matchExpressions.length > 0) sel.matchExpressions = matchExpressions;
  return sel;
}

export interface PDBOptions {
  name: string;
  namespace: string | undefined;
  selector: string;
  minAvailable: string;
  maxUnavailable: string;
}

const countOrPercent = /^[0-9]+%?$/;

/** PodDisruptionBudgetOpts.Validate (the name was checked before). */
export function validatePDBOptions(o: PDBOptions): void {
  if (o.selector === '') throw new KubectlError('a selector must be specified');
  if (o.maxUnavailable === '' && o.minAvailable === '') throw new KubectlError('one of min-available or max-unavailable must be specified');
  if (o.maxUnavailable !== '' && o.minAvailable !== '') throw new KubectlError('min-available and max-unavailable cannot be both specified');
  if (o.minAvailable !== '' && !countOrPercent.test(o.minAvailable)) throw new KubectlError('invalid format specified for min-available');
  if (o.maxUnavailable !== '' && !countOrPercent.test(o.maxUnavailable)) throw new KubectlError('invalid format specified for max-unavailable');
}

/** intstr.Parse: an int32 when the text is one, else the text. */
function intOrString(s: string): number | string {
  return parseInt32Port(s) ?? s;
}

/** `kubectl create poddisruptionbudget NAME --selector=... --min-available=N|N%` (or --max-unavailable). */
export function buildPDB(o: PDBOptions): KubeObject {
  const spec: Record<string, unknown> = {};
  if (o.minAvailable !== '') spec.minAvailable = intOrString(o.minAvailable);
  spec.selector = parseToLabelSelector(o.selector);
  if (o.minAvailable === '' && o.maxUnavailable !== '') spec.maxUnavailable = intOrString(o.maxUnavailable);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: objectMeta(o.name, o.namespace),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  } as unknown as KubeObject;
}
