// kubectl's side of identity: the global flags that choose a context, user and impersonation.
import type { CommandSpec, KubectlContext } from '../kubectl/command.ts';
import { forbiddenError, resourceAttributes } from './attributes.ts';
import { authService } from './service.ts';
import type { ParsedArgs } from '../kubectl/flags.ts';
import { KubectlError } from '../kubectl/errors.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { ConfigError, resolveIdentity, type Identity } from './identity.ts';

/** The global client flags; a command's own flag of the same name (`create rolebinding --user`) shadows one. */
export function clientFlags(args: ParsedArgs, cmd?: CommandSpec) {
  const own = (name: string) => !!cmd?.flags?.some((f) => f.name === name);
  return {
    kubeconfig: args.str('kubeconfig'),
    context: args.str('context'),
    user: own('user') ? '' : args.str('user'),
    as: args.str('as'),
    asGroups: args.has('as-group') ? args.arr('as-group') : [],
    asUid: args.str('as-uid'),
    token: args.str('token'),
    username: own('username') ? '' : args.str('username'),
    password: args.str('password'),
  };
}

/** The identity a kubectl command runs as; configuration problems print as kubectl prints them. */
export function kubectlIdentity(rt: ClusterRuntime, args: ParsedArgs, cmd?: CommandSpec, io?: { err(text: string): void }): Identity {
  try {
    return resolveIdentity(rt, clientFlags(args, cmd), (t) => io?.err(`Warning: ${t}\n`));
  } catch (e) {
    if (e instanceof ConfigError) throw new KubectlError(e.message, 1, e.raw);
    throw e;
  }
}

/**
 * Authorize (and audit) a request a command makes outside the ApiServer, such as `create pods/exec` or
 * `get pods/log` that go to the kubelet through the API server. Throws the apiserver's Forbidden error.
 */
export function authorizeRequest(ctx: KubectlContext, verb: string, resource: string, namespace: string, name: string, subresource = ''): void {
  if (!ctx.user) return;
  const auth = authService(ctx.rt);
  const group = ctx.rt.registry.byPlural(resource)?.group ?? '';
  const a = resourceAttributes(ctx.user, verb, group, resource, namespace, name, subresource);
  const d = auth.authorize(a);
  auth.audit.record(a, d.allowed ? 200 : 403, d.allowed ? 'allow' : 'forbid', d.reason);
  if (!d.allowed) throw forbiddenError(a, d.reason);
}
