import { forbidden } from '../errors.ts';
import { systemPriorityClasses, type PriorityClassLike } from '../kinds/priorityclass.ts';
import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import { Rng } from '../../util/rng.ts';

interface PodPriority {
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
}

/**
 * The name admission errors show during the mutating phase: the apiserver generates names after mutating
 * admission, so a pod created from generateName is still known by its prefix.
 */
export function mutatingName(a: AdmissionAttributes): string {
  const m = a.object.metadata;
  if (a.operation === 'CREATE' && m.generateName && m.name?.startsWith(m.generateName) && m.name.length === m.generateName.length + 5) {
    return m.generateName;
  }
  return a.name;
}

/** The global default class with the lowest value (getDefaultPriorityClass), if any. */
function defaultClass(api: ApiServer): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const pc of api.store.list('priorityclasses')) {
    const v = pc as unknown as PriorityClassLike;
    if (!v.globalDefault) continue;
    if (!best || (v.value ?? 0) < ((best as unknown as PriorityClassLike).value ?? 0)) best = pc;
  }
  return best;
}

function admitPod(a: AdmissionAttributes, api: ApiServer): void {
  const spec = (a.object.spec ??= {}) as PodPriority;
  if (a.operation === 'UPDATE') {
    // Priority was resolved on create; keep it (validation forbids changing it).
    const old = (a.oldObject?.spec ?? {}) as PodPriority;
    if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
    if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
    return;
  }
  let priority: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = defaultClass(api) as (KubeObject & PriorityClassLike) | undefined;
    priority = dpc?.value ?? 0;
    policy = dpc ? dpc.preemptionPolicy : 'PreemptLowerPriority';
    if (dpc) spec.priorityClassName = dpc.metadata.name;
  } else {
    const pc = api.store.get('priorityclasses', undefined, spec.priorityClassName) as (KubeObject & PriorityClassLike) | undefined;
    if (!pc) throw forbidden(a.resource, mutatingName(a), `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value ?? 0;
    policy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw forbidden(
      a.resource,
      mutatingName(a),
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy) {
      throw forbidden(
        a.resource,
        mutatingName(a),
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = policy;
  }
}

/** validatePriorityClass: only one PriorityClass may be the global default. */
function validateClass(a: AdmissionAttributes, api: ApiServer): void {
  if (!(a.object as unknown as PriorityClassLike).globalDefault) return;
  const dpc = defaultClass(api);
  if (!dpc) return;
  if (a.operation === 'CREATE' || (a.operation === 'UPDATE' && dpc.metadata.name !== a.name)) {
    throw forbidden(a.resource, a.name, `PriorityClass ${dpc.metadata.name} is already marked as default. Only one default can exist`);
  }
}

/**
 * The Priority admission plugin: resolves a pod's `priorityClassName` (or the global default class) to
 * `priority` and `preemptionPolicy`, and keeps a single global default PriorityClass.
 */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  mutate(a, api) {
    if (a.subresource !== '' || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    if (a.resource.plural === 'pods') admitPod(a, api);
  },
  validate(a, api) {
    if (a.subresource !== '' || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    if (a.resource.plural === 'priorityclasses') validateClass(a, api);
  },
};

/**
 * The apiserver's post-start hook: store the built-in system PriorityClasses if missing. They are seeded
 * into storage directly, with uids from their own generator, so that adding them leaves the cluster's
 * random sequence (pod names, uids) exactly as it was.
 */
export function ensureSystemPriorityClasses(api: ApiServer, clock: VirtualClock): void {
  const rt = api.resource('priorityclasses');
  const rng = new Rng(0x5c4ed);
  for (const spc of systemPriorityClasses) {
    const uid = rng.uuid();
    if (api.store.get('priorityclasses', undefined, spc.name)) continue;
    const obj: KubeObject = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: spc.name, uid, creationTimestamp: clock.timestamp() },
      value: spc.value,
      description: spc.description,
    };
    rt.defaults?.(obj);
    api.store.put('priorityclasses', obj);
  }
}
