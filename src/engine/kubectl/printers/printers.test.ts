// Expectations copied from upstream pkg/printers/internalversion/printers_test.go (TestPrintPod,
// TestPrintPodwide, TestPrintNodeStatus, TestPrintNodeRole, TestPrintService, TestPrintEndpoint).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import './index.ts';
import { tableHandlerFor, toTable } from './registry.ts';
import { TablePrinter, type TablePrintOptions } from './tableprinter.ts';
import { TabWriter, tabulate } from './tabwriter.ts';

const now = Date.parse('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(now - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const row = (kind: string, o: object) => tableHandlerFor(kind).row({ apiVersion: 'v1', kind, metadata: {}, ...o } as KubeObject, { nowMs: now, wide: true });
const running = { running: {} };
const c2 = { containers: [{ name: 'a' }, { name: 'b' }] };

describe('Pod rows (TestPrintPod / TestPrintPodwide)', () => {
  const cases: Array<{ name: string; pod: object; want: unknown[] }> = [
    {
      name: 'test1: ready count and restarts',
      pod: { metadata: { name: 'test1' }, spec: c2, status: { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] } },
      want: ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    },
    {
      name: 'test2: container waiting reason overwrites phase',
      pod: { metadata: { name: 'test2' }, spec: c2, status: { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }] } },
      want: ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    },
    {
      name: 'test3: first container wins (statuses walked backwards)',
      pod: {
        metadata: { name: 'test3' },
        spec: c2,
        status: { phase: 'podPhase', containerStatuses: [{ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }, { state: { terminated: { reason: 'ContainerTerminatedReason', exitCode: 0 } }, restartCount: 3 }] },
      },
      want: ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    },
    {
      name: 'test5: pod reason',
      pod: { metadata: { name: 'test5' }, spec: c2, status: { reason: 'podReason', phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }] } },
      want: ['test5', '1/2', 'podReason', '6', '<unknown>'],
    },
    {
      name: 'test6: completed + running without Ready condition is NotReady',
      pod: { metadata: { name: 'test6' }, spec: c2, status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: running }] } },
      want: ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    },
    {
      name: 'test6: completed + running with Ready condition is Running',
      pod: {
        metadata: { name: 'test6' },
        spec: c2,
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: running }] },
      },
      want: ['test6', '1/2', 'Running', '6', '<unknown>'],
    },
    {
      name: 'test7: restarting init container',
      pod: {
        metadata: { name: 'test7' },
        spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [{ name: 'i', ready: false, restartCount: 3, state: running, lastState: { terminated: { finishedAt: ago(10), exitCode: 1 } } }],
          containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: {} } }],
        },
      },
      want: ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    },
    {
      name: 'test9: first init done, second restarting',
      pod: {
        metadata: { name: 'test9' },
        spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            { name: 'i1', ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } },
            { name: 'i2', ready: false, restartCount: 3, state: running, lastState: { terminated: { finishedAt: ago(10), exitCode: 1 } } },
          ],
          containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: {} } }],
        },
      },
      want: ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    },
    {
      name: 'test11: init done with restarts, container restarting',
      pod: {
        metadata: { name: 'test11' },
        spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
        status: {
          phase: 'Running',
          initContainerStatuses: [{ name: 'i', ready: true, restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: { terminated: { finishedAt: ago(120), exitCode: 1 } } }],
          containerStatuses: [{ name: 'a', ready: false, restartCount: 4, state: running, lastState: { terminated: { finishedAt: ago(20), exitCode: 1 } } }],
        },
      },
      want: ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    },
    {
      name: 'test14: restarts summed, most recent restart shown',
      pod: {
        metadata: { name: 'test14' },
        spec: c2,
        status: {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 6, state: running, lastState: { terminated: { finishedAt: ago(5 * 86400), exitCode: 1 } } },
            { ready: true, restartCount: 3, state: running, lastState: { terminated: { finishedAt: ago(20 * 86400), exitCode: 1 } } },
          ],
        },
      },
      want: ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    },
    {
      name: 'test15: SchedulingGated',
      pod: { metadata: { name: 'test15' }, spec: c2, status: { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } },
      want: ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    },
    {
      name: 'terminating pod',
      pod: { metadata: { name: 'term', deletionTimestamp: ago(0) }, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 0, state: running }] } },
      want: ['term', '1/1', 'Terminating', '0', '<unknown>'],
    },
    {
      name: 'node lost pod being deleted is Unknown',
      pod: { metadata: { name: 'lost', deletionTimestamp: ago(0) }, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running', reason: 'NodeLost' } },
      want: ['lost', '0/1', 'Unknown', '0', '<unknown>'],
    },
    {
      name: 'crash loop',
      pod: { metadata: { name: 'crash', creationTimestamp: ago(300) }, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running', containerStatuses: [{ restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { finishedAt: ago(64), exitCode: 1 } } }] } },
      want: ['crash', '0/1', 'CrashLoopBackOff', '5 (64s ago)', '5m'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(row('Pod', c.pod).slice(0, 5)).toEqual(c.want));

  it('wide: IP, node, nominated node, readiness gates (TestPrintPodwide test1)', () => {
    const pod = {
      metadata: { name: 'test1' },
      spec: { ...c2, nodeName: 'test1', readinessGates: [{ conditionType: 'c1' }, { conditionType: 'c2' }, { conditionType: 'c3' }] },
      status: {
        conditions: [
          { type: 'c1', status: 'False' },
          { type: 'c2', status: 'True' },
        ],
        phase: 'podPhase',
        podIPs: [{ ip: '1.1.1.1' }],
        containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
        nominatedNodeName: 'node1',
      },
    };
    expect(row('Pod', pod)).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3']);
  });
});

describe('Node rows (TestPrintNodeStatus, TestPrintNodeRole)', () => {
  const cases: Array<{ name: string; node: object; status: string; roles?: string }> = [
    { name: 'ready', node: { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, status: 'Ready' },
    { name: 'cordoned', node: { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, status: 'Ready,SchedulingDisabled' },
    { name: 'duplicate ready', node: { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' }] } }, status: 'Ready' },
    { name: 'not ready', node: { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, status: 'NotReady' },
    { name: 'no conditions', node: {}, status: 'Unknown' },
    { name: 'no conditions, cordoned', node: { spec: { unschedulable: true } }, status: 'Unknown,SchedulingDisabled' },
    { name: 'other condition', node: { status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }, status: 'Unknown' },
    { name: 'role label', node: { metadata: { labels: { 'node-role.kubernetes.io/fooRole': 'true' } } }, status: 'Unknown', roles: 'fooRole' },
    {
      name: 'several roles',
      node: { metadata: { labels: { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' } } },
      status: 'Unknown',
      roles: 'master,node,proxy',
    },
    { name: 'empty kubernetes.io/role', node: { metadata: { labels: { 'kubernetes.io/role': '' } } }, status: 'Unknown', roles: '<none>' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = row('Node', { metadata: { name: 'foo' }, ...c.node });
      expect(r[1]).toBe(c.status);
      expect(r[2]).toBe(c.roles ?? '<none>');
    });
  }
});

describe('Service rows (TestPrintService)', () => {
  const cases: Array<{ name: string; svc: object; want: unknown[] }> = [
    {
      name: 'NodePort',
      svc: { metadata: { name: 'test1' }, spec: { type: 'NodePort', ports: [{ protocol: 'TCP', port: 2233, nodePort: 9999 }], clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' } } },
      want: ['test1', 'NodePort', '10.9.8.7', '<none>', '2233:9999/TCP', '<unknown>', 'foo=bar'],
    },
    {
      name: 'ClusterIP',
      svc: { metadata: { name: 'test2' }, spec: { type: 'ClusterIP', ports: [{ protocol: 'TCP', port: 8080 }], clusterIPs: ['10.9.8.7'] } },
      want: ['test2', 'ClusterIP', '10.9.8.7', '<none>', '8080/TCP', '<unknown>', '<none>'],
    },
    {
      name: 'LoadBalancer pending',
      svc: { metadata: { name: 'test3' }, spec: { type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 8888, nodePort: 30001 }], clusterIPs: ['10.9.8.7'] } },
      want: ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888:30001/TCP', '<unknown>', '<none>'],
    },
    {
      name: 'LoadBalancer with ingress and external IPs',
      svc: {
        metadata: { name: 'test4' },
        spec: { type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] },
        status: { loadBalancer: { ingress: [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }] } },
      },
      want: ['test4', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10', '8888/TCP', '<unknown>', '<none>'],
    },
    {
      name: 'ExternalName',
      svc: { metadata: { name: 'test5' }, spec: { type: 'ExternalName', externalName: 'my.database.example.com' } },
      want: ['test5', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '<unknown>', '<none>'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(row('Service', c.svc)).toEqual(c.want));
});

describe('Endpoints rows (TestPrintEndpoint)', () => {
  it.each([
    ['no subsets', {}, '<none>'],
    ['one address', { subsets: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 8001, protocol: 'TCP' }] }] }, '1.2.3.4:8001'],
    [
      'more than three',
      { subsets: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 8001, protocol: 'TCP' }, { port: 8002, protocol: 'TCP' }] }] },
      '1.2.3.4:8001,5.6.7.8:8001,1.2.3.4:8002 + 1 more...',
    ],
    ['headless without ports', { subsets: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] }] }, '1.2.3.4,5.6.7.8'],
  ])('%s', (_n, ep, want) => expect(row('Endpoints', { metadata: { name: 'e' }, ...ep })[1]).toBe(want));
});

