// The auth service every kubectl call goes through: who the caller is (credentials from the kubeconfig,
// impersonation), what it may do (RBAC), and the audit log. Published on the runtime as 'auth'.
import type { ApiServer } from '../api/server.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { Attributes } from './attributes.ts';
import { AuditLog } from './audit/log.ts';
import { ComponentConfig } from './components.ts';
import { EncryptionState } from './etcd/encryption.ts';
import { nodeIPForSlot } from '../nodes/allocator.ts';
import { storageKey } from './etcd/keys.ts';
import { authorizedApi } from './authorizedapi.ts';
import { RbacAuthorizer } from './rbac/authorizer.ts';
import { authorizeNode } from './node.ts';
import { bootstrapClusterRoles } from './bootstrappolicy.ts';
import { confirmNoEscalation } from './rbac/escalation.ts';
import type { PolicyRule, RoleLike } from './rbac/types.ts';
import { verifyServiceAccountToken } from './tokens.ts';
import { adminUser, allAuthenticated, type UserInfo } from './user.ts';
import { clientCredential } from './kubeconfig.ts';

export class AuthService {
  readonly rbac: RbacAuthorizer;
  readonly audit: AuditLog;
  /** The components' security flags (lab config show|set). */
  readonly components = new ComponentConfig(nodeIPForSlot(0));
  /** Encryption at rest of what the API server writes to etcd. */
  readonly encryption: EncryptionState;
  /** Client certificate data (base64, as in the kubeconfig) → the identity its subject names. */
  private readonly certs = new Map<string, UserInfo>();
  /** Static bearer tokens (the apiserver's --token-auth-file) → identity. */
  private readonly tokens = new Map<string, UserInfo>();

  constructor(private readonly rt: ClusterRuntime) {
    this.rbac = new RbacAuthorizer(rt.store);
    this.audit = new AuditLog(rt.clock);
    this.encryption = new EncryptionState(rt.store, (plural, ns, name) => {
      const t = rt.registry.byPlural(plural);
      return t ? storageKey(t, ns, name) : `/registry/${plural}/${ns ?? ''}/${name}`;
    });
  }

  /** Issue a client certificate for CN=name, O=groups (what `lab user add` and kind's admin.conf hold). */
  issueCertificate(name: string, groups: readonly string[]): { cert: string; key: string } {
    const cred = clientCredential(name, groups);
    this.certs.set(cred.cert, { name, groups: [...groups, allAuthenticated] });
    return cred;
  }

  addToken(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  /** The identity a kubeconfig user entry authenticates as, or undefined (401 Unauthorized). */
  authenticate(cred: { token?: string; 'client-certificate-data'?: string }): UserInfo | undefined {
    if (cred.token) return this.tokens.get(cred.token) ?? verifyServiceAccountToken(this.rt, cred.token);
    if (cred['client-certificate-data']) return this.certs.get(cred['client-certificate-data']);
    return undefined;
  }

  /** bootstrappolicy.NodeRules(): the rules the Node authorizer grants kubelets (the system:node role's). */
  private nodeRules(): readonly PolicyRule[] {
    return this.nodeRulesCache ??= (bootstrapClusterRoles().find((r) => r.metadata.name === 'system:node') as unknown as RoleLike).rules ?? [];
  }
  private nodeRulesCache: readonly PolicyRule[] | undefined;

  /** The rules of the role a binding refers to (none when it does not exist). */
  private roleRules(ref: { kind: string; name: string }, ns: string): readonly PolicyRule[] {
    const o = ref.kind === 'Role' ? this.rt.store.get('roles', ns, ref.name) : this.rt.store.get('clusterroles', undefined, ref.name);
    return (o as unknown as RoleLike | undefined)?.rules ?? [];
  }

  /** The API server's authorizer chain (--authorization-mode): Node and RBAC by default; AlwaysAllow/AlwaysDeny as set. */
  authorize(a: Attributes): { allowed: boolean; reason: string } {
    for (const mode of this.components.get('apiserver', 'authorization-mode').split(',')) {
      if (mode === 'AlwaysAllow') return { allowed: true, reason: '' };
      if (mode === 'AlwaysDeny') return { allowed: false, reason: '' };
      if (mode === 'Node') {
        const d = authorizeNode(this.rt.store, this.nodeRules(), a);
        if (d?.allowed) return d;
        if (d && d.reason) {
          // The Node authorizer's reason is kept for the error when RBAC has no answer either.
          const r = this.rbac.authorize(a);
          return r.allowed ? r : d;
        }
      }
      if (mode === 'RBAC') {
        const d = this.rbac.authorize(a);
        if (d.allowed) return d;
      }
    }
    return { allowed: false, reason: '' };
  }

  /**
   * The API as `user` sees it: each call authorized and audited, admission warnings sent to `warn`. A super-user
   * with auditing off skips both (one cheap check per kubectl command, nothing per call).
   */
  apiFor(user: UserInfo, impersonator?: UserInfo, warn: (text: string) => void = () => {}): ApiServer {
    const free = !this.audit.enabled() && this.rbac.isSuperUser(user) && this.components.get('apiserver', 'authorization-mode').split(',').every((m) => m === 'Node' || m === 'RBAC');
    return authorizedApi(this.rt.api, user, {
      authorize: free ? undefined : (a) => this.authorize(a),
      record: (a, code, decision, reason, request, response, annotations) => this.audit.record(a, code, decision, reason, request, response, impersonator, annotations),
      warn,
      admit: (a, body) => {
        if (body && a.apiGroup === 'rbac.authorization.k8s.io' && (a.verb === 'create' || a.verb === 'update') && !a.subresource) {
          confirmNoEscalation(this.rbac, user, body, (ref, ns) => this.roleRules(ref, ns));
        }
      },
      // An update rewrites the value even when nothing changed if it was read through a provider other than the
      // first (the transformer reports it stale): this is how `kubectl replace` re-encrypts existing objects.
      served: (verb, resource, namespace, name) => {
        if (verb !== 'update' && verb !== 'patch') return;
        const t = this.rt.registry.byPlural(resource);
        if (t) this.encryption.touch(resource, storageKey(t, namespace || undefined, name), t.group);
      },
    });
  }
}

export function authService(rt: ClusterRuntime): AuthService {
  let s = rt.service<AuthService>('auth');
  if (!s) {
    s = new AuthService(rt);
    rt.services.set('auth', s);
  }
  return s;
}

export { adminUser };
