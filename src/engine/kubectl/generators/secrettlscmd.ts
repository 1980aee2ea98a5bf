// `kubectl create secret tls` (create_secret_tls.go): flags, step order and messages.
import type { CommandSpec, KubectlContext } from '../command.ts';
import type { ParsedArgs } from '../flags.ts';
import { completeGenerator } from './complete.ts';
import { createHelp } from './help.ts';
import { buildTLSSecret, validateSecretTLSOptions } from './secrettls.ts';
import { generatorFlags, submitGenerated } from './submit.ts';

function createSecretTLS(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create secret tls');
  const o = { name, namespace, cert: args.str('cert'), key: args.str('key'), appendHash: args.bool('append-hash') };
  validateSecretTLSOptions(o);
  submitGenerated(ctx, args, buildTLSSecret(ctx, o), { failPrefix: 'failed to create secret ' });
  return 0;
}

export const secretTLSSubcommand: CommandSpec = {
  name: 'tls',
  short: 'Create a TLS secret',
  help: createHelp['secret tls'],
  flags: [...generatorFlags, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }, { name: 'append-hash', type: 'bool' }],
  run: createSecretTLS,
};
