import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';
import { nextBackoffRecord, remainingBackoff } from './backoff.ts';
import { formatIndexes, parseIndexes } from './indexes.ts';

interface JobView {
  status?: { active?: number; succeeded?: number; failed?: number; ready?: number; terminating?: number; completedIndexes?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}

function job(c: Cluster, name: string): JobView {
  return c.get('jobs', name) as unknown as JobView;
}

function conditions(c: Cluster, name: string): string[] {
  return (job(c, name).status?.conditions ?? []).map((x) => `${x.type}=${x.status}/${x.reason ?? ''}`);
}

function jobYaml(name: string, spec: string, container: string, restartPolicy = 'Never'): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec
  .split('\n')
  .filter((l) => l)
  .map((l) => `  ${l}`)
  .join('\n')}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", ${JSON.stringify(container)}]
`;
}

function apply(c: Cluster, yaml: string): void {
  c.writeFile('job.yaml', yaml);
  const r = c.run('kubectl apply -f job.yaml');
  expect(r.stderr).toBe('');
}

describe('Job controller (job_controller_test.go TestControllerSyncJob, end to end)', () => {
  const cases: Array<{
    name: string;
    spec: string;
    cmd: string;
    restartPolicy?: string;
    afterMs: number;
    want: { active?: number; succeeded?: number; failed?: number; completedIndexes?: string; conditions: string[]; pods: number };
  }> = [
    {
      name: 'non-parallel job: one pod, complete',
      spec: '',
      cmd: 'sleep 2',
      afterMs: 30_000,
      want: { succeeded: 1, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'], pods: 1 },
    },
    {
      name: 'fixed completions, parallelism 2',
      spec: 'completions: 5\nparallelism: 2',
      cmd: 'sleep 1',
      afterMs: 60_000,
      want: { succeeded: 5, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'], pods: 5 },
    },
    {
      name: 'work queue (completions unset): first success completes once all finish',
      spec: 'parallelism: 3\ncompletions: null',
      cmd: 'sleep 1',
      afterMs: 30_000,
      want: { succeeded: 3, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'], pods: 3 },
    },
    {
      name: 'still running',
      spec: '',
      cmd: 'sleep 600',
      afterMs: 30_000,
      want: { active: 1, conditions: [], pods: 1 },
    },
    {
      name: 'indexed job',
      spec: 'completions: 3\nparallelism: 3\ncompletionMode: Indexed',
      cmd: 'echo $JOB_COMPLETION_INDEX',
      afterMs: 30_000,
      want: { succeeded: 3, completedIndexes: '0-2', conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'], pods: 3 },
    },
    {
      name: 'backoff limit 0: first failure fails the job',
      spec: 'backoffLimit: 0',
      cmd: 'exit 1',
      afterMs: 30_000,
      want: { failed: 1, conditions: ['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded'], pods: 1 },
    },
    {
      name: 'backoff limit 2: three failed pods',
      spec: 'backoffLimit: 2',
      cmd: 'exit 1',
      afterMs: 120_000,
      want: { failed: 3, conditions: ['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded'], pods: 3 },
    },
    {
      name: 'OnFailure: container restarts count toward the backoff limit',
      spec: 'backoffLimit: 1',
      cmd: 'exit 1',
      restartPolicy: 'OnFailure',
      afterMs: 120_000,
      want: { failed: 1, conditions: ['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded'], pods: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cl = createCluster();
      apply(cl, jobYaml('j', c.spec, c.cmd, c.restartPolicy));
      cl.advance(c.afterMs);
      const st = job(cl, 'j').status ?? {};
      expect({ active: st.active, succeeded: st.succeeded, failed: st.failed }).toEqual({ active: c.want.active, succeeded: c.want.succeeded, failed: c.want.failed });
      if (c.want.completedIndexes !== undefined) expect(st.completedIndexes).toBe(c.want.completedIndexes);
      expect(conditions(cl, 'j')).toEqual(c.want.conditions);
      expect(cl.list('pods', 'default').filter((p) => p.metadata.labels?.['job-name'] === 'j')).toHaveLength(c.want.pods);
      expect(cl.runtime.controllers.errors).toEqual([]);
    });
  }

  it('pods carry the tracking finalizer until counted, then lose it', () => {
    const cl = createCluster();
    apply(cl, jobYaml('j', '', 'sleep 5'));
    cl.advance(1000);
    const [running] = cl.list('pods', 'default');
    expect(running.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(running.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'j', 'job-name': 'j' });
    cl.advance(30_000);
    expect(cl.list('pods', 'default')[0].metadata.finalizers).toBeUndefined();
  });

  it('indexed pods get the completion index annotation, label and hostname', () => {
    const cl = createCluster();
    apply(cl, jobYaml('ix', 'completions: 2\nparallelism: 2\ncompletionMode: Indexed', 'sleep 100'));
    cl.advance(1000);
    const pods = cl.list('pods', 'default').sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    expect(pods.map((p) => [p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], (p.spec as { hostname?: string }).hostname])).toEqual([
      ['0', 'ix-0'],
      ['1', 'ix-1'],
    ]);
    expect(pods[0].metadata.name).toMatch(/^ix-0-[a-z0-9]{5}$/);
  });
});

describe('TestSyncJobPastDeadline', () => {
  it('activeDeadlineSeconds fails the job with DeadlineExceeded and deletes its pods', () => {
    const cl = createCluster();
    apply(cl, jobYaml('dl', 'activeDeadlineSeconds: 10', 'sleep 600'));
    cl.advance(5_000);
    expect(conditions(cl, 'dl')).toEqual([]);
    cl.advance(60_000);
    expect(conditions(cl, 'dl')).toEqual(['FailureTarget=True/DeadlineExceeded', 'Failed=True/DeadlineExceeded']);
    expect(job(cl, 'dl').status?.conditions?.[1].message).toBe('Job was active longer than specified deadline');
    expect(cl.list('pods', 'default')).toHaveLength(0);
    const ev = cl.run('kubectl get events --field-selector involvedObject.name=dl -o custom-columns=REASON:.reason --no-headers').stdout;
    expect(ev.split('\n').filter(Boolean)).toEqual(['SuccessfulCreate', 'SuccessfulDelete', 'DeadlineExceeded']);
  });
});

describe('TestJobBackoff (backoff_utils_test.go)', () => {
  const cases: Array<{ name: string; failures: number; sinceLastMs: number; want: number }> = [
    { name: 'no failures', failures: 0, sinceLastMs: 0, want: 0 },
    { name: 'first failure waits 10s', failures: 1, sinceLastMs: 0, want: 10_000 },
    { name: 'second failure waits 20s', failures: 2, sinceLastMs: 5_000, want: 15_000 },
    { name: 'sixth failure waits 320s', failures: 6, sinceLastMs: 0, want: 320_000 },
    { name: 'capped at 6 minutes', failures: 20, sinceLastMs: 0, want: 360_000 },
    { name: 'elapsed past the back-off', failures: 3, sinceLastMs: 50_000, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(remainingBackoff({ failuresAfterLastSuccess: c.failures, lastFailureTime: 1000 }, 1000 + c.sinceLastMs)).toBe(c.want);
    });
  }
  it('a success resets the count; failures after it count again', () => {
    const r = nextBackoffRecord({ failuresAfterLastSuccess: 4, lastFailureTime: 100 }, [500], [400, 600, 700]);
    expect(r).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: 700 });
    expect(nextBackoffRecord(r, [], [900])).toEqual({ failuresAfterLastSuccess: 3, lastFailureTime: 900 });
  });
});

describe('completed indexes text', () => {
  it('round-trips intervals', () => {
    expect(formatIndexes([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect([...parseIndexes('0-2,5,7-8', 8)].sort()).toEqual([0, 1, 2, 5, 7]);
  });
});

describe('TTL after finished', () => {
  it('deletes a finished job ttlSecondsAfterFinished later', () => {
    const cl = createCluster();
    apply(cl, jobYaml('ttl', 'ttlSecondsAfterFinished: 30', 'true'));
    cl.advance(10_000);
    expect(cl.get('jobs', 'ttl')).toBeDefined();
    cl.advance(40_000);
    expect(cl.get('jobs', 'ttl')).toBeUndefined();
    expect(cl.list('pods', 'default')).toHaveLength(0);
  });
});

describe('suspend', () => {
  it('a suspended job creates no pods until resumed', () => {
    const cl = createCluster();
    apply(cl, jobYaml('s', 'suspend: true', 'sleep 1'));
    cl.advance(5_000);
    expect(cl.list('pods', 'default')).toHaveLength(0);
    expect(conditions(cl, 's')).toEqual(['Suspended=True/JobSuspended']);
    expect(cl.run('kubectl get job s --no-headers').stdout).toMatch(/^s\s+Suspended\s+0\/1\s+5s\n$/);
    cl.run(`kubectl patch job s -p '{"spec":{"suspend":false}}'`);
    apply(cl, jobYaml('s', 'suspend: false', 'sleep 1'));
    cl.advance(30_000);
    expect(conditions(cl, 's')).toEqual(['Suspended=False/JobResumed', 'SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
  });
});

describe('Job API validation', () => {
  it('restartPolicy Always is rejected with the 1.32 message', () => {
    const cl = createCluster();
    cl.writeFile('j.yaml', jobYaml('bad', '', 'true', 'Always'));
    expect(cl.run('kubectl apply -f j.yaml').stderr).toBe(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
  });
  it('the template is immutable', () => {
    const cl = createCluster();
    apply(cl, jobYaml('imm', '', 'sleep 100'));
    cl.writeFile('job.yaml', jobYaml('imm', '', 'sleep 200'));
    expect(cl.run('kubectl apply -f job.yaml').stderr).toMatch(/^The Job "imm" is invalid: spec.template: Invalid value: .*: field is immutable\n$/);
  });
});
