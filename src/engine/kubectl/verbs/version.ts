// `kubectl version`: client, kustomize and server versions; `--client`, `-o json|yaml`.
import { registerCommand } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { toYaml } from '../output/yaml.ts';

/** The Kubernetes release Kubelab simulates. */
export const kubernetesVersion = 'v1.32.4';
export const kustomizeVersion = 'v5.5.0';

function info(buildDate: string, gitCommit: string, goVersion: string) {
  return {
    major: '1',
    minor: '32',
    gitVersion: kubernetesVersion,
    gitCommit,
    gitTreeState: 'clean',
    buildDate,
    goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export const clientVersionInfo = info('2025-04-22T16:03:16Z', '59526cd4867447956156ae3a602fcbac5f3f4ac5', 'go1.23.6');
export const serverVersionInfo = info('2025-04-22T15:57:55Z', '59526cd4867447956156ae3a602fcbac5f3f4ac5', 'go1.23.6');

registerCommand({
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    const output = args.str('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError("--output must be 'yaml' or 'json'");
    const client = args.bool('client');
    const v: Record<string, unknown> = { clientVersion: clientVersionInfo, kustomizeVersion };
    if (!client) v.serverVersion = serverVersionInfo;
    if (output === 'json') {
      ctx.out(JSON.stringify(v, null, 2) + '\n');
      return 0;
    }
    if (output === 'yaml') {
      ctx.out(toYaml(v));
      return 0;
    }
    let text = `Client Version: ${kubernetesVersion}\nKustomize Version: ${kustomizeVersion}\n`;
    if (!client) text += `Server Version: ${kubernetesVersion}\n`;
    ctx.out(text);
    return 0;
  },
});
