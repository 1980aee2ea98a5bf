// `kubectl create token SERVICEACCOUNT` (create_token.go): a TokenRequest for the ServiceAccount; prints the
// token. Bound to a pod or secret with --bound-object-kind/--bound-object-name.
import { forbiddenError, resourceAttributes } from '../../auth/attributes.ts';
import { authService } from '../../auth/service.ts';
import { derivedUuid, issueServiceAccountToken, issuer } from '../../auth/tokens.ts';
import { adminUser } from '../../auth/user.ts';
import { parseGoDuration } from '../flags.ts';
import type { CommandSpec } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { exactlyOneName } from './submit.ts';

export const tokenSubcommand: CommandSpec = {
  name: 'token',
  short: 'Request a service account token',
  flags: [
    { name: 'audience', type: 'stringArray' },
    { name: 'duration', type: 'duration', default: '0s' },
    { name: 'bound-object-kind', type: 'string' },
    { name: 'bound-object-name', type: 'string' },
    { name: 'bound-object-uid', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    const name = exactlyOneName(args, 'kubectl create token');
    const ms = parseGoDuration(args.str('duration')) ?? 0;
    if (ms < 0) throw new KubectlError('--duration must be greater than or equal to 0');
    if (ms % 1000 !== 0) throw new KubectlError('--duration must be a whole number of seconds');
    const kind = args.str('bound-object-kind');
    const boundName = args.str('bound-object-name');
    if (!kind && (boundName || args.str('bound-object-uid'))) throw new KubectlError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (kind && kind !== 'Pod' && kind !== 'Secret' && kind !== 'Node') throw new KubectlError(`supported --bound-object-kind values are Node, Pod, Secret`);
    if (kind && !boundName) throw new KubectlError('--bound-object-name is required if --bound-object-kind is provided');
    const ns = ctx.namespace;
    const a = resourceAttributes(ctx.user ?? adminUser, 'create', '', 'serviceaccounts', ns, name, 'token');
    const d = authService(ctx.rt).authorize(a);
    if (!d.allowed) throw new KubectlError(`failed to create token: ${forbiddenError(a).message}`);
    const sa = ctx.rt.store.get('serviceaccounts', ns, name);
    if (!sa) throw new KubectlError(`failed to create token: serviceaccounts "${name}" not found`);
    const seconds = ms === 0 ? 3600 : ms / 1000;
    if (seconds < 600) {
      throw new KubectlError(`failed to create token: TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
    }
    let pod: { name: string; uid: string } | undefined;
    if (kind === 'Pod') {
      const p = ctx.rt.store.get('pods', ns, boundName);
      if (!p) throw new KubectlError(`failed to create token: pods "${boundName}" not found`);
      pod = { name: boundName, uid: p.metadata.uid ?? '' };
    }
    const nowSec = Math.floor(ctx.rt.clock.nowUnixMs() / 1000);
    const token = issueServiceAccountToken({
      namespace: ns,
      name,
      uid: sa.metadata.uid ?? '',
      nowSec,
      expirationSeconds: seconds,
      audiences: args.has('audience') ? args.arr('audience') : [issuer],
      jti: derivedUuid(`${sa.metadata.uid}|${nowSec}|${ctx.rt.store.currentRevision()}`),
      pod,
    });
    ctx.out(token + '\n');
    return 0;
  },
};
