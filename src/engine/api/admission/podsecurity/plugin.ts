// PodSecurity admission (staging/src/k8s.io/pod-security-admission/admission): a namespace's
// `pod-security.kubernetes.io/{enforce,audit,warn}[-version]` labels choose a Pod Security Standard level;
// pods that violate the enforce level are rejected, warn-level violations come back as warnings, audit-level
// ones as audit annotations. Workload resources (pod templates) only get warnings and annotations. Labelling a
// namespace warns about existing pods that would violate the new enforce level.
import { forbidden, invalid } from '../../errors.ts';
import { invalid as invalidField } from '../../validation/field.ts';
import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../../server.ts';
import type { FieldError, KubeObject } from '../../types.ts';
import { evaluate, formatResults, type Level, type PodMeta, type PodSpec } from './checks.ts';

const prefix = 'pod-security.kubernetes.io/';
const levels: Level[] = ['privileged', 'baseline', 'restricted'];
type Mode = 'enforce' | 'audit' | 'warn';
const modes: Mode[] = ['enforce', 'audit', 'warn'];

export interface LevelVersion {
  level: Level;
  version: string;
}
export type NamespacePolicy = Record<Mode, LevelVersion>;

const versionRe = /^(latest|v1\.(0|[1-9][0-9]*))$/;

/** Label problems, as field errors on metadata.labels. */
export function validatePolicyLabels(labels: Record<string, string>): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of modes) {
    const l = labels[prefix + m];
    if (l !== undefined && !levels.includes(l as Level)) errs.push(invalidField(`metadata.labels[${prefix}${m}]`, l, 'must be one of privileged, baseline, restricted'));
    const v = labels[`${prefix}${m}-version`];
    if (v !== undefined && !versionRe.test(v)) errs.push(invalidField(`metadata.labels[${prefix}${m}-version]`, v, 'must be "latest" or "v1.x"'));
  }
  return errs;
}

export function namespacePolicy(labels: Record<string, string> | undefined): NamespacePolicy {
  const get = (m: Mode): LevelVersion => {
    const l = labels?.[prefix + m];
    const v = labels?.[`${prefix}${m}-version`];
    return { level: levels.includes(l as Level) ? (l as Level) : 'privileged', version: v && versionRe.test(v) ? v : 'latest' };
  };
  return { enforce: get('enforce'), audit: get('audit'), warn: get('warn') };
}

const policyName = (p: LevelVersion) => `${p.level}:${p.version}`;

/** The pod spec inside a workload object, or undefined for kinds without a pod template. */
interface Template {
  metadata?: PodMeta;
  spec?: PodSpec;
}
function template(obj: KubeObject): Template | undefined {
  const spec = obj.spec as { template?: Template; jobTemplate?: { spec?: { template?: Template } } } | undefined;
  if (obj.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return spec?.template;
}

const workloadKinds = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate']);

function checkPod(a: AdmissionAttributes, api: ApiServer, spec: PodSpec, meta: PodMeta | undefined, policy: NamespacePolicy, isPod: boolean): void {
  const results = new Map<string, string>();
  const run = (p: LevelVersion) => {
    const key = policyName(p);
    let text = results.get(key);
    if (text === undefined) {
      text = formatResults(evaluate(p.level, spec, meta));
      results.set(key, text);
    }
    return text;
  };
  if (isPod) {
    if (policy.enforce.level !== 'privileged') {
      api.request?.annotate(`${prefix}enforce-policy`, policyName(policy.enforce));
      const v = run(policy.enforce);
      if (v) throw forbidden(a.resource, a.name, `violates PodSecurity "${policyName(policy.enforce)}": ${v}`);
    } else api.request?.annotate(`${prefix}enforce-policy`, policyName(policy.enforce));
  }
  if (policy.audit.level !== 'privileged') {
    const v = run(policy.audit);
    if (v) api.request?.annotate(`${prefix}audit-violations`, `would violate PodSecurity "${policyName(policy.audit)}": ${v}`);
  }
  // Pod controllers: the enforce level is only a warning (pods they create are checked when created).
  const warnLevels = isPod ? [policy.warn] : [policy.warn, policy.enforce];
  const seen = new Set<string>();
  for (const p of warnLevels) {
    if (p.level === 'privileged' || seen.has(policyName(p))) continue;
    seen.add(policyName(p));
    const v = run(p);
    if (v) api.request?.warn(`would violate PodSecurity "${policyName(p)}": ${v}`);
  }
}

/** Warnings for existing pods that violate a namespace's new enforce level (grouped by identical violations). */
function checkExistingPods(a: AdmissionAttributes, api: ApiServer, policy: LevelVersion): void {
  const groups = new Map<string, string[]>();
  for (const pod of api.store.list('pods', a.name)) {
    const v = evaluate(policy.level, (pod.spec ?? {}) as PodSpec, pod.metadata as PodMeta)
      .map((r) => r.reason)
      .join(', ');
    if (!v) continue;
    const names = groups.get(v) ?? [];
    names.push(pod.metadata.name ?? '');
    groups.set(v, names);
  }
  if (groups.size === 0) return;
  api.request?.warn(`existing pods in namespace ${JSON.stringify(a.name)} violate the new PodSecurity enforce level ${JSON.stringify(policyName(policy))}`);
  for (const [v, names] of groups) {
    const who = names.length === 1 ? names[0] : `${names[0]} (and ${names.length - 1} other pod${names.length === 2 ? '' : 's'})`;
    api.request?.warn(`${who}: ${v}`);
  }
}

export const podSecurityAdmission: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(a, api) {
    if (a.subresource !== '' || a.operation === 'DELETE') return;
    const kind = a.resource.kind;
    if (kind === 'Namespace') {
      const labels = a.object.metadata.labels ?? {};
      const errs = validatePolicyLabels(labels);
      if (errs.length > 0) throw invalid(a.resource, a.name, errs);
      const next = namespacePolicy(labels).enforce;
      const prev = a.oldObject ? namespacePolicy(a.oldObject.metadata.labels).enforce : undefined;
      if (a.operation === 'UPDATE' && next.level !== 'privileged' && (prev?.level !== next.level || prev.version !== next.version)) checkExistingPods(a, api, next);
      return;
    }
    const isPod = kind === 'Pod';
    if (!isPod && !workloadKinds.has(kind)) return;
    // Pod updates only change what PodSecurity ignores (labels, annotations, images…) in the lab.
    if (isPod && a.operation !== 'CREATE') return;
    const ns = api.store.get('namespaces', undefined, a.namespace);
    const labels = ns?.metadata.labels;
    if (!labels || !Object.keys(labels).some((k) => k.startsWith(prefix))) return;
    const t: Template | undefined = isPod ? { metadata: a.object.metadata as PodMeta, spec: a.object.spec as PodSpec | undefined } : template(a.object);
    if (!t?.spec) return;
    checkPod(a, api, t.spec, t.metadata, namespacePolicy(labels), isPod);
  },
};
