/** An authenticated identity, as user.Info: a name, groups, an optional uid and extra attributes. */
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/** The groups every authenticated request carries (the authenticator adds it). */
export const allAuthenticated = 'system:authenticated';
/** The privileged group that bypasses authorization (authorizerfactory's privileged-group authorizer). */
export const systemMasters = 'system:masters';

/**
 * The identity of the admin kubeconfig kind 1.32 writes: kubeadm's admin.conf client certificate has
 * CN=kubernetes-admin, O=kubeadm:cluster-admins (since 1.29 bound to cluster-admin by a ClusterRoleBinding,
 * instead of system:masters which moved to super-admin.conf).
 */
export const adminUser: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', allAuthenticated] };

/** serviceaccount.MakeUsername. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The user a ServiceAccount token authenticates as (serviceaccount.UserInfo). */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    name: serviceAccountUsername(namespace, name),
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, allAuthenticated],
  };
}

/** serviceaccount.SplitUsername: [namespace, name] of a ServiceAccount username, or undefined. */
export function splitServiceAccountUsername(username: string): [string, string] | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

/** A stable key for caches keyed by identity. */
export function userKey(u: UserInfo): string {
  return `${u.name}\u0000${u.groups.join('\u0000')}`;
}
