// `kubectl create quota`, `create priorityclass` and `create poddisruptionbudget`
// (create_quota.go, create_priorityclass.go, create_pdb.go): flags, step order and messages.
import type { CommandSpec, KubectlContext } from '../command.ts';
import type { ParsedArgs } from '../flags.ts';
import { completeGenerator } from './complete.ts';
import { parseInt32Flag } from './goish.ts';
import { createHelp } from './help.ts';
import { buildPDB, buildPriorityClass, buildQuota, validatePDBOptions } from './policy.ts';
import { generatorFlags, submitGenerated } from './submit.ts';

function createQuota(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create quota');
  const obj = buildQuota(name, namespace, args.str('hard'), args.str('scopes'));
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create quota: ' });
  return 0;
}

function createPriorityClass(ctx: KubectlContext, args: ParsedArgs): number {
  // --value is an int32 flag: pflag rejects a bad value before the command runs.
  const value = args.has('value') ? parseInt32Flag('--value', args.str('value')) : 0;
  const { name } = completeGenerator(ctx, args, 'kubectl create priorityclass');
  const obj = buildPriorityClass({
    name,
    value,
    globalDefault: args.bool('global-default'),
    description: args.str('description'),
    preemptionPolicy: args.str('preemption-policy'),
  });
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create priorityclass: ' });
  return 0;
}

function createPDB(ctx: KubectlContext, args: ParsedArgs): number {
  const { name, namespace } = completeGenerator(ctx, args, 'kubectl create poddisruptionbudget');
  const o = { name, namespace, selector: args.str('selector'), minAvailable: args.str('min-available'), maxUnavailable: args.str('max-unavailable') };
  validatePDBOptions(o);
  submitGenerated(ctx, args, buildPDB(o), { failPrefix: 'failed to create poddisruptionbudgets: ' });
  return 0;
}

export const policySubcommands: CommandSpec[] = [
  {
    name: 'quota',
    aliases: ['resourcequota'],
    short: 'Create a quota with the specified name',
    help: createHelp['quota'],
    flags: [...generatorFlags, { name: 'hard', type: 'string' }, { name: 'scopes', type: 'string' }],
    run: createQuota,
  },
  {
    name: 'priorityclass',
    aliases: ['pc'],
    short: 'Create a priority class with the specified name',
    help: createHelp['priorityclass'],
    flags: [
      ...generatorFlags,
      { name: 'value', type: 'string', default: '0' },
      { name: 'global-default', type: 'bool' },
      { name: 'description', type: 'string' },
      { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' },
    ],
    run: createPriorityClass,
  },
  {
    name: 'poddisruptionbudget',
    aliases: ['pdb'],
    short: 'Create a pod disruption budget with the specified name',
    help: createHelp['poddisruptionbudget'],
    flags: [...generatorFlags, { name: 'min-available', type: 'string' }, { name: 'max-unavailable', type: 'string' }, { name: 'selector', type: 'string' }],
    run: createPDB,
  },
];
