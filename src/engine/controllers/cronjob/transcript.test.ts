import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const cronYaml = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]
          restartPolicy: OnFailure
`;

describe('batch transcripts', () => {
  it('the pi job runs to completion', () => {
    const c = createCluster();
    expect(c.run('kubectl create job pi --image=busybox:1.36 -- sh -c "sleep 5; echo 3.14159"').stdout).toBe('job.batch/pi created\n');
    c.advance(2_000);
    expect(c.run('kubectl get jobs').stdout).toBe('NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0/1           2s         2s\n');
    expect(c.run('sleep 30').exitCode).toBe(0);
    expect(c.run('kubectl get jobs').stdout).toBe('NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           6s         32s\n');
    expect(c.run('kubectl logs job/pi').stdout).toBe('3.14159\n');
    const d = c.run('kubectl describe job pi').stdout;
    expect(d).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n');
    expect(d).toMatch(/Normal {2}SuccessfulCreate {2}32s {3}job-controller {2}Created pod: pi-[a-z0-9]{5}\n/);
    expect(d).toMatch(/Normal {2}Completed {9}26s {3}job-controller {2}Job completed\n/);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('a cronjob every minute creates jobs and keeps three', () => {
    const c = createCluster();
    c.writeFile('cj.yaml', cronYaml);
    expect(c.run('kubectl apply -f cj.yaml').stdout).toBe('cronjob.batch/hello created\n');
    expect(c.run('kubectl get cronjob hello').stdout).toBe(
      'NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   * * * * *   <none>     False     0        <none>          0s\n',
    );
    // A CronJob never goes idle: its wake-ups are background timers.
    expect(c.runUntilIdle()).toBeLessThan(60_000);
    c.run('sleep 61');
    expect(c.list('jobs').map((j) => j.metadata.name)).toEqual(['hello-28928161']);
    expect(c.get('jobs', 'hello-28928161')!.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:01:00Z' });
    c.run('sleep 300');
    expect(c.list('jobs').map((j) => j.metadata.name)).toEqual(['hello-28928164', 'hello-28928165', 'hello-28928166']);
    expect(c.run('kubectl get cronjob hello --no-headers').stdout).toBe('hello   * * * * *   <none>   False   0     17s   6m1s\n'); // created 16 s in (the cluster's boot), now 6m17s
    const events = c.run('kubectl get events --field-selector involvedObject.kind=CronJob -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers').stdout;
    expect(events).toContain('SuccessfulCreate   Created job hello-28928161\n');
    expect(events).toContain('SawCompletedJob    Saw completed job: hello-28928161, condition: Complete\n');
    expect(events).toContain('SuccessfulDelete   Deleted job hello-28928161\n');
    const d = c.run('kubectl describe cronjob hello').stdout;
    expect(d).toContain('Schedule:                      * * * * *\nConcurrency Policy:            Allow\nSuspend:                       False\nSuccessful Job History Limit:  3\nFailed Job History Limit:      1\n');
    expect(d).toContain('Last Schedule Time:  Wed, 01 Jan 2025 00:06:00 +0000\nActive Jobs:         <none>\n');
  });

  it('Forbid skips a run while the previous job is active', () => {
    const c = createCluster();
    c.writeFile('cj.yaml', cronYaml.replace('schedule: "* * * * *"', 'schedule: "* * * * *"\n  concurrencyPolicy: Forbid').replace('date; echo Hello from the Kubernetes cluster', 'sleep 90'));
    c.run('kubectl apply -f cj.yaml');
    c.run('sleep 121');
    expect(c.list('jobs').map((j) => j.metadata.name)).toEqual(['hello-28928161']);
    expect(c.run('kubectl get events --field-selector reason=JobAlreadyActive -o custom-columns=MESSAGE:.message --no-headers').stdout).toBe(
      'Not starting job because prior execution is running and concurrency policy is Forbid\n',
    );
  });

  it('get jobs -o wide and cronjobs -o wide print containers, images and selector', () => {
    const c = createCluster();
    c.run('kubectl create cronjob cj --image=busybox --schedule="@hourly" -- true');
    expect(c.run('kubectl get cj -o wide').stdout).toBe(
      'NAME   SCHEDULE   TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES    SELECTOR\ncj     @hourly    <none>     False     0        <none>          0s    cj           busybox   <none>\n',
    );
    c.run('kubectl create job j --image=busybox -- sleep 100');
    const uid = c.get('jobs', 'j')!.metadata.uid;
    expect(c.run('kubectl get job j -o wide --no-headers').stdout).toBe(`j     Running   0/1   0s    0s    j     busybox   batch.kubernetes.io/controller-uid=${uid}\n`);
  });
});
