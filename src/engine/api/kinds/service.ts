import type { FieldError, KubeObject } from '../types.ts';
import { duplicate, forbidden, invalid, notSupported, required } from '../validation/field.ts';
import { validateLabels } from '../validation/meta.ts';
import { isDNS1123Label, isValidPortName, isValidPortNum, nameIsDNS1035Label } from '../validation/names.ts';
import { defineKind } from './define.ts';

interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}
interface ServiceSpec {
  type?: string;
  ports?: ServicePort[];
  selector?: Record<string, string>;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
  [k: string]: unknown;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIP(s: string): boolean {
  return ipv4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
}

function goServicePortKey(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateService(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const s = (obj.spec ?? {}) as ServiceSpec;
  const errs: FieldError[] = [];
  const type = s.type ?? '';
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  const headless = s.clusterIP === 'None';
  if (type === 'ExternalName') {
    if (!s.externalName) errs.push(required('spec.externalName'));
  }
  const ports = s.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
    else if (p.name) {
      const msgs = isDNS1123Label(p.name);
      for (const m of msgs) errs.push(invalid(`${pp}.name`, p.name, m));
      if (msgs.length === 0 && names.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      names.add(p.name);
    }
    for (const m of isValidPortNum(p.port ?? 0)) errs.push(invalid(`${pp}.port`, p.port ?? 0, m));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number') for (const m of isValidPortNum(p.targetPort)) errs.push(invalid(`${pp}.targetPort`, p.targetPort, m));
    else if (typeof p.targetPort === 'string') for (const m of isValidPortName(p.targetPort)) errs.push(invalid(`${pp}.targetPort`, p.targetPort, m));
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      if (type === 'ClusterIP') errs.push(forbidden(`${pp}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
      else for (const m of isValidPortNum(p.nodePort)) errs.push(invalid(`${pp}.nodePort`, p.nodePort, m));
    }
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errs.push({ type: 'Duplicate', field: `spec.ports[${i}]`, value: goServicePortKey(p), rawValue: true });
    seen.add(key);
  });
  if (!types.includes(type)) errs.push(notSupported('spec.type', type, types));
  if (s.sessionAffinity && !['ClientIP', 'None'].includes(s.sessionAffinity)) {
    errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  }
  if (type !== 'ExternalName') errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (s.clusterIP && s.clusterIP !== 'None' && !isIP(s.clusterIP)) {
    errs.push(invalid('spec.clusterIPs[0]', s.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  const etp = s.externalTrafficPolicy;
  if (etp && !['Cluster', 'Local'].includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  if (etp && type !== 'NodePort' && type !== 'LoadBalancer') {
    errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  }
  if (old && type !== 'ExternalName') {
    const os = (old.spec ?? {}) as ServiceSpec;
    if (os.clusterIP && s.clusterIP && os.clusterIP !== s.clusterIP && os.type !== 'ExternalName') {
      errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', value: `[]string{${(s.clusterIPs ?? [s.clusterIP]).map((x) => JSON.stringify(x)).join(', ')}}`, rawValue: true, detail: 'may not change once set' });
    }
  }
  return errs;
}

/** Service (v1). ClusterIP and NodePort allocation happen in an admission plugin (network). */
export const service = defineKind({
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  validateName: nameIsDNS1035Label,
  defaults(obj) {
    const s = (obj.spec ??= {}) as ServiceSpec;
    if (!s.sessionAffinity) s.sessionAffinity = 'None';
    if (s.sessionAffinity === 'ClientIP') {
      const cfg = (s.sessionAffinityConfig ??= {});
      const ip = (cfg.clientIP ??= {});
      ip.timeoutSeconds ??= 10800;
    }
    if (!s.type) s.type = 'ClusterIP';
    for (const p of s.ports ?? []) {
      if (!p.protocol) p.protocol = 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
    if (s.type !== 'ExternalName') {
      s.internalTrafficPolicy ??= 'Cluster';
      if (!s.ipFamilyPolicy) {
        const headlessNoSelector = s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0;
        s.ipFamilyPolicy = headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
      }
      if (!s.ipFamilies || s.ipFamilies.length === 0) s.ipFamilies = ['IPv4'];
    }
    if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  },
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  prepareForUpdate(obj, old) {
    // Allocated values carry over when the client leaves them out (as patchAllocatedValues).
    const s = (obj.spec ??= {}) as ServiceSpec;
    const os = (old.spec ?? {}) as ServiceSpec;
    if (s.type === 'ExternalName' || os.type === 'ExternalName') return;
    if (!s.clusterIP && os.clusterIP) s.clusterIP = os.clusterIP;
    if ((!s.clusterIPs || s.clusterIPs.length === 0) && os.clusterIPs && s.clusterIP === os.clusterIP) s.clusterIPs = [...os.clusterIPs];
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      for (const p of s.ports ?? []) {
        if (p.nodePort) continue;
        const prev = (os.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (prev?.nodePort) p.nodePort = prev.nodePort;
      }
    }
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    return validateService(obj, ctx.old);
  },
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'metadata.namespace': (o) => o.metadata.namespace ?? '',
    'spec.clusterIP': (o) => String((o.spec as ServiceSpec | undefined)?.clusterIP ?? ''),
    'spec.type': (o) => String((o.spec as ServiceSpec | undefined)?.type ?? ''),
  },
});
