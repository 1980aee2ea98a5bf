// Who a kubectl invocation acts as: the kubeconfig's context (or --context/--user), its credential, then
// impersonation (--as, --as-group, --as-uid), itself authorized as the apiserver's impersonation filter does.
import type { ApiServer } from '../api/server.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { normalizePath } from '../shell/fs.ts';
import { forbiddenError, resourceAttributes } from './attributes.ts';
import { kubeconfigPath, parseKubeconfig, type Kubeconfig } from './kubeconfig.ts';
import { authService } from './service.ts';
import { allAuthenticated, serviceAccountUser, splitServiceAccountUsername, type UserInfo } from './user.ts';

/** A client-side configuration error, printed verbatim by kubectl (no `error: ` prefix when `raw`). */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly raw = false,
  ) {
    super(message);
  }
}

export interface ClientFlags {
  kubeconfig?: string;
  context?: string;
  user?: string;
  as?: string;
  asGroups?: string[];
  asUid?: string;
  /** --token: a bearer token that replaces the kubeconfig user's token. */
  token?: string;
  /** --username/--password: basic authentication, which the 1.32 apiserver no longer accepts. */
  username?: string;
  password?: string;
}

export interface Identity {
  /** The user requests are made as (after impersonation). */
  user: UserInfo;
  /** The authenticated user, when impersonating. */
  impersonator?: UserInfo;
  /** The context's namespace ('' when it sets none). */
  namespace: string;
  api: ApiServer;
}

/** The kubeconfig a command reads: --kubeconfig or ~/.kube/config. */
export function loadKubeconfig(rt: ClusterRuntime, path?: string): { config: Kubeconfig; path: string } {
  const p = path || kubeconfigPath;
  const text = rt.files.get(normalizePath(p));
  if (text === undefined) {
    if (path) throw new ConfigError(`stat ${path}: no such file or directory`);
    return { config: parseKubeconfig('', p), path: p };
  }
  return { config: parseKubeconfig(text, p), path: p };
}

/**
 * The credential a request carries: clientcmd merges --token/--username/--password over the kubeconfig user's
 * fields, and a client certificate is still presented in the TLS handshake, where the apiserver's x509
 * authenticator (first in its chain) decides. Basic auth finds no authenticator (removed in 1.19).
 */
function credential(user: Kubeconfig['users'][number]['user'] | undefined, flags: ClientFlags): { token?: string; 'client-certificate-data'?: string } {
  if (!flags.token && !flags.username && !flags.password) return user ?? {};
  if (user?.['client-certificate-data']) return { 'client-certificate-data': user['client-certificate-data'] };
  if (flags.token) return { token: flags.token };
  if (flags.username || flags.password) return {};
  return user ?? {};
}

/** Resolve the identity and API a kubectl invocation uses. */
export function resolveIdentity(rt: ClusterRuntime, flags: ClientFlags, warn?: (text: string) => void): Identity {
  const auth = authService(rt);
  const { config } = loadKubeconfig(rt, flags.kubeconfig);
  const contextName = flags.context || config['current-context'];
  const ctx = config.contexts.find((c) => c.name === contextName);
  if (flags.context && !ctx) throw new ConfigError(`Error in configuration: context was not found for specified context: ${flags.context}\n`, true);
  const userName = flags.user || ctx?.context.user || '';
  const entry = config.users.find((u) => u.name === userName);
  if (flags.user && !entry) throw new ConfigError(`auth info "${flags.user}" does not exist`);
  if (!ctx && !flags.user) {
    throw new ConfigError('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n', true);
  }
  const authenticated = entry || flags.token || flags.username ? auth.authenticate(credential(entry?.user, flags)) : undefined;
  if (!authenticated) throw new ConfigError('error: You must be logged in to the server (Unauthorized)\n', true);

  if (!flags.as && ((flags.asGroups?.length ?? 0) > 0 || flags.asUid)) {
    throw new ConfigError(`requesting uid, groups or user-extra for ${userName} without impersonating a user`);
  }
  let user = authenticated;
  let impersonator: UserInfo | undefined;
  if (flags.as) {
    user = impersonate(rt, authenticated, flags.as, flags.asGroups ?? [], flags.asUid ?? '');
    impersonator = authenticated;
  }
  const api = auth.apiFor(user, impersonator, warn);
  return { user, impersonator, namespace: ctx?.context.namespace ?? '', api };
}

/**
 * The impersonation filter (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): the
 * requester needs `impersonate` on users (or serviceaccounts), each group and the uid.
 */
export function impersonate(rt: ClusterRuntime, requester: UserInfo, as: string, groups: string[], uid: string): UserInfo {
  const auth = authService(rt);
  const check = (resource: string, name: string, namespace = '', group = '') => {
    const a = resourceAttributes(requester, 'impersonate', group, resource, namespace, name);
    const d = auth.authorize(a);
    if (!d.allowed) {
      auth.audit.record(a, 403, 'forbid', d.reason);
      throw forbiddenError(a, d.reason);
    }
  };
  const sa = splitServiceAccountUsername(as);
  if (sa) check('serviceaccounts', sa[1], sa[0]);
  else check('users', as);
  for (const g of groups) check('groups', g);
  if (uid) check('uids', uid, '', 'authentication.k8s.io');
  if (sa && groups.length === 0) return { ...serviceAccountUser(sa[0], sa[1]), ...(uid ? { uid } : {}) };
  const all = [...groups];
  // Non-anonymous impersonated users are authenticated.
  if (as !== 'system:anonymous' && !all.includes(allAuthenticated)) all.push(allAuthenticated);
  return { name: as, groups: all, ...(uid ? { uid } : {}) };
}
