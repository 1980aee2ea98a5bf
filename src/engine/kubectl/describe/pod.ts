/** describePod (describe.go). */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { parseQuantity } from '../../util/quantity.ts';
import { describeContainers, describeResources, describeTopologySpreadConstraints, describeVolumes } from './containers.ts';
import { registerDescriber } from './registry.ts';
import {
  controllerOf,
  describeEvents,
  eventsFor,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsOrTolerations,
  rfc1123z,
  since,
  type DescribeContext,
} from './writer.ts';

function isZero(v: string | undefined): boolean {
  if (v === undefined) return true;
  try {
    return parseQuantity(v).nano === 0n;
  } catch {
    return true;
  }
}

/** qos.GetPodQOS: the status value when set, else computed from requests and limits. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = (c.resources?.requests ?? {}) as Record<string, string>;
    const lim = (c.resources?.limits ?? {}) as Record<string, string>;
    for (const r of ['cpu', 'memory']) {
      if (!isZero(req[r]) || !isZero(lim[r])) any = true;
      if (isZero(lim[r])) guaranteed = false;
      else if (req[r] !== undefined && parseQuantity(req[r]).nano !== parseQuantity(lim[r]).nano) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function describePod(obj: KubeObject, ctx: DescribeContext): string {
  const pod = obj as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const meta = pod.metadata ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  if (spec.priority != null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if ((status.podIPs ?? []).length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs ?? []) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(obj);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  // Pod-level resources (1.32 alpha PodLevelResources); absent from the typed PodSpec we build on.
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[1] }).resources;
  if (podResources) {
    w.write(0, 'Resources:\n');
    describeResources(w, podResources, 1);
  }
  const ident = { name: meta.name ?? '', namespace: meta.namespace ?? '' };
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers!, status.initContainerStatuses, '', ident);
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, '', ident);
  if ((spec.ephemeralContainers ?? []).length > 0) {
    describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers as Container[], status.ephemeralContainerStatuses, '', ident);
  }
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates ?? []) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions ?? []) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTaintsOrTolerations(w, 'Tolerations', spec.tolerations, true);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Pod', describePod);
