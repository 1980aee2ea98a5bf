// The audit log: one audit.k8s.io/v1 Event per request at stage ResponseComplete, at the level the policy
// gives it. Empty (and free) until a policy is set.
import type { KubeObject } from '../../api/types.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import { Rng } from '../../util/rng.ts';
import type { Attributes } from '../attributes.ts';
import type { UserInfo } from '../user.ts';
import { evaluatePolicy, type Policy } from './policy.ts';

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: string;
  auditID: string;
  stage: string;
  requestURI: string;
  verb: string;
  user: { username: string; uid?: string; groups: string[] };
  impersonatedUser?: { username: string; groups: string[] };
  sourceIPs: string[];
  userAgent: string;
  objectRef?: { resource: string; namespace?: string; name?: string; apiGroup?: string; apiVersion: string; subresource?: string };
  responseStatus: { metadata: Record<string, never>; code: number; status?: string; reason?: string; message?: string };
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

const statusReason: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 409: 'AlreadyExists', 422: 'Invalid' };

/** Entries kept; older ones are dropped (the apiserver's log backend rotates with --audit-log-maxsize). */
const maxEntries = 5000;

export class AuditLog {
  private policy: Policy | undefined;
  readonly entries: AuditEvent[] = [];
  /** Audit IDs draw from their own stream so auditing never shifts the cluster's other random choices. */
  private readonly rng = new Rng(0x61756469);
  constructor(private readonly clock: VirtualClock) {}

  enabled(): boolean {
    return !!this.policy;
  }

  setPolicy(p: Policy | undefined): void {
    this.policy = p;
  }

  getPolicy(): Policy | undefined {
    return this.policy;
  }

  record(a: Attributes, code: number, decision: 'allow' | 'forbid', reason: string, request?: KubeObject, response?: KubeObject, impersonator?: UserInfo, annotations: Record<string, string> = {}): void {
    if (!this.policy) return;
    const d = evaluatePolicy(this.policy, a);
    if (d.level === 'None' || d.omitStages.includes('ResponseComplete')) return;
    const now = this.clock.microTimestamp();
    const group = a.apiGroup;
    const user = impersonator ?? a.user;
    const ev: AuditEvent = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: d.level,
      auditID: this.rng.uuid(),
      stage: 'ResponseComplete',
      requestURI: requestURI(a),
      verb: a.verb,
      user: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups] },
      ...(impersonator ? { impersonatedUser: { username: a.user.name, groups: [...a.user.groups] } } : {}),
      sourceIPs: ['172.18.0.1'],
      userAgent: 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd',
      ...(a.resourceRequest
        ? {
            objectRef: {
              resource: a.resource,
              ...(a.namespace ? { namespace: a.namespace } : {}),
              ...(a.name ? { name: a.name } : {}),
              ...(group ? { apiGroup: group } : {}),
              apiVersion: 'v1',
              ...(a.subresource ? { subresource: a.subresource } : {}),
            },
          }
        : {}),
      responseStatus: code >= 400 ? { metadata: {}, status: 'Failure', reason: statusReason[code] ?? '', code } : { metadata: {}, code },
      ...((d.level === 'Request' || d.level === 'RequestResponse') && request ? { requestObject: request } : {}),
      ...(d.level === 'RequestResponse' && response ? { responseObject: response } : {}),
      requestReceivedTimestamp: now,
      stageTimestamp: now,
      annotations: { 'authorization.k8s.io/decision': decision, 'authorization.k8s.io/reason': reason, ...annotations },
    };
    this.entries.push(ev);
    if (this.entries.length > maxEntries) this.entries.shift();
  }
}

/** The REST path a request would use. */
export function requestURI(a: Attributes): string {
  if (!a.resourceRequest) return a.path;
  let p = a.apiGroup ? `/apis/${a.apiGroup}/v1` : '/api/v1';
  if (a.namespace) p += `/namespaces/${a.namespace}`;
  p += `/${a.resource}`;
  if (a.name) p += `/${a.name}`;
  if (a.subresource) p += `/${a.subresource}`;
  return p;
}
