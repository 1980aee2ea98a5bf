import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const realKubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(realKubectl);

function real(args: string[]): string {
  return execFileSync(realKubectl, args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
}

const quote = (a: string) => (/^[\w=./:,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

const cases: Array<{ name: string; args: string[] }> = [
  { name: 'job with a command', args: ['create', 'job', 'pi', '--image=perl:5.34.0', '--dry-run=client', '-o', 'yaml', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
  { name: 'job without a command', args: ['create', 'job', 'my-job', '--image=busybox', '--dry-run=client', '-o', 'yaml'] },
  { name: 'job in a namespace, json', args: ['create', 'job', 'x', '--image=busybox', '-n', 'dev', '--dry-run=client', '-o', 'json'] },
  { name: 'cronjob', args: ['create', 'cronjob', 'hello', '--image=busybox:1.28', '--schedule=*/1 * * * *', '--dry-run=client', '-o', 'yaml', '--', 'date'] },
  { name: 'cronjob with restart Never, json', args: ['create', 'cj', 'c', '--image=busybox', '--schedule=0 * * * *', '--restart=Never', '--dry-run=client', '-o', 'json'] },
];

describe.skipIf(!haveKubectl)('kubectl create job/cronjob --dry-run=client matches the real kubectl 1.32 (skipped without /usr/bin/kubectl)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ours = createCluster().run(`kubectl ${c.args.map(quote).join(' ')}`);
      expect(ours.stderr).toBe('');
      expect(ours.stdout).toBe(real(c.args));
    });
  }
});

describe('kubectl create job/cronjob errors', () => {
  const errs: Array<{ cmd: string; want: string }> = [
    { cmd: 'kubectl create job x', want: 'error: either --image or --from must be specified\n' },
    { cmd: 'kubectl create job x --image=busybox --from=cronjob/a', want: 'error: either --image or --from must be specified\n' },
    { cmd: 'kubectl create job x --from=cronjob/a -- date', want: 'error: cannot specify --from and command\n' },
    { cmd: 'kubectl create job --image=busybox', want: "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n" },
    { cmd: 'kubectl create job x --from=cronjob/nope', want: 'Error from server (NotFound): cronjobs.batch "nope" not found\n' },
    { cmd: 'kubectl create cronjob x', want: 'error: required flag(s) "image", "schedule" not set\n' },
    { cmd: 'kubectl create cronjob x --image=a', want: 'error: required flag(s) "schedule" not set\n' },
  ];
  for (const c of errs) {
    it(c.cmd, () => {
      const r = createCluster().run(c.cmd);
      expect(r.stderr).toBe(c.want);
      expect(r.exitCode).toBe(1);
    });
  }

  it('create job --from=cronjob/x copies the template with the manual-instantiation annotation', () => {
    const cl = createCluster();
    cl.run('kubectl create cronjob hello --image=busybox:1.28 --schedule="0 0 * * *" -- date');
    expect(cl.run('kubectl create job manual --from=cronjob/hello').stdout).toBe('job.batch/manual created\n');
    const job = cl.get('jobs', 'manual')!;
    expect(job.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cl.get('cronjobs', 'hello')!.metadata.uid, controller: true }]);
    cl.advance(20_000);
    expect(cl.run('kubectl logs job/manual').stdout).toMatch(/^Wed Jan {2}1 00:00:\d\d UTC 2025\n$/);
  });
});
