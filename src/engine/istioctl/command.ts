import type { CommandSpec } from '../kubectl/command.ts';
import { KubectlError } from '../kubectl/errors.ts';
import type { FlagSpec } from '../kubectl/flags.ts';
import type { CommandTree } from '../kubectl/run.ts';

/**
 * `istioctl`: subcommands register themselves from one file each (install, uninstall, version,
 * proxy-config, proxy-status, analyze), parsed with the same cobra/pflag rules as kubectl.
 */
const commands = new Map<string, CommandSpec>();

export function registerIstioctlCommand(spec: CommandSpec): void {
  commands.set(spec.name, spec);
  for (const a of spec.aliases ?? []) commands.set(a, spec);
}

function all(): CommandSpec[] {
  return [...new Set(commands.values())].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** istioctl's persistent flags. */
export const istioctlFlags: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', help: 'Kubernetes namespace' },
  { name: 'istioNamespace', short: 'i', type: 'string', default: 'istio-system', help: 'Istio system namespace' },
  { name: 'kubeconfig', short: 'c', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'vklog', type: 'string', default: '0' },
  { name: 'help', short: 'h', type: 'bool' },
];

export const istioctlTree: CommandTree = {
  name: 'istioctl',
  find: (name) => commands.get(name),
  all,
  flags: istioctlFlags,
  usage: () =>
    'Istio configuration command line utility for service operators to\ndebug and diagnose their Istio mesh.\n\nUsage:\n  istioctl [command]\n\nAvailable Commands:\n' +
    all()
      .map((c) => `  ${c.name.padEnd(16)} ${c.short}\n`)
      .join('') +
    '\nFlags:\n' +
    '      --context string          Kubernetes configuration context\n' +
    '  -h, --help                    help for istioctl\n' +
    '  -i, --istioNamespace string   Istio system namespace (default "istio-system")\n' +
    '  -c, --kubeconfig string       Kubernetes configuration file\n' +
    '  -n, --namespace string        Kubernetes namespace\n' +
    '      --vklog Level             number for the log level verbosity. Like -v flag. ex: --vklog=9\n' +
    '\nUse "istioctl [command] --help" for more information about a command.\n',
};

/** An error as istioctl (cobra) prints it: `Error: <message>`, exit code 1. */
export function istioctlError(message: string): KubectlError {
  return new KubectlError(`Error: ${message}\n`, 1, true);
}
