// `kubectl create ingress` (create_ingress.go): flags, the Complete/Validate/Run order and messages.
import type { CommandSpec, KubectlContext } from '../command.ts';
import type { ParsedArgs } from '../flags.ts';
import { createHelp } from './help.ts';
import { buildIngress, validateIngressOptions } from './ingress.ts';
import { withPanics } from './goish.ts';
import { completeGenerator } from './complete.ts';
import { generatorFlags, submitGenerated } from './submit.ts';

function createIngress(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create ingress');
  const o = {
    name,
    namespace,
    ingressClass: args.str('class'),
    rules: args.arr('rule'),
    annotations: args.arr('annotation'),
    defaultBackend: args.str('default-backend'),
  };
  validateIngressOptions(o);
  return withPanics(ctx, () => {
    submitGenerated(ctx, args, buildIngress(o), { failPrefix: 'failed to create ingress: ' });
    return 0;
  });
}

export const ingressSubcommand: CommandSpec = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  help: createHelp['ingress'],
  flags: [
    ...generatorFlags,
    { name: 'class', type: 'string' },
    { name: 'rule', type: 'stringArray' },
    { name: 'default-backend', type: 'string' },
    { name: 'annotation', type: 'stringArray' },
  ],
  run: createIngress,
};