describe('tabwriter (Go text/tabwriter, minwidth 6, padding 3)', () => {
  it.each([
    ['aligns columns to the widest cell plus padding', 'NAME\tAGE\nweb-1\t5s\n', 'NAME    AGE\nweb-1   5s\n'],
    ['pads short columns to the minimum width', 'A\tB\tC\nx\ty\tz\n', 'A     B     C\nx     y     z\n'],
    ['the last cell of a line is not padded', 'a\tb\nccc\t\n', 'a     b\nccc   \n'],
  ])('%s', (_n, input, want) => expect(tabulate(input)).toBe(want));
  it('a blank line ends the column block (plain Go tabwriter)', () => {
    expect(tabulate('NAME\tX\nlong-name-here\t1\n\nN\tY\na\t2\n', { rememberWidths: false })).toBe('NAME             X\nlong-name-here   1\n\nN     Y\na     2\n');
  });
  it('RememberWidths keeps columns from shrinking across blocks and flushes', () => {
    expect(tabulate('NAME\tX\nlong-name-here\t1\n\nN\tY\n')).toBe('NAME             X\nlong-name-here   1\n\nN                Y\n');
  });
});

describe('TablePrinter: rows straight from objects print as the server Table does', () => {
  // `kubectl get` prints objects through their handler row by row (hidden priority cells left out); the
  // table the server would send (toTable, always wide) must print the same through every decoration.
  const pods = [
    { metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web', tier: 'fe' }, creationTimestamp: ago(90) }, spec: { ...c2, nodeName: 'worker' }, status: { phase: 'Running', podIPs: [{ ip: '10.244.1.2' }], containerStatuses: [{ ready: true, restartCount: 0, state: running }, { ready: true, restartCount: 2, state: running, lastState: { terminated: { finishedAt: ago(30), exitCode: 1 } } }] } },
    { metadata: { name: 'db-0', namespace: 'prod', creationTimestamp: ago(86400) }, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } },
    { metadata: { name: 'multi\nline', namespace: 'x', labels: { app: 'a' } }, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running' } },
  ].map((p) => ({ apiVersion: 'v1', kind: 'Pod', ...p }) as KubeObject);
  const options: Array<[string, TablePrintOptions]> = [
    ['plain', {}],
    ['-A', { withNamespace: true }],
    ['-o wide -A', { wide: true, withNamespace: true }],
    ['--no-headers', { noHeaders: true }],
    ['kind prefix and labels', { withKind: 'pod', showLabels: true }],
    ['-L columns, wide', { wide: true, columnLabels: ['app', 'example.com/tier'] }],
  ];
  it.each(options)('%s', (_n, o) => {
    const print = (f: (p: TablePrinter, w: TabWriter) => void) => {
      let out = '';
      const w = new TabWriter((t) => (out += t));
      const p = new TablePrinter(o);
      f(p, w);
      w.flush();
      return out;
    };
    const viaTable = print((p, w) => {
      p.print(toTable('Pod', pods.slice(0, 2), now), w);
      p.print(toTable('Pod', pods.slice(2), now), w);
    });
    const viaObjects = print((p, w) => {
      p.printObjects(tableHandlerFor('Pod'), pods.slice(0, 2), now, w);
      p.printObjects(tableHandlerFor('Pod'), pods.slice(2), now, w);
    });
    expect(viaObjects).toBe(viaTable);
    expect(viaObjects.split('\n').length).toBe(o.noHeaders ? 4 : 5);
  });
});
