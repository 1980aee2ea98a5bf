import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

// crictl ps -a lists every container the runtime still has, newest first (cmd/crictl/container.go sorts by
// CreatedAt): exited init containers, and after a restart the previous instance next to the current one, each with
// ATTEMPT = metadata.attempt (the restart count it was created with). The kubelet's GC keeps one dead instance
// per container (MaxPerPodContainer = 1).
describe('crictl ps -a on a node', () => {
  const c = createCluster({ seed: 11 });
  c.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  nodeName: worker-1
  initContainers:
  - {name: setup, image: busybox, command: [sh, -c, "echo ready"]}
  containers:
  - {name: crash, image: busybox, command: [sh, -c, "sleep 5; exit 3"]}
EOF`);
  c.advance(20_000);
  const rows = (cmd: string) => c.run(`ssh worker-1 -- ${cmd}`).stdout.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/));
  it('ps lists running containers only', () => {
    expect(rows('crictl ps').filter((r) => r[r.length - 1] === 'app')).toEqual([]);
  });
  const crashRows = () => rows('crictl ps -a').filter((x) => x[x.length - 1] === 'app').map((x) => [x[4], x[3], x[5]]);
  it('ps -a in CrashLoopBackOff: the exited init container and the last exited attempt', () => {
    expect(crashRows()).toEqual([
      ['crash', 'Exited', '1'],
      ['setup', 'Exited', '0'],
    ]);
  });
  it('ps -a after the restart: the running attempt, the previous one, the init container, newest first', () => {
    c.advance(5_000);
    expect(crashRows()).toEqual([
      ['crash', 'Running', '2'],
      ['crash', 'Exited', '1'],
      ['setup', 'Exited', '0'],
    ]);
    expect(rows('crictl ps').map((x) => [x[4], x[3], x[5]])).toContainEqual(['crash', 'Running', '2']);
  });
});
