import yaml from 'js-yaml';
import { KubectlError } from '../../kubectl/errors.ts';
import { toYaml } from '../../kubectl/output/yaml.ts';
import { ConfigError, SCHEDULER_SERVICE, type SchedulerConfiguration, type SchedulerService } from '../../scheduler/api.ts';
import { registerLabCommand } from '../command.ts';

const HELP =
  "Show or change kube-scheduler's configuration (kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration).\n\n" +
  'Without -f, print the effective configuration as YAML: profiles (schedulerName), the plugins enabled at\n' +
  'each extension point with their score weights, plugin arguments, percentageOfNodesToScore. With -f FILE\n' +
  '(or - for stdin), validate a configuration as kube-scheduler does at start-up and run it; an invalid one\n' +
  'is rejected with kube-scheduler\'s messages and the running scheduler is unchanged. Pods name a profile\n' +
  'in spec.schedulerName; pods naming no profile stay Pending.\n\n' +
  'Examples:\n  lab scheduler config\n  lab scheduler config -f sched.yaml\n\n' +
  "Options:\n    -f, --filename='': KubeSchedulerConfiguration file to run ('-' for stdin).\n\n" +
  'Usage:\n  lab scheduler config [-f FILE] [options]\n';

/** `lab scheduler config [-f FILE]`: the scheduler's effective configuration, or run a new one. */
registerLabCommand({
  name: 'scheduler',
  short: "Show or change the scheduler's KubeSchedulerConfiguration (lab scheduler config [-f FILE])",
  help: HELP,
  flags: [{ name: 'filename', short: 'f', type: 'string' }],
  run(ctx, args) {
    const [sub, ...rest] = args.positional;
    if (sub !== 'config' || rest.length > 0) throw new KubectlError(sub ? `unknown scheduler subcommand "${sub}"` : 'a subcommand is required: lab scheduler config [-f FILE]');
    const svc = ctx.rt.service<SchedulerService>(SCHEDULER_SERVICE);
    if (!svc) throw new KubectlError('the scheduler is not running');
    const file = args.str('filename');
    if (!file) {
      ctx.out(toYaml(svc.config()));
      return 0;
    }
    const text = file === '-' ? ctx.stdin : ctx.readFile(file);
    if (text === undefined) throw new KubectlError(`open ${file}: no such file or directory`);
    let cfg: SchedulerConfiguration;
    try {
      cfg = (yaml.load(text) ?? {}) as SchedulerConfiguration;
    } catch (e) {
      throw new KubectlError(`couldn't decode as KubeSchedulerConfiguration: ${(e as Error).message.split('\n')[0]}`);
    }
    if (typeof cfg !== 'object' || Array.isArray(cfg)) throw new KubectlError("couldn't decode as KubeSchedulerConfiguration");
    try {
      svc.applyConfig(cfg);
    } catch (e) {
      if (e instanceof ConfigError) {
        ctx.err(`error: invalid KubeSchedulerConfiguration: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const names = (svc.config().profiles ?? []).map((p) => p.schedulerName).join(', ');
    ctx.out(`scheduler configuration applied (profiles: ${names})\n`);
    return 0;
  },
});
