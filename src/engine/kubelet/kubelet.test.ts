import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';
import type { KubeObject } from '../api/types.ts';
import { Backoff } from './backoff.ts';
import { httpGet } from './http.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function cluster(): Cluster {
  return createCluster({ nodes: 1, seed: 3 });
}

function createPod(c: Cluster, name: string, spec: Any): void {
  c.runtime.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec } as unknown as KubeObject);
  c.runtime.settle();
}

const pod = (c: Cluster, name: string): Any => c.get('pods', name) as Any;
const cs = (c: Cluster, name: string): Any => pod(c, name)?.status?.containerStatuses?.[0];
const events = (c: Cluster, name: string): string[] =>
  c.list('events').filter((e) => (e as Any).involvedObject.name === name && (e as Any).source.component === 'kubelet').map((e) => `${(e as Any).reason}: ${(e as Any).message}`);

describe('pod start-up', () => {
  it('pulls, creates and starts, then reports Running and Ready with an IP from the podCIDR', () => {
    const c = cluster();
    createPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14' }] });
    expect(cs(c, 'web')?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    c.runUntilIdle();
    const p = pod(c, 'web');
    expect(p.status.phase).toBe('Running');
    expect(p.status.podIP).toMatch(/^10\.244\.\d+\.2$/);
    expect(p.status.qosClass).toBe('BestEffort');
    expect(p.status.conditions.map((x: Any) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(cs(c, 'web')).toMatchObject({ image: 'docker.io/library/nginx:1.14', ready: true, started: true, restartCount: 0 });
    expect(cs(c, 'web').containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    const ev = events(c, 'web');
    expect(ev[0]).toBe('Pulling: Pulling image "nginx:1.14"');
    expect(ev[1]).toMatch(/^Pulled: Successfully pulled image "nginx:1.14" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 44709785 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Created: Created container: nginx', 'Started: Started container nginx']);
  });

  it('a second pod of the same image on the node finds it present', () => {
    const c = cluster();
    createPod(c, 'a', { containers: [{ name: 'nginx', image: 'nginx:1.14' }] });
    c.runUntilIdle();
    createPod(c, 'b', { containers: [{ name: 'nginx', image: 'nginx:1.14', imagePullPolicy: 'IfNotPresent' }] });
    const t = c.now();
    c.runUntilIdle();
    expect(c.now() - t).toBeLessThan(1500);
    expect(events(c, 'b')[0]).toBe('Pulled: Container image "nginx:1.14" already present on machine');
    expect(pod(c, 'a').status.podIP).not.toBe(pod(c, 'b').status.podIP);
  });

  it('imagePullPolicy Never on a missing image is ErrImageNeverPull', () => {
    const c = cluster();
    createPod(c, 'never', { containers: [{ name: 'app', image: 'redis:7', imagePullPolicy: 'Never' }] });
    c.advance(2000);
    expect(cs(c, 'never').state.waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never' });
  });
});

describe('image pull failures', () => {
  it('ErrImagePull, then ImagePullBackOff with the previous error, retrying on a doubling back-off', () => {
    const c = cluster();
    createPod(c, 'bad', { containers: [{ name: 'nginx', image: 'nginx:nope' }] });
    // Sandbox (0.3–0.8 s), then the failed pull (0.45–0.95 s): step until the first result is in.
    for (let i = 0; i < 30 && cs(c, 'bad')?.state.waiting?.reason !== 'ErrImagePull'; i++) c.advance(100);
    const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    expect(cs(c, 'bad').state.waiting).toEqual({ reason: 'ErrImagePull', message: notFound });
    c.runUntilIdle();
    expect(cs(c, 'bad').state.waiting).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:nope": ErrImagePull: ${notFound}` });
    expect(events(c, 'bad')).toContain(`Failed: Failed to pull image "nginx:nope": ${notFound}`);
    expect(events(c, 'bad')).toContain('Failed: Error: ErrImagePull');
    expect(events(c, 'bad')).toContain('BackOff: Back-off pulling image "nginx:nope"');
    expect(events(c, 'bad')).toContain('Failed: Error: ImagePullBackOff');
    const pulls = () => (c.list('events').find((e) => (e as Any).reason === 'Pulling') as Any).count;
    c.advance(60_000);
    // Attempts at ~0, 10, 30 s (back-off 10 s, then 20 s, then 40 s).
    expect(pulls()).toBe(3);
  });
});

describe('container exits and restart policy', () => {
  const table: Array<{ name: string; policy: string; script: string; want: { phase: string; reason: string; exitCode: number } }> = [
    { name: 'Never + exit 0 → Succeeded', policy: 'Never', script: 'echo done', want: { phase: 'Succeeded', reason: 'Completed', exitCode: 0 } },
    { name: 'Never + exit 1 → Failed', policy: 'Never', script: 'exit 1', want: { phase: 'Failed', reason: 'Error', exitCode: 1 } },
    { name: 'OnFailure + exit 0 → Succeeded', policy: 'OnFailure', script: 'exit 0', want: { phase: 'Succeeded', reason: 'Completed', exitCode: 0 } },
  ];
  for (const t of table) {
    it(t.name, () => {
      const c = cluster();
      createPod(c, 'job', { restartPolicy: t.policy, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', t.script] }] });
      c.runUntilIdle();
      const p = pod(c, 'job');
      expect(p.status.phase).toBe(t.want.phase);
      expect(cs(c, 'job').state.terminated).toMatchObject({ reason: t.want.reason, exitCode: t.want.exitCode });
      const ready = p.status.conditions.find((x: Any) => x.type === 'Ready');
      expect(ready).toMatchObject({ status: 'False', reason: t.want.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' });
    });
  }

  it('CrashLoopBackOff: immediate first restart, then 10 s, 20 s, 40 s back-offs', () => {
    const c = cluster();
    createPod(c, 'crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] });
    c.runUntilIdle();
    expect(cs(c, 'crash')).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    expect(cs(c, 'crash').state.waiting.message).toMatch(/^back-off 10s restarting failed container=app pod=crash_default\(.+\)$/);
    expect(pod(c, 'crash').status.phase).toBe('Running');
    c.advance(11_000);
    expect(cs(c, 'crash').restartCount).toBe(2);
    expect(cs(c, 'crash').state.waiting.message).toMatch(/^back-off 20s /);
    c.advance(21_000);
    expect(cs(c, 'crash').restartCount).toBe(3);
    expect(cs(c, 'crash').state.waiting.message).toMatch(/^back-off 40s /);
    expect(events(c, 'crash').some((e) => /^BackOff: Back-off restarting failed container app in pod crash_default\(/.test(e))).toBe(true);
  });

  it('OOMKilled when the program holds more than its memory limit', () => {
    const c = cluster();
    createPod(c, 'mem', {
      containers: [{ name: 'stress', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } } }],
    });
    c.runUntilIdle();
    expect(cs(c, 'mem').lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(pod(c, 'mem').status.qosClass).toBe('Burstable');
  });
});

describe('probes', () => {
  it('readiness gates Ready; a 404 readiness probe keeps it false with Unhealthy events', () => {
    const c = cluster();
    createPod(c, 'r', { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }] });
    c.runUntilIdle();
    c.advance(20_000);
    expect(cs(c, 'r').ready).toBe(false);
    expect(events(c, 'r')).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404');
    createPod(c, 'ok', { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } }] });
    c.advance(3000);
    expect(cs(c, 'ok').ready).toBe(false);
    c.advance(5000);
    expect(cs(c, 'ok').ready).toBe(true);
  });

  it('the liveness exec docs example restarts the container after the file disappears', () => {
    const c = cluster();
    createPod(c, 'liveness-exec', {
      containers: [{
        name: 'liveness',
        image: 'registry.k8s.io/busybox:1.27.2',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      }],
    });
    c.advance(40_000);
    expect(events(c, 'liveness-exec')).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    c.advance(10_000);
    expect(events(c, 'liveness-exec')).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    // sh as PID 1 ignores SIGTERM: killed when the 30 s grace period ends, exit 137.
    c.advance(35_000);
    expect(cs(c, 'liveness-exec').restartCount).toBe(1);
    expect(cs(c, 'liveness-exec').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('init containers', () => {
  it('run one after another before the app containers', () => {
    const c = cluster();
    createPod(c, 'init', {
      initContainers: [
        { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
        { name: 'two', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
      ],
      containers: [{ name: 'app', image: 'nginx:1.25' }],
    });
    c.advance(3000);
    const p = pod(c, 'init');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(p.status.initContainerStatuses[1].state.waiting).toEqual({ reason: 'PodInitializing' });
    expect(p.status.containerStatuses[0].state.waiting).toEqual({ reason: 'PodInitializing' });
    expect(p.status.conditions.find((x: Any) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [one two]' });
    c.runUntilIdle();
    expect(pod(c, 'init').status.phase).toBe('Running');
    expect(pod(c, 'init').status.initContainerStatuses.map((s: Any) => s.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
  });
});

describe('graceful termination', () => {
  const table = [
    { name: 'nginx stops at once', image: 'nginx:1.25', command: undefined, maxMs: 2000, minMs: 0 },
    { name: 'sleep as PID 1 is killed at the end of the grace period', image: 'busybox:1.36', command: ['sleep', '3600'], maxMs: 31_000, minMs: 29_000 },
  ];
  for (const t of table) {
    it(t.name, () => {
      const c = cluster();
      createPod(c, 'p', { containers: [{ name: 'c', image: t.image, command: t.command }] });
      c.runUntilIdle();
      const ip = pod(c, 'p').status.podIP;
      const start = c.now();
      c.runtime.api.delete('pods', 'default', 'p');
      c.runUntilIdle();
      expect(c.get('pods', 'p')).toBeUndefined();
      expect(c.now() - start).toBeLessThanOrEqual(t.maxMs);
      expect(c.now() - start).toBeGreaterThanOrEqual(t.minMs);
      // The IP is free again.
      createPod(c, 'q', { containers: [{ name: 'c', image: 'nginx:1.25' }] });
      c.runUntilIdle();
      expect(pod(c, 'q').status.podIP).not.toBe(undefined);
      void ip;
    });
  }
});

describe('kubectl logs and exec', () => {
  it('prints the messages kubectl prints', () => {
    const c = cluster();
    c.run('kubectl run web --image=nginx:1.25');
    expect(c.run('kubectl logs web').stderr).toBe('Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n');
    c.runUntilIdle();
    expect(c.run('kubectl logs web').stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(c.run('kubectl logs web -p').stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n');
    expect(c.run('kubectl logs web -c nope').stderr).toBe('error: container nope is not valid for pod web\n');
    expect(c.run('kubectl logs web --tail=1').stdout.split('\n').length).toBe(2);
    const ex = c.run('kubectl exec web -- cat /nope');
    expect(ex).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
    expect(c.run('kubectl exec web -- hostname').stdout).toBe('web\n');
    expect(c.run('kubectl exec web -- foo').stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown\n$/);
    expect(c.run('kubectl exec').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(c.run('kubectl exec web').stderr).toBe('error: you must specify at least one command for the container\n');
  });

  it('exec into a container that is not running fails the stream upgrade', () => {
    const c = cluster();
    c.run('kubectl run bad --image=nginx:nope');
    c.runUntilIdle();
    expect(c.run('kubectl exec bad -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("bad")\n');
  });

  it('logs deploy/NAME picks one pod and says so', () => {
    const c = cluster();
    c.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    c.runUntilIdle();
    const r = c.run('kubectl logs deploy/web');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\n$/);
    expect(r.stdout).toContain('nginx/1.25.5');
  });
});

describe('httpGet for the network', () => {
  it('answers from the pod app', () => {
    const c = cluster();
    createPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    c.runUntilIdle();
    expect(httpGet(c.runtime, 'default', 'web', 80, '/')).toMatchObject({ status: 200 });
    expect(httpGet(c.runtime, 'default', 'web', 80, '/x')).toMatchObject({ status: 404 });
    expect(httpGet(c.runtime, 'default', 'web', 8080, '/')).toHaveProperty('error');
  });
});

describe('back-off', () => {
  it('doubles from 10 s to 300 s and resets after 10 minutes idle', () => {
    const b = new Backoff();
    const seen: number[] = [];
    let t = 0;
    for (let i = 0; i < 7; i++) {
      b.next('k', t);
      seen.push(b.get('k'));
      t += 1000;
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    b.next('k', t + 600_001);
    expect(b.get('k')).toBe(10_000);
  });
});
