// `kubelab serve` flags, and the kubeconfig it writes (each lab user gets a token for the same identity).
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { createCluster } from '../engine/index.ts';
import { authService } from '../engine/auth/service.ts';
import { serverKubeconfig } from '../server/kubeconfig.ts';
import { parseServeArgs } from './serve.ts';

describe('parseServeArgs', () => {
  const cases: Array<{ name: string; argv: string[]; want: unknown }> = [
    { name: 'defaults', argv: [], want: { port: 6443, speed: 1, kubeconfig: 'kubelab.kubeconfig', options: {} } },
    { name: 'every flag', argv: ['--port', '0', '--speed=0.5', '--kubeconfig', '/tmp/k', '--seed', '4', '--nodes=3'], want: { port: 0, speed: 0.5, kubeconfig: '/tmp/k', options: { seed: 4, nodes: 3 } } },
    { name: 'fractional port', argv: ['--port', '1.5'], want: 'invalid value for --port: "1.5"' },
    { name: 'negative speed', argv: ['--speed', '-1'], want: 'invalid value for --speed: "-1"' },
    { name: 'missing value', argv: ['--seed'], want: 'missing value for --seed' },
    { name: 'unknown flag', argv: ['--bogus', '1'], want: 'unknown flag: --bogus' },
  ];
  for (const c of cases) it(c.name, () => expect(parseServeArgs(c.argv)).toEqual(c.want));
});

describe('serverKubeconfig', () => {
  it('gives every lab user a bearer token for the same identity and trusts the serving certificate', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('lab user add jane --groups dev');
    const { text, tokens } = serverKubeconfig(c, 'https://127.0.0.1:6443');
    const cfg = yaml.load(text) as { clusters: Array<{ cluster: Record<string, string> }>; users: Array<{ name: string; user: { token: string } }> };
    expect(cfg.clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
    expect(cfg.clusters[0].cluster['certificate-authority-data']).toBeTruthy();
    expect(cfg.users.map((u) => u.name).sort()).toEqual(Object.keys(tokens).sort());
    const auth = authService(c.runtime);
    const who = Object.fromEntries(cfg.users.map((u) => [u.name, auth.authenticate({ token: u.user.token })?.name]));
    expect(who).toEqual({ 'kind-kubelab': 'kubernetes-admin', jane: 'jane' });
  });
});
