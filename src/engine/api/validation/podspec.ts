import type { FieldError } from '../types.ts';
import { duplicate, invalid, notSupported, required } from './field.ts';
import { validateLabels } from './meta.ts';
import { inclusiveRangeError, isQualifiedName, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from './names.ts';
import { validateResourceRequirements } from './resources.ts';

type Obj = Record<string, unknown>;
interface Port {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}
interface Container {
  name?: string;
  image?: string;
  ports?: Port[];
  env?: Array<{ name?: string }>;
  volumeMounts?: Array<{ name?: string; mountPath?: string }>;
  imagePullPolicy?: string;
  terminationMessagePolicy?: string;
  resources?: { requests?: Obj; limits?: Obj };
  livenessProbe?: Obj;
  readinessProbe?: Obj;
  startupProbe?: Obj;
}
export interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name?: string }>;
  restartPolicy?: string;
  dnsPolicy?: string;
  activeDeadlineSeconds?: number;
  terminationGracePeriodSeconds?: number;
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  nodeName?: string;
  tolerations?: Array<{ key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }>;
  [k: string]: unknown;
}

const maxInt32 = 2147483647;

function validatePorts(ports: Port[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const pp = `${path}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      for (const m of msgs) errs.push(invalid(`${pp}.name`, p.name, m));
      if (msgs.length === 0 && names.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${pp}.containerPort`));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(invalid(`${pp}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(invalid(`${pp}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function validateProbe(p: Obj | undefined, path: string): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((k) => p[k] !== undefined);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = p[k];
    if (typeof v === 'number' && v < 0) errs.push(invalid(`${path}.${k}`, v, 'must be greater than or equal to 0'));
  }
  return errs;
}

function validateContainers(list: Container[] | undefined, path: string, volumes: Set<string>, names: Set<string>, isInit: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((c, i) => {
    const cp = `${path}[${i}]`;
    if (!c.name) errs.push(required(`${cp}.name`));
    else {
      const msgs = isDNS1123Label(c.name);
      for (const m of msgs) errs.push(invalid(`${cp}.name`, c.name, m));
      if (msgs.length === 0 && names.has(c.name)) errs.push(duplicate(`${cp}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image || String(c.image).trim() === '') errs.push(required(`${cp}.image`));
    else if (String(c.image) !== String(c.image).trim()) errs.push(invalid(`${cp}.image`, c.image, 'must not have leading or trailing whitespace'));
    errs.push(...validatePorts(c.ports, `${cp}.ports`));
    (c.env ?? []).forEach((e, j) => {
      if (!e.name) errs.push(required(`${cp}.env[${j}].name`));
    });
    (c.volumeMounts ?? []).forEach((m, j) => {
      const mp = `${cp}.volumeMounts[${j}]`;
      if (!m.name) errs.push(required(`${mp}.name`));
      else if (!volumes.has(m.name)) errs.push({ type: 'NotFound', field: `${mp}.name`, value: m.name });
      if (!m.mountPath) errs.push(required(`${mp}.mountPath`));
    });
    if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
      errs.push(notSupported(`${cp}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
    }
    if (c.terminationMessagePolicy && !['File', 'FallbackToLogsOnError'].includes(c.terminationMessagePolicy)) {
      errs.push(notSupported(`${cp}.terminationMessagePolicy`, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
    }
    errs.push(...validateResourceRequirements(c.resources, `${cp}.resources`));
    if (!isInit) {
      errs.push(...validateProbe(c.livenessProbe, `${cp}.livenessProbe`));
      errs.push(...validateProbe(c.readinessProbe, `${cp}.readinessProbe`));
      errs.push(...validateProbe(c.startupProbe, `${cp}.startupProbe`));
      const ft = (c.livenessProbe as { successThreshold?: number } | undefined)?.successThreshold;
      if (ft !== undefined && ft !== 1) errs.push(invalid(`${cp}.livenessProbe.successThreshold`, ft, 'must be 1'));
    }
  });
  return errs;
}

/** ValidatePodSpec, at `path` (`spec` for pods, `spec.template.spec` for workloads). */
export function validatePodSpec(spec: PodSpecLike | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const s = spec ?? {};
  const volumes = new Set<string>();
  (s.volumes ?? []).forEach((v, i) => {
    const vp = `${path}.volumes[${i}].name`;
    if (!v.name) errs.push(required(vp));
    else {
      const msgs = isDNS1123Label(v.name);
      for (const m of msgs) errs.push(invalid(vp, v.name, m));
      if (msgs.length === 0 && volumes.has(v.name)) errs.push(duplicate(vp, v.name));
      volumes.add(v.name);
    }
  });
  const names = new Set<string>();
  if (!s.containers || s.containers.length === 0) errs.push(required(`${path}.containers`));
  errs.push(...validateContainers(s.initContainers, `${path}.initContainers`, volumes, names, true));
  errs.push(...validateContainers(s.containers, `${path}.containers`, volumes, names, false));
  if (!s.restartPolicy) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(s.restartPolicy)) {
    errs.push(notSupported(`${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dns = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
  if (!s.dnsPolicy) errs.push(required(`${path}.dnsPolicy`));
  else if (!dns.includes(s.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, s.dnsPolicy, dns));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.serviceAccountName) for (const m of isDNS1123Subdomain(s.serviceAccountName)) errs.push(invalid(`${path}.serviceAccountName`, s.serviceAccountName, m));
  if (s.nodeName) for (const m of isDNS1123Subdomain(s.nodeName)) errs.push(invalid(`${path}.nodeName`, s.nodeName, m));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > maxInt32)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, maxInt32)));
  }
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  return errs;
}

function validateTolerations(list: PodSpecLike['tolerations'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((t, i) => {
    const tp = `${path}[${i}]`;
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(`${tp}.key`, t.key, m));
    if (!t.key && t.operator !== 'Exists') errs.push(invalid(`${tp}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(`${tp}.effect`, t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    }
    if (t.operator && !['Equal', 'Exists'].includes(t.operator)) errs.push(notSupported(`${tp}.operator`, t.operator, ['Equal', 'Exists']));
    if (t.operator === 'Exists' && t.value) errs.push(invalid(`${tp}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${tp}.effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    }
  });
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet's extra rules for workload templates. */
export function validateWorkloadTemplate(spec: PodSpecLike | undefined, path: string, kindText: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec?.restartPolicy && spec.restartPolicy !== 'Always') errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, ['Always']));
  if (spec?.activeDeadlineSeconds !== undefined) {
    errs.push({ type: 'Forbidden', field: `${path}.activeDeadlineSeconds`, detail: `activeDeadlineSeconds in ${kindText} is not Supported` });
  }
  return errs;
}
