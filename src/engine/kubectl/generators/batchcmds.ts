// `kubectl create job` and `kubectl create cronjob` (staging/src/k8s.io/kubectl/pkg/cmd/create).
import type { CommandSpec, KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { buildCronJob, buildJob, buildJobFromCronJob } from './batch.ts';
import { enforcedNamespace } from './meta.ts';
import { exactlyOneName, generatorFlags, submitGenerated } from './submit.ts';

/** Resolve `--from=cronjob/NAME` as the resource builder does; only CronJobs are supported. */
function fromCronJob(ctx: KubectlContext, from: string) {
  const slash = from.indexOf('/');
  if (slash <= 0 || slash === from.length - 1) {
    throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
  }
  const type = from.slice(0, slash);
  const name = from.slice(slash + 1);
  const rt = ctx.rt.registry.lookup(type);
  if (!rt) throw new KubectlError(`the server doesn't have a resource type "${type}"`);
  const obj = ctx.api.get(rt.plural, ctx.namespace, name);
  if (obj.kind !== 'CronJob') throw new KubectlError(`unknown object type *v1.${obj.kind}`);
  return obj;
}

function createJob(ctx: KubectlContext, args: ParsedArgs): number {
  const name = exactlyOneName(args, 'kubectl create job');
  const image = args.str('image');
  const from = args.str('from');
  if ((!image && !from) || (image && from)) throw new KubectlError('either --image or --from must be specified');
  if (args.afterDash.length > 0 && from) throw new KubectlError('cannot specify --from and command');
  const ns = enforcedNamespace(ctx.namespace, ctx.namespaceExplicit);
  const obj = image ? buildJob(name, ns, image, args.afterDash) : buildJobFromCronJob(name, ns, fromCronJob(ctx, from));
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create job: ' });
  return 0;
}

function createCronJob(ctx: KubectlContext, args: ParsedArgs): number {
  const missing = ['image', 'schedule'].filter((f) => !args.has(f));
  if (missing.length > 0) throw new KubectlError(`required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
  const name = exactlyOneName(args, 'kubectl create cronjob');
  const ns = enforcedNamespace(ctx.namespace, ctx.namespaceExplicit);
  const obj = buildCronJob(name, ns, args.str('image'), args.str('schedule'), args.str('restart') || 'OnFailure', args.afterDash);
  submitGenerated(ctx, args, obj, { failPrefix: 'failed to create cronjob: ' });
  return 0;
}

export const batchSubcommands: CommandSpec[] = [
  {
    name: 'job',
    short: 'Create a job with the specified name',
    flags: [...generatorFlags, { name: 'image', type: 'string' }, { name: 'from', type: 'string' }],
    run: createJob,
  },
  {
    name: 'cronjob',
    aliases: ['cj'],
    short: 'Create a cron job with the specified name',
    flags: [...generatorFlags, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
    run: createCronJob,
  },
];
