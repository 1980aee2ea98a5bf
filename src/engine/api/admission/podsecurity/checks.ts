// The Pod Security Standards checks of Kubernetes 1.32 (staging/src/k8s.io/pod-security-admission/policy/
// check_*.go): each returns undefined when the pod passes, or the forbidden reason and detail the admission
// message prints as `reason (detail)`.

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string; level?: string };
  windowsOptions?: { hostProcess?: boolean };
}

export interface Container {
  name: string;
  securityContext?: SecurityContext;
  ports?: Array<{ hostPort?: number; containerPort?: number }>;
}

export interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext & { sysctls?: Array<{ name: string; value: string }> };
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Array<Record<string, unknown> & { name: string }>;
}

export interface CheckResult {
  reason: string;
  detail: string;
}

export type Level = 'privileged' | 'baseline' | 'restricted';

/** The pod metadata a check may read (AppArmor's legacy annotations). */
export interface PodMeta {
  annotations?: Record<string, string>;
}

export interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** At restricted, this check replaces the baseline check of that id. */
  overrides?: string;
  run(spec: PodSpec, meta?: PodMeta): CheckResult | undefined;
}

// Upstream's quote helpers wrap in double quotes without escaping (policy/helpers.go joinQuote).
const quote = (s: string) => `"${s}"`;
const joinQuote = (xs: readonly string[]) => xs.map(quote).join(', ');
const pluralize = (one: string, many: string, n: number) => (n === 1 ? one : many);
const containersPhrase = (names: string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

const baselineCapabilities = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const allowedSysctls = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);
const appArmorAnnotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
// check_seLinuxOptions.go selinuxAllowedTypes1_31 (container_engine_t since 1.31).
const seLinuxTypes = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const restrictedVolumeTypes = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

