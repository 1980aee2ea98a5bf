/**
 * Defaulting shared by Pods and pod templates: SetDefaults_PodSpec, SetDefaults_Container,
 * SetDefaults_ContainerPort, SetDefaults_Probe, SetDefaults_HTTPGetAction, volume defaults.
 */
type Obj = Record<string, unknown>;
type Container = Obj & { image?: string; ports?: Obj[]; resources?: Obj; env?: Obj[] };

/** The tag parsers.ParseImageName would give: `latest` when neither tag nor digest is present. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) return ref.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultProbe(p: Obj | undefined): void {
  if (!p || typeof p !== 'object') return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  const http = p.httpGet as Obj | undefined;
  if (http && typeof http === 'object') {
    http.path ??= '/';
    http.scheme ??= 'HTTP';
  }
}

function defaultLifecycleHandler(h: Obj | undefined): void {
  const http = h?.httpGet as Obj | undefined;
  if (http && typeof http === 'object') {
    http.path ??= '/';
    http.scheme ??= 'HTTP';
  }
}

export function defaultContainer(c: Container): void {
  if (!c || typeof c !== 'object') return;
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) if (p && typeof p === 'object' && !p.protocol) p.protocol = 'TCP';
  defaultProbe(c.livenessProbe as Obj | undefined);
  defaultProbe(c.readinessProbe as Obj | undefined);
  defaultProbe(c.startupProbe as Obj | undefined);
  const lc = c.lifecycle as Obj | undefined;
  defaultLifecycleHandler(lc?.postStart as Obj | undefined);
  defaultLifecycleHandler(lc?.preStop as Obj | undefined);
  for (const e of c.env ?? []) {
    const fr = (e?.valueFrom as Obj | undefined)?.fieldRef as Obj | undefined;
    if (fr && typeof fr === 'object') fr.apiVersion ??= 'v1';
  }
}

function defaultVolume(v: Obj): void {
  if (!v || typeof v !== 'object') return;
  for (const k of ['secret', 'configMap', 'projected', 'downwardAPI'] as const) {
    const src = v[k] as Obj | undefined;
    if (src && typeof src === 'object') src.defaultMode ??= 420;
  }
  const hp = v.hostPath as Obj | undefined;
  if (hp && typeof hp === 'object') hp.type ??= '';
  const ed = v.emptyDir as Obj | undefined;
  if (ed === null) v.emptyDir = {};
}

/** SetDefaults_PodSpec and the per-container defaults beneath it. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  for (const c of (spec.initContainers as Container[] | undefined) ?? []) defaultContainer(c);
  for (const c of (spec.containers as Container[] | undefined) ?? []) defaultContainer(c);
  for (const v of (spec.volumes as Obj[] | undefined) ?? []) defaultVolume(v);
}

/** SetDefaults_Pod: requests default to limits; enableServiceLinks. (Pods only, not templates.) */
export function defaultPodOnly(spec: Obj | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  for (const c of [...((spec.initContainers as Container[] | undefined) ?? []), ...((spec.containers as Container[] | undefined) ?? [])]) {
    const res = c?.resources as { limits?: Record<string, string>; requests?: Record<string, string> } | undefined;
    if (res?.limits && Object.keys(res.limits).length > 0) {
      res.requests ??= {};
      for (const [k, v] of Object.entries(res.limits)) if (!(k in res.requests)) res.requests[k] = v;
    }
  }
  spec.enableServiceLinks ??= true;
}

/** A pod template: metadata carries `creationTimestamp: null` as the API serialises it; the spec is defaulted. */
export function defaultPodTemplate(template: Obj | undefined): void {
  if (!template || typeof template !== 'object') return;
  const meta = (template.metadata ??= {}) as Obj;
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(template.spec as Obj | undefined);
}
