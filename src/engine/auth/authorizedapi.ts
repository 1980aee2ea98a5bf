// The API as one user sees it: every call is authorized (and audited) before the API server serves it, as
// the apiserver's WithAuthorization and WithAudit filters do for each request.
import type { ApiServer, RequestContext, WriteOptions } from '../api/server.ts';
import { StatusError, type KubeObject } from '../api/types.ts';
import { resourceAttributes, forbiddenError, type Attributes } from './attributes.ts';
import type { UserInfo } from './user.ts';

/** What the wrapper needs from the auth service. */
export interface RequestGate {
  /** Undefined: everything is allowed and nothing is recorded (a super-user with auditing off). */
  authorize?(a: Attributes): { allowed: boolean; reason: string };
  /** Record one request (the audit log); `code` is the HTTP status sent. */
  record(a: Attributes, code: number, decision: 'allow' | 'forbid', reason: string, request?: KubeObject, response?: KubeObject, annotations?: Record<string, string>): void;
  /** Admission warnings for the client. */
  warn(text: string): void;
  /** Checks after authorization, before the request is served (RBAC escalation prevention). Throws to refuse. */
  admit?(attrs: Attributes, body: KubeObject | undefined): void;
  /** A request was served successfully. */
  served?(verb: string, resource: string, namespace: string, name: string): void;
}

type Call = { verb: string; resource: string; namespace: string; name: string; subresource: string; body?: KubeObject };

/** The namespace a read addresses: none for cluster-scoped resources. */
function ns(rt: { namespaced: boolean }, n: unknown): string {
  return rt.namespaced ? String(n ?? '') : '';
}

/** Map an ApiServer method call to the request it stands for, or undefined for helpers that are not requests. */
function requestOf(api: ApiServer, method: string, args: unknown[]): Call | undefined {
  switch (method) {
    case 'get':
    case 'tryGet': {
      const rt = api.resource(String(args[0]));
      return { verb: 'get', resource: rt.plural, namespace: ns(rt, args[1]), name: String(args[2] ?? ''), subresource: '' };
    }
    case 'list': {
      const rt = api.resource(String(args[0]));
      return { verb: 'list', resource: rt.plural, namespace: ns(rt, args[1]), name: '', subresource: '' };
    }
    case 'create':
    case 'update':
    case 'updateStatus': {
      const obj = args[0] as KubeObject;
      const rt = api.typeOf(obj);
      const opts = (args[1] ?? {}) as WriteOptions;
      const namespace = rt.namespaced ? obj.metadata?.namespace || 'default' : '';
      const status = method === 'updateStatus' || opts.subresource === 'status';
      return {
        verb: method === 'create' ? 'create' : 'update',
        resource: rt.plural,
        namespace,
        name: method === 'create' ? '' : obj.metadata?.name ?? '',
        subresource: status ? 'status' : '',
        body: obj,
      };
    }
    case 'modify': {
      const rt = api.resource(String(args[0]));
      const opts = (args[4] ?? {}) as WriteOptions;
      return { verb: 'patch', resource: rt.plural, namespace: rt.namespaced ? String(args[1] || 'default') : '', name: String(args[2]), subresource: opts.subresource ?? '' };
    }
    case 'delete': {
      const rt = api.resource(String(args[0]));
      return { verb: 'delete', resource: rt.plural, namespace: rt.namespaced ? String(args[1] || 'default') : '', name: String(args[2]), subresource: '' };
    }
    case 'evict':
      return { verb: 'create', resource: 'pods', namespace: String(args[0]), name: String(args[1]), subresource: 'eviction' };
    case 'bind':
      return { verb: 'create', resource: 'pods', namespace: String(args[0]), name: String(args[1]), subresource: 'binding' };
    case 'finalizeNamespace':
      return { verb: 'update', resource: 'namespaces', namespace: '', name: String(args[0]), subresource: 'finalize' };
    default:
      return undefined;
  }
}

/** The HTTP status a failed call answered with. */
function codeOf(e: unknown): number {
  return e instanceof StatusError ? e.code : 500;
}

/** The request context admission sees during one call: warnings go to the gate, annotations to the audit record. */
class CallContext implements RequestContext {
  annotations: Record<string, string> | undefined;
  constructor(
    readonly user: UserInfo,
    private readonly gate: RequestGate,
  ) {}
  warn(text: string): void {
    this.gate.warn(text);
  }
  annotate(key: string, value: string): void {
    (this.annotations ??= {})[key] = value;
  }
}

/** Serve one call with `request` as the server's request context (restored afterwards: calls nest). */
function serve(target: ApiServer, method: (...args: unknown[]) => unknown, args: unknown[], request: CallContext, gate: RequestGate, call: Call): unknown {
  const outer = target.request;
  target.request = request;
  try {
    const result = method.apply(target, args);
    gate.served?.(call.verb, call.resource, call.namespace, call.name);
    return result;
  } finally {
    target.request = outer;
  }
}

/**
 * An ApiServer whose requests are authorized for `user` and recorded by `gate`. Methods that are not requests
 * (resource lookups, typeOf) pass through. A denied request throws the apiserver's Forbidden error and
 * changes nothing.
 */
export function authorizedApi(api: ApiServer, user: UserInfo, gate: RequestGate): ApiServer {
  const wrapped = new Map<string, (...args: unknown[]) => unknown>();
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        const method = value as (...args: unknown[]) => unknown;
        // Runs for every call a controller or kubectl makes: no closures or objects beyond the request's own.
        fn = (...args: unknown[]) => {
          let call: Call | undefined;
          try {
            call = requestOf(target, prop, args);
          } catch {
            call = undefined; // an unknown resource: let the server report it as it would
          }
          if (!call) return method.apply(target, args);
          const request = new CallContext(user, gate);
          if (!gate.authorize) return serve(target, method, args, request, gate, call);
          const group = target.registry.byPlural(call.resource)?.group ?? '';
          const attrs = resourceAttributes(user, call.verb, group, call.resource, call.namespace, call.name, call.subresource);
          const d = gate.authorize(attrs);
          if (!d.allowed) {
            gate.record(attrs, 403, 'forbid', d.reason, call.body);
            throw forbiddenError(attrs, d.reason);
          }
          try {
            gate.admit?.(attrs, call.body);
          } catch (e) {
            gate.record(attrs, codeOf(e), 'allow', d.reason, call.body);
            throw e;
          }
          try {
            const result = serve(target, method, args, request, gate, call);
            gate.record(attrs, call.verb === 'create' ? 201 : 200, 'allow', d.reason, call.body, result as KubeObject | undefined, request.annotations);
            return result;
          } catch (e) {
            gate.record(attrs, codeOf(e), 'allow', d.reason, call.body, undefined, request.annotations);
            throw e;
          }
        };
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
}