export const checks: Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    run(spec) {
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map((c) => c.name);
      if (bad.length === 0) return undefined;
      return { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false` };
    },
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    run(spec, meta) {
      const allowedType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
      const setters: string[] = [];
      const values = new Set<string>();
      const podType = spec.securityContext?.appArmorProfile;
      if (podType && !allowedType(podType.type)) {
        setters.push('pod');
        values.add(podType.type ?? '');
      }
      const bad: string[] = [];
      for (const c of allContainers(spec)) {
        const p = c.securityContext?.appArmorProfile;
        if (p && !allowedType(p.type)) {
          bad.push(c.name);
          values.add(p.type ?? '');
        }
      }
      if (bad.length) setters.push(containersPhrase(bad));
      const list = sorted(values);
      const annotations: string[] = [];
      for (const [k, v] of Object.entries(meta?.annotations ?? {})) {
        if (k.startsWith(appArmorAnnotationPrefix) && v !== '' && v !== 'runtime/default' && !v.startsWith('localhost/')) annotations.push(`${k}="${v}"`);
      }
      if (annotations.length) {
        list.push(...annotations.sort());
        setters.push(pluralize('annotation', 'annotations', annotations.length));
      }
      if (setters.length === 0) return undefined;
      return { reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length), detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}` };
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    run(spec) {
      const bad: string[] = [];
      const caps = new Set<string>();
      for (const c of allContainers(spec)) {
        const extra = (c.securityContext?.capabilities?.add ?? []).filter((x) => !baselineCapabilities.has(x));
        if (extra.length === 0) continue;
        bad.push(c.name);
        for (const x of extra) caps.add(x);
      }
      if (bad.length === 0) return undefined;
      return { reason: 'non-default capabilities', detail: `${containersPhrase(bad)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add` };
    },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    overrides: 'capabilities_baseline',
    run(spec) {
      const noDrop: string[] = [];
      const badAdd: string[] = [];
      const caps = new Set<string>();
      for (const c of allContainers(spec)) {
        if (!(c.securityContext?.capabilities?.drop ?? []).includes('ALL')) noDrop.push(c.name);
        const extra = (c.securityContext?.capabilities?.add ?? []).filter((x) => x !== 'NET_BIND_SERVICE');
        if (extra.length > 0) {
          badAdd.push(c.name);
          for (const x of extra) caps.add(x);
        }
      }
      const details: string[] = [];
      if (noDrop.length > 0) details.push(`${containersPhrase(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (badAdd.length > 0) details.push(`${containersPhrase(badAdd)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add`);
      return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    run(spec) {
      const on: string[] = [];
      if (spec.hostNetwork) on.push('hostNetwork=true');
      if (spec.hostPID) on.push('hostPID=true');
      if (spec.hostIPC) on.push('hostIPC=true');
      return on.length ? { reason: 'host namespaces', detail: on.join(', ') } : undefined;
    },
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    run(spec) {
      const bad = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
      return bad.length ? { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}` } : undefined;
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    run(spec) {
      const bad: string[] = [];
      const ports: number[] = [];
      for (const c of allContainers(spec)) {
        const hp = (c.ports ?? []).map((p) => p.hostPort ?? 0).filter((p) => p !== 0);
        if (hp.length === 0) continue;
        bad.push(c.name);
        for (const p of hp) if (!ports.includes(p)) ports.push(p);
      }
      if (bad.length === 0) return undefined;
      return {
        reason: 'hostPort',
        detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
      };
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    run(spec) {
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.privileged === true)
        .map((c) => c.name);
      return bad.length ? { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true` } : undefined;
    },
  },
  {
    id: 'procMount',
    level: 'baseline',
    run(spec) {
      const bad = allContainers(spec).filter((c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== 'Default');
      if (bad.length === 0) return undefined;
      return { reason: 'procMount', detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sorted(bad.map((c) => c.securityContext!.procMount!)))}` };
    },
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    overrides: 'hostPathVolumes',
    run(spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const v of spec.volumes ?? []) {
        const type = Object.keys(v).find((k) => k !== 'name');
        if (!type || restrictedVolumeTypes.has(type)) continue;
        bad.push(v.name);
        types.add(type);
      }
      if (bad.length === 0) return undefined;
      return {
        reason: 'restricted volume types',
        detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', types.size)} ${joinQuote(sorted(types))}`,
      };
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    run(spec) {
      const podSet = spec.securityContext?.runAsNonRoot;
      const details: string[] = [];
      if (podSet === false) details.push('pod must not set securityContext.runAsNonRoot=false');
      const explicitFalse: string[] = [];
      const implicit: string[] = [];
      for (const c of allContainers(spec)) {
        const v = c.securityContext?.runAsNonRoot;
        if (v === false) explicitFalse.push(c.name);
        else if (v === undefined && podSet !== true) implicit.push(c.name);
      }
      if (explicitFalse.length) details.push(`${containersPhrase(explicitFalse)} must not set securityContext.runAsNonRoot=false`);
      if (implicit.length && podSet !== false) details.push(`pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`);
      return details.length ? { reason: 'runAsNonRoot != true', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    run(spec) {
      const details: string[] = [];
      if (spec.securityContext?.runAsUser === 0) details.push('pod must not set runAsUser=0');
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.runAsUser === 0)
        .map((c) => c.name);
      if (bad.length) details.push(`${containersPhrase(bad)} must not set runAsUser=0`);
      return details.length ? { reason: 'runAsUser=0', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    run(spec) {
      const types = new Set<string>();
      let user = false;
      let role = false;
      const valid = (o: NonNullable<SecurityContext['seLinuxOptions']>) => {
        let ok = true;
        if (!seLinuxTypes.has(o.type ?? '')) {
          ok = false;
          types.add(o.type ?? '');
        }
        if (o.user) {
          ok = false;
          user = true;
        }
        if (o.role) {
          ok = false;
          role = true;
        }
        return ok;
      };
      const setters: string[] = [];
      const podOpts = spec.securityContext?.seLinuxOptions;
      if (podOpts && !valid(podOpts)) setters.push('pod');
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions))
        .map((c) => c.name);
      if (bad.length) setters.push(containersPhrase(bad));
      if (setters.length === 0) return undefined;
      const data: string[] = [];
      if (types.size) data.push(`${pluralize('type', 'types', types.size)} ${joinQuote(sorted(types))}`);
      if (user) data.push('user may not be set');
      if (role) data.push('role may not be set');
      return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    run(spec) {
      const details: string[] = [];
      if (spec.securityContext?.seccompProfile?.type === 'Unconfined') details.push('pod must not set securityContext.seccompProfile.type to "Unconfined"');
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.seccompProfile?.type === 'Unconfined')
        .map((c) => c.name);
      if (bad.length) details.push(`${containersPhrase(bad)} must not set securityContext.seccompProfile.type to "Unconfined"`);
      return details.length ? { reason: 'seccompProfile', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    overrides: 'seccompProfile_baseline',
    run(spec) {
      const ok = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
      const podType = spec.securityContext?.seccompProfile?.type;
      const details: string[] = [];
      if (podType !== undefined && !ok(podType)) details.push(`pod must not set securityContext.seccompProfile.type to ${quote(podType)}`);
      const badTypes: string[] = [];
      const bad: string[] = [];
      const unset: string[] = [];
      for (const c of allContainers(spec)) {
        const t = c.securityContext?.seccompProfile?.type;
        if (t === undefined) {
          if (!ok(podType)) unset.push(c.name);
        } else if (!ok(t)) {
          bad.push(c.name);
          badTypes.push(t);
        }
      }
      if (bad.length) details.push(`${containersPhrase(bad)} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(badTypes))}`);
      if (unset.length && podType === undefined) details.push(`pod or ${containersPhrase(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
      return details.length ? { reason: 'seccompProfile', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'sysctls',
    level: 'baseline',
    run(spec) {
      const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !allowedSysctls.has(n));
      return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
    },
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    run(spec) {
      const setters: string[] = [];
      if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
      const bad = allContainers(spec)
        .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
        .map((c) => c.name);
      if (bad.length) setters.push(containersPhrase(bad));
      if (setters.length === 0) return undefined;
      return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
    },
  },
];

// policy/registry.go populate: baseline check ids sorted, then restricted ones sorted (byte order); restricted
// drops the baseline checks its own checks override.
const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const baselineChecks = checks.filter((c) => c.level === 'baseline').sort(byId);
const overridden = new Set(checks.map((c) => c.overrides).filter((x): x is string => !!x));
const restrictedChecks = [...baselineChecks.filter((c) => !overridden.has(c.id)), ...checks.filter((c) => c.level === 'restricted').sort(byId)];

/** The checks a level applies, in the order their results are reported. */
export function checksFor(level: Level): Check[] {
  if (level === 'privileged') return [];
  return level === 'baseline' ? baselineChecks : restrictedChecks;
}

/** Evaluate a pod spec at a level: the failed checks in report order. */
export function evaluate(level: Level, spec: PodSpec, meta?: PodMeta): CheckResult[] {
  const out: CheckResult[] = [];
  for (const c of checksFor(level)) {
    const r = c.run(spec, meta);
    if (r) out.push(r);
  }
  return out;
}

/** The text after `violates PodSecurity "restricted:latest": `. */
export function formatResults(results: CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ');
}
