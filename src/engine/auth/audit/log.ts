// The audit log: one audit.k8s.io/v1 Event per request at stage ResponseComplete, at the level the policy
// gives it. Empty (and free) until a policy is set.
import type { KubeObject } from '../../api/types.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import { Rng } from '../../util/rng.ts';
import type { Attributes } from '../attributes.ts';
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

/** Entries kept; older ones are dropped (the apiserver's log backend rotates with --audit-log-maxsize). */
const maxEntries = 5000;

export class AuditLog {
  private policy: Policy | undefined;
  readonly entries: AuditEvent[] = [];
  /** Audit IDs draw from their own stream so auditing never shifts the cluster's other random choices. */
  private readonly rng = new Rng(0x61756469);
  /** How the request's impersonator is recorded; set by the caller around a call. */
  impersonator: { username: string; groups: string[] } | undefined;

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

  record(a: Attributes, code: number, decision: 'allow' | 'forbid', reason: string, request?: KubeObject, response?: KubeObject, message?: string): void {
    if (!this.policy) return;
    const d = evaluatePolicy(this.policy, a);
    if (d.level === 'None' || d.omitStages.includes('ResponseComplete')) return;
    const now = this.clock.timestamp();
    const group = a.apiGroup;
    const ev: AuditEvent = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: d.level,
      auditID: this.rng.uuid(),
      stage: 'ResponseComplete',
      requestURI: requestURI(a),
      verb: a.verb,
      user: { username: a.user.name, ...(a.user.uid ? { uid: a.user.uid } : {}), groups: [...a.user.groups] },
      sourceIPs: ['172.18.0.1'],
      userAgent: 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9',
      responseStatus: code >= 400 ? { metadata: {}, status: 'Failure', reason: code === 403 ? 'Forbidden' : '', code, ...(message ? { message } : {}) } : { metadata: {}, code },
      requestReceivedTimestamp: now,
      stageTimestamp: now,
      annotations: { 'authorization.k8s.io/decision': decision, 'authorization.k8s.io/reason': reason },
    };
    if (this.impersonator) {
      ev.impersonatedUser = { username: a.user.name, groups: [...a.user.groups] };
      ev.user = { username: this.impersonator.username, groups: [...this.impersonator.groups] };
    }
    if (a.resourceRequest) {
      ev.objectRef = {
        resource: a.resource,
        ...(a.namespace ? { namespace: a.namespace } : {}),
        ...(a.name ? { name: a.name } : {}),
        ...(group ? { apiGroup: group } : {}),
        apiVersion: 'v1',
        ...(a.subresource ? { subresource: a.subresource } : {}),
      };
    }
    if ((d.level === 'Request' || d.level === 'RequestResponse') && request) ev.requestObject = request;
    if (d.level === 'RequestResponse' && response) ev.responseObject = response;
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
