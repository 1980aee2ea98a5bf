import { forbidden } from '../api/errors.ts';
import { StatusError } from '../api/types.ts';
import type { UserInfo } from './user.ts';

/** What an authorizer decides on, as authorizer.Attributes. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  /** True for requests on API resources; false for non-resource URLs such as /healthz. */
  resourceRequest: boolean;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** The URL path, for non-resource requests. */
  path: string;
}

export function resourceAttributes(
  user: UserInfo,
  verb: string,
  apiGroup: string,
  resource: string,
  namespace = '',
  name = '',
  subresource = '',
): Attributes {
  return { user, verb, resourceRequest: true, apiGroup, resource, subresource, namespace, name, path: '' };
}

export function nonResourceAttributes(user: UserInfo, verb: string, path: string): Attributes {
  return { user, verb, resourceRequest: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path };
}

/** responsewriters.forbiddenMessage. */
export function forbiddenMessage(a: Attributes): string {
  const user = JSON.stringify(a.user.name);
  if (!a.resourceRequest) return `User ${user} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${user} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** responsewriters.ForbiddenStatusError: `pods "x" is forbidden: User ... cannot ...[: reason]`. */
export function forbiddenError(a: Attributes, reason = ''): StatusError {
  const why = forbiddenMessage(a) + (reason ? `: ${reason}` : '');
  if (!a.resourceRequest) return new StatusError(403, 'Forbidden', `forbidden: ${why}`);
  const gr = { plural: a.resource, group: a.apiGroup, kind: a.resource };
  return forbidden(gr, a.name, why);
}
