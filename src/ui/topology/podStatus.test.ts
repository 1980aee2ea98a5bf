import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStatusText, podTone, type PodTone } from './podStatus.ts';

const base: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

describe('podStatusText and podTone', () => {
  const cases: Array<{ name: string; pod: Pod; text: string; tone: PodTone }> = [
    { name: 'no status yet', pod: { ...base }, text: 'Pending', tone: 'pending' },
    { name: 'pending phase', pod: { ...base, status: { phase: 'Pending' } }, text: 'Pending', tone: 'pending' },
    { name: 'creating containers', pod: { ...base, status: { phase: 'Pending', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } }, text: 'ContainerCreating', tone: 'pending' },
    { name: 'running and ready', pod: { ...base, status: { phase: 'Running', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] } }, text: 'Running', tone: 'running' },
    { name: 'crash loop', pod: { ...base, status: { phase: 'Running', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }, text: 'CrashLoopBackOff', tone: 'failing' },
    { name: 'image pull failure', pod: { ...base, status: { phase: 'Pending', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] } }, text: 'ImagePullBackOff', tone: 'failing' },
    { name: 'completed', pod: { ...base, status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } }, text: 'Completed', tone: 'completed' },
    { name: 'error exit', pod: { ...base, status: { phase: 'Failed', containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] } }, text: 'Error', tone: 'failing' },
    { name: 'being deleted', pod: { ...base, metadata: { name: 'p', deletionTimestamp: '2025-01-01T00:00:00Z' }, status: { phase: 'Running' } }, text: 'Terminating', tone: 'terminating' },
    { name: 'init container running', pod: { ...base, spec: { containers: [{ name: 'c', image: 'nginx' }], initContainers: [{ name: 'i', image: 'busybox' }] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: {} } }] } }, text: 'Init:0/1', tone: 'pending' },
    { name: 'evicted', pod: { ...base, status: { phase: 'Failed', reason: 'Evicted' } }, text: 'Evicted', tone: 'failing' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text = podStatusText(c.pod);
      expect(text).toBe(c.text);
      expect(podTone(text)).toBe(c.tone);
    });
  }
});
