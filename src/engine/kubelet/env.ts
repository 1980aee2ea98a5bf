import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1';
import { podHostsFile } from '../network/dns/etchosts.ts';
import type { ApiServer } from '../api/server.ts';
import type { KubeObject } from '../api/types.ts';
import type { Repository } from '../images/catalog.ts';
import { ContainerFs } from '../images/fs.ts';
import { podResolvConf } from '../network/dns/resolvconf.ts';
import type { MountedVolume } from './volumes.ts';

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return '';
  }
}

function fieldRef(pod: Pod, path: string, podIP: string, hostIP: string): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return ((pod.metadata?.[label[1] as 'labels'] ?? {}) as Record<string, string>)[label[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP': return podIP;
    case 'status.hostIP': return hostIP;
    default: return '';
  }
}

/**
 * The last service variables computed per API server, namespace and enableServiceLinks, with the Service
 * objects they came from: while those are the same stored instances, the variables are the same.
 */
const serviceEnvCache = new WeakMap<ApiServer, Map<string, { svcs: KubeObject[]; env: Array<[string, string]> }>>();

/** Docker-links style variables for the Services of a namespace (enableServiceLinks), plus the master service. */
function serviceEnv(api: ApiServer, namespace: string, links: boolean): Array<[string, string]> {
  const svcs: KubeObject[] = [];
  if (links) svcs.push(...api.list('services', namespace));
  const master = api.tryGet('services', 'default', 'kubernetes');
  if (master && !svcs.includes(master)) svcs.push(master);
  let cache = serviceEnvCache.get(api);
  if (!cache) serviceEnvCache.set(api, (cache = new Map()));
  const key = `${links ? 1 : 0}${namespace}`;
  const hit = cache.get(key);
  if (hit && hit.svcs.length === svcs.length && hit.svcs.every((s, i) => s === svcs[i])) return hit.env;
  const env = computeServiceEnv(svcs);
  cache.set(key, { svcs, env });
  return env;
}

function computeServiceEnv(svcs: KubeObject[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const s of svcs) {
    const spec = s.spec as { clusterIP?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> } | undefined;
    const ip = spec?.clusterIP;
    if (!ip || ip === 'None' || !spec?.ports?.length) continue;
    const name = (s.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    const p0 = spec.ports[0];
    out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(p0.port)]);
    for (const p of spec.ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (p0.protocol ?? 'TCP').toLowerCase();
    out.push([`${name}_PORT`, `${proto}://${ip}:${p0.port}`]);
    for (const p of spec.ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const base = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
      out.push([base, `${pr}://${ip}:${p.port}`], [`${base}_PROTO`, pr], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}

/** The image's ENV entries that are set (non-empty), per catalog object. */
const imageEnvs = new WeakMap<Repository['env'], Array<[string, string]>>();
function imageEnv(repo: Repository): Array<[string, string]> {
  let e = imageEnvs.get(repo.env);
  if (!e) imageEnvs.set(repo.env, (e = Object.entries(repo.env).filter(([, v]) => v !== '')));
  return e;
}

/** The environment a container starts with: image ENV, service links, envFrom, env (later wins), HOSTNAME. */
export function containerEnv(api: ApiServer, pod: Pod, c: Container, repo: Repository, podIP: string, hostIP: string): Map<string, string> {
  const env = new Map<string, string>(imageEnv(repo));
  env.set('HOSTNAME', pod.spec?.hostname ?? pod.metadata?.name ?? '');
  const ns = pod.metadata?.namespace ?? 'default';
  for (const [k, v] of serviceEnv(api, ns, pod.spec?.enableServiceLinks !== false)) env.set(k, v);
  for (const src of c.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    if (src.configMapRef) {
      const cm = api.tryGet('configmaps', ns, src.configMapRef.name ?? '');
      for (const [k, v] of Object.entries((cm?.data as Record<string, string>) ?? {})) env.set(prefix + k, v);
    }
    if (src.secretRef) {
      const s = api.tryGet('secrets', ns, src.secretRef.name ?? '');
      for (const [k, v] of Object.entries((s?.data as Record<string, string>) ?? {})) env.set(prefix + k, decode(v));
    }
  }
  const expand = (v: string) => v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => env.get(n) ?? m);
  for (const e of (c.env ?? []) as EnvVar[]) {
    if (e.value !== undefined) env.set(e.name, expand(e.value));
    else if (e.valueFrom?.fieldRef) env.set(e.name, fieldRef(pod, e.valueFrom.fieldRef.fieldPath, podIP, hostIP));
    else if (e.valueFrom?.configMapKeyRef) {
      const cm = api.tryGet('configmaps', ns, e.valueFrom.configMapKeyRef.name ?? '');
      const v = (cm?.data as Record<string, string> | undefined)?.[e.valueFrom.configMapKeyRef.key];
      if (v !== undefined) env.set(e.name, v);
    } else if (e.valueFrom?.secretKeyRef) {
      const s = api.tryGet('secrets', ns, e.valueFrom.secretKeyRef.name ?? '');
      const v = (s?.data as Record<string, string> | undefined)?.[e.valueFrom.secretKeyRef.key];
      if (v !== undefined) env.set(e.name, decode(v));
    } else if (e.valueFrom?.resourceFieldRef) {
      env.set(e.name, '0');
    } else env.set(e.name, '');
  }
  return env;
}

/** resolv.conf texts of pods without dnsConfig, by namespace, dnsPolicy and hostNetwork (all they depend on). */
const resolvConfs = new Map<string, string>();
function resolvConfOf(pod: Pod): string {
  if (pod.spec?.dnsConfig) return podResolvConf(pod);
  const key = `${pod.metadata?.namespace ?? ''}\u0000${pod.spec?.dnsPolicy ?? ''}\u0000${pod.spec?.hostNetwork ? 1 : 0}`;
  let text = resolvConfs.get(key);
  if (text === undefined) {
    text = podResolvConf(pod);
    if (resolvConfs.size >= 1024) resolvConfs.clear();
    resolvConfs.set(key, text);
  }
  return text;
}

/**
 * The container's files: the image's, the kubelet-managed /etc files, and the pod's volumes mounted at their
 * mount paths (shared trees: what one container writes to a volume, every container mounting it sees).
 * A subPath that names a file of a read-only volume (a ConfigMap key) is copied in, as the kubelet bind-mounts
 * one file. /etc/hosts lists `podIPs`, the sandbox's addresses as the kubelet knows them.
 */
export function containerFs(pod: Pod, c: Container, repo: Repository, volumes: ReadonlyMap<string, MountedVolume>, podIPs: string[]): ContainerFs {
  const fs = ContainerFs.forImage(repo.files);
  fs.write('/etc/hostname', `${pod.metadata?.name ?? ''}\n`);
  fs.write('/etc/hosts', pod.spec?.hostNetwork ? `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n` : podHostsFile(pod, podIPs));
  fs.write('/etc/resolv.conf', resolvConfOf(pod));
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (!v) {
      fs.mkdirp(m.mountPath);
      continue;
    }
    const readOnly = v.readOnly || !!m.readOnly;
    const sub = m.subPath ?? '';
    if (sub && v.fs.isFile(sub)) {
      fs.write(m.mountPath, v.fs.read(sub) ?? '');
      continue;
    }
    fs.mount(m.mountPath, v.fs, readOnly, sub);
  }
  return fs;
}
