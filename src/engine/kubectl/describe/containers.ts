/** describe.go's container, volume and pod-template sections. */
import type { Container, ContainerState, ContainerStatus, PodTemplateSpec, Probe, TopologySpreadConstraint, Volume } from 'kubernetes-types/core/v1';
import { formatLabelSelector } from '../printers/common.ts';
import { goSort } from './gosort.ts';
import { parseQuantity, type Quantity } from '../../util/quantity.ts';
import { printLabelsMultiline, printAnnotationsMultiline, printTaintsOrTolerations, rfc1123z, type PrefixWriter } from './writer.ts';

function canonical(q: string | number): string {
  try {
    return parseQuantity(q).canonical;
  } catch {
    return String(q);
  }
}

function portOf(p: number | string | undefined): string {
  return p === undefined ? '' : String(p);
}

/** url.PathEscape rules for a URL path (Go's shouldEscape in encodePath mode). */
function escapePath(path: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch)) out += ch;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    // url.URL{Scheme, Host: net.JoinHostPort(host, port), Path}.String()
    const scheme = (p.httpGet.scheme ?? '').toLowerCase();
    const port = portOf(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    const path = p.httpGet.path ?? '';
    let url = scheme ? `${scheme}:` : '';
    if (scheme || hostPort) url += `//${hostPort}`;
    if (path && !path.startsWith('/') && hostPort) url += '/';
    url += escapePath(path);
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${portOf(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: PrefixWriter, name: string, s: ContainerState | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

/** describeResources: Limits then Requests, each in SortedResourceNames order. */
export function describeResources(w: PrefixWriter, resources: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined, level: number): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length > 0) w.write(level, `${title}:\n`);
    for (const k of keys) w.write(level + 1, `${k}:\t${canonical(list![k] as string)}\n`);
  }
}

function quantityOf(list: Record<string, unknown> | undefined, name: string): Quantity {
  const v = list?.[name];
  if (v === undefined) return parseQuantity('0');
  try {
    return parseQuantity(v as string);
  } catch {
    return parseQuantity('0');
  }
}

/** resourcehelper.ExtractContainerResourceValue: the value divided by the divisor, rounded up. */
function containerResourceValue(resource: string, divisorText: string | number | undefined, c: Container): string | undefined {
  let divisor = parseQuantity('1');
  try {
    if (divisorText !== undefined && parseQuantity(divisorText).nano !== 0n) divisor = parseQuantity(divisorText);
  } catch {
    // An unparsable divisor would have been rejected by validation.
  }
  const [kind, name] = resource.split(/\.(.*)/s);
  const list = (kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined) as Record<string, unknown> | undefined;
  if (kind !== 'limits' && kind !== 'requests') return undefined;
  if (name === 'cpu') return String(Math.ceil(quantityOf(list, name).milliValue / divisor.milliValue));
  if (name === 'memory' || name === 'ephemeral-storage' || (name ?? '').startsWith('hugepages-')) {
    return String(Math.ceil(quantityOf(list, name).value / divisor.value));
  }
  return undefined;
}

/**
 * EnvValueRetriever: kubectl resolves a fieldRef through the client scheme's field label conversion, which
 * for core/v1 only knows metadata.name and metadata.namespace; every other path prints an empty value.
 */
function podFieldValue(path: string, pod: PodIdentity | undefined): string {
  if (!pod) return '';
  if (path === 'metadata.name') return pod.name;
  if (path === 'metadata.namespace') return pod.namespace;
  return '';
}

export interface PodIdentity {
  name: string;
  namespace: string;
}

function describeEnvFrom(w: PrefixWriter, c: Container): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const name = e.configMapRef ? (e.configMapRef.name ?? '') : (e.secretRef?.name ?? '');
    const optional = e.configMapRef ? !!e.configMapRef.optional : !!e.secretRef?.optional;
    if (!e.prefix) w.write(3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnv(w: PrefixWriter, c: Container, pod?: PodIdentity): void {
  const env = c.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) w.write(3, `${e.name}:\t${podFieldValue(vf.fieldRef.fieldPath, pod)} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
    else if (vf.resourceFieldRef) {
      const r = vf.resourceFieldRef.resource;
      let value = containerResourceValue(r, vf.resourceFieldRef.divisor as string | number | undefined, c) ?? '';
      if (value === '0' && (r === 'limits.cpu' || r === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${r})\n`);
    }
    else if (vf.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
    else if (vf.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
  }
}

function describeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0));
  if (devices.length > 0) {
    w.write(2, `Devices:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
  pod?: PodIdentity,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if ((list ?? []).length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list ?? []) for (const s of item.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources as Parameters<typeof describeResources>[1], 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

export function describeVolumes(w: PrefixWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if ((volumes ?? []).length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes ?? []) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit === undefined ? undefined : canonical(v.emptyDir.sizeLimit as string);
      const size = limit && !limit.startsWith('-') && limit !== '0' ? limit : '<unset>';
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${!!v.secret.optional}\n`);
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${!!v.configMap.optional}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      const opt = (o: boolean | undefined) => (o === undefined ? '<nil>' : String(o));
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${opt(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${opt(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else if (v.persistentVolumeClaim) {
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of v.downwardAPI.items ?? []) {
        if (it.fieldRef) w.write(3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        else if (it.resourceFieldRef) w.write(3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    } else if (v.nfs) {
      w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${!!v.nfs.readOnly}\n`);
    } else if (v.ephemeral) {
      // The claim template's own details (printPersistentVolumeClaim) are not printed in Kubelab.
      w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    } else w.write(1, '<unknown>\n');
  }
}

/** describeTopologySpreadConstraints: sorted by topology key, one per line; nothing when there are none. */
export function describeTopologySpreadConstraints(w: PrefixWriter, tscs: readonly TopologySpreadConstraint[] | undefined, space: string): void {
  if ((tscs ?? []).length === 0) return;
  const list = goSort([...tscs!], (a, b) => a.topologyKey < b.topologyKey);
  w.write(0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(0, s + '\n');
  });
}

export function describePodTemplate(w: PrefixWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  const spec = t.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec!.initContainers!, undefined, '  ');
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  describeTopologySpreadConstraints(w, spec?.topologySpreadConstraints, '  ');
  if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTaintsOrTolerations(w, '  Tolerations', spec?.tolerations, true);
}
