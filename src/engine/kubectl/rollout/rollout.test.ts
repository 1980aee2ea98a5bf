import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

function run(c: ReturnType<typeof createCluster>, cmd: string) {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

describe('kubectl rollout', () => {
  it('status watches a new Deployment until it is rolled out', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.25 --replicas=3');
    const r = run(c, 'kubectl rollout status deployment/web');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(lines[0]).toMatch(/^Waiting for deployment "web" rollout to finish: \d of 3 updated replicas are available\.\.\.$/);
    expect(new Set(lines).size).toBe(lines.length);
    expect(run(c, 'kubectl rollout status deploy web --watch=false').out).toBe('deployment "web" successfully rolled out\n');
  });

  it('history, undo and the revision table', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.25');
    run(c, 'kubectl rollout status deployment/web');
    run(c, 'kubectl set image deployment/web nginx=nginx:1.26');
    run(c, 'kubectl annotate deployment/web kubernetes.io/change-cause="image 1.26"');
    run(c, 'kubectl rollout status deployment/web');
    expect(run(c, 'kubectl rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image 1.26\n\n');
    const rev1 = run(c, 'kubectl rollout history deployment/web --revision=1').out;
    expect(rev1).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1\.25\n/);
    expect(rev1.endsWith('\n\n')).toBe(true);
    expect(run(c, 'kubectl rollout history deployment/web --revision=7')).toMatchObject({ err: 'error: unable to find the specified revision\n', code: 1 });
    expect(run(c, 'kubectl rollout undo deployment/web').out).toBe('deployment.apps/web rolled back\n');
    run(c, 'kubectl rollout status deployment/web');
    const image = (c.get('deployment', 'web') as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0].image;
    expect(image).toBe('nginx:1.25');
    expect(run(c, 'kubectl rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image 1.26\n3         <none>\n\n');
    expect(run(c, 'kubectl rollout undo deployment/web --to-revision=3').out).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
    );
    expect(run(c, 'kubectl rollout undo deployment/web --to-revision=9')).toMatchObject({ err: 'error: unable to find specified revision 9 in history\n', code: 1 });
  });

  it('pause, resume and restart with kubectl messages', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx');
    run(c, 'kubectl rollout status deployment/web');
    expect(run(c, 'kubectl rollout undo deployment/web')).toMatchObject({ err: 'error: no rollout history found for deployment "web"\n', code: 1 });
    run(c, 'kubectl set image deployment/web nginx=nginx:1.27');
    run(c, 'kubectl rollout status deployment/web');
    const cases: Array<[string, { out?: string; err?: string; code: number }]> = [
      ['kubectl rollout pause deployment/web', { out: 'deployment.apps/web paused\n', code: 0 }],
      ['kubectl rollout pause deployment/web', { err: 'error: deployments.apps "web" is already paused\n', code: 1 }],
      ['kubectl rollout restart deployment/web', { err: `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`, code: 1 }],
      ['kubectl rollout undo deployment/web', { err: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n", code: 1 }],
      ['kubectl rollout resume deployment/web', { out: 'deployment.apps/web resumed\n', code: 0 }],
      ['kubectl rollout resume deployment/web', { err: 'error: deployments.apps "web" is not paused\n', code: 1 }],
      ['kubectl rollout restart deployment/web', { out: 'deployment.apps/web restarted\n', code: 0 }],
      ['kubectl rollout status', { err: 'error: required resource not specified\n', code: 1 }],
      ['kubectl rollout status deployment/web --revision=-1', { err: 'error: revision must be a positive integer: -1\n', code: 1 }],
      ['kubectl rollout status deployment/nope', { err: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 }],
    ];
    for (const [cmd, want] of cases) expect(run(c, cmd), cmd).toMatchObject(want);
    const t = c.get('deployment', 'web') as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(t.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(run(c, 'kubectl rollout status deployment/web').out.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
  });

  it('reports an exceeded progress deadline', () => {
    const c = createCluster();
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  progressDeadlineSeconds: 5
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector: {disk: none}
      containers:
      - name: c
        image: nginx
EOF`);
    const r = run(c, 'kubectl rollout status deployment/web');
    expect(r.err).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(r.code).toBe(1);
  });

  it('times out with --timeout', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx');
    run(c, 'kubectl rollout pause deployment/web');
    run(c, 'kubectl set image deployment/web nginx=nginx:1.27');
    const r = run(c, 'kubectl rollout status deployment/web --timeout=2s');
    expect(r.err).toBe('error: timed out waiting for the condition\n');
  });

  it('status, history, undo and restart for StatefulSets and DaemonSets; pause only for Deployments', () => {
    const c = createCluster();
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: manual}
spec:
  serviceName: manual
  replicas: 1
  updateStrategy: {type: OnDelete}
  selector: {matchLabels: {app: manual}}
  template:
    metadata: {labels: {app: manual}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
EOF`);
    const sts = run(c, 'kubectl rollout status sts/db');
    expect(sts.code).toBe(0);
    expect(sts.out.endsWith('partitioned roll out complete: 2 new pods have been updated...\n')).toBe(true);
    const ds = run(c, 'kubectl rollout status ds/agent');
    expect(ds.code).toBe(0);
    expect(ds.out.endsWith('daemon set "agent" successfully rolled out\n')).toBe(true);
    run(c, 'kubectl set image sts/db c=nginx:1.26');
    run(c, 'kubectl set image ds/agent c=nginx:1.26');
    run(c, 'kubectl rollout status sts/db');
    run(c, 'kubectl rollout status ds/agent');
    const cases: Array<[string, { out?: string; err?: string; code: number }]> = [
      ['kubectl rollout history sts/db', { out: 'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n', code: 0 }],
      ['kubectl rollout history ds/agent', { out: 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n', code: 0 }],
      ['kubectl rollout history sts/db --revision=5', { err: 'error: unable to find the specified revision\n', code: 1 }],
      ['kubectl rollout undo sts/db', { out: 'statefulset.apps/db rolled back\n', code: 0 }],
      ['kubectl rollout undo ds/agent --to-revision=1', { out: 'daemonset.apps/agent rolled back\n', code: 0 }],
      ['kubectl rollout undo ds/agent --to-revision=3', { out: 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n', code: 0 }],
      ['kubectl rollout undo sts/db --to-revision=9', { err: 'error: unable to find specified revision 9 in history\n', code: 1 }],
      ['kubectl rollout undo sts/manual', { err: 'error: no last revision to roll back to\n', code: 1 }],
      ['kubectl rollout status sts/manual', { err: 'error: rollout status is only available for RollingUpdate strategy type\n', code: 1 }],
      ['kubectl rollout restart sts/db', { out: 'statefulset.apps/db restarted\n', code: 0 }],
      ['kubectl rollout restart ds/agent', { out: 'daemonset.apps/agent restarted\n', code: 0 }],
      ['kubectl rollout pause sts/db', { err: 'error: statefulsets.apps "db" pausing is not supported\n', code: 1 }],
      ['kubectl rollout resume ds/agent', { err: 'error: daemonsets.apps "agent" resuming is not supported\n', code: 1 }],
      ['kubectl rollout status pod/db-0', { err: 'error: no status viewer has been implemented for Pod\n', code: 1 }],
      ['kubectl rollout history pod/db-0', { err: 'error: no history viewer has been implemented for "Pod"\n', code: 1 }],
    ];
    for (const [cmd, want] of cases) expect(run(c, cmd), cmd).toMatchObject(want);
    const image = (kind: string, name: string) =>
      (c.get(kind, name) as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0].image;
    expect(image('statefulset', 'db')).toBe('nginx:1.25');
    expect(image('daemonset', 'agent')).toBe('nginx:1.25');
    const restarted = (c.get('statefulset', 'db') as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations;
    expect(restarted['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
