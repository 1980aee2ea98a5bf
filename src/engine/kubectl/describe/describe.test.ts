// kubectl describe: exact text for Namespace (describeNamespace in describe.go: Name, multiline Labels and
// Annotations, Status, then the quota and limit-range notices) and describe's multi-object separator
// (DescribeMatchingResources prints "\n\n" between objects), through createCluster + cluster.run.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const ns = (name: string) => `Name:         ${name}\nLabels:       kubernetes.io/metadata.name=${name}\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n`;

// kube-flannel.yml's Namespace carries its own labels (k8s-app, and PodSecurity enforce=privileged for the host-network DaemonSet).
const flannelNs =
  'Name:         kube-flannel\nLabels:       k8s-app=flannel\n              kubernetes.io/metadata.name=kube-flannel\n              pod-security.kubernetes.io/enforce=privileged\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n';

describe('kubectl describe namespace', () => {
  const c = createCluster({ seed: 1, nodes: 0 });
  it.each([
    ['one namespace', 'kubectl describe ns default', ns('default'), '', 0],
    // DescribeMatchingResources prints each prefix match followed by "\n" (Run joins exact matches with "\n\n").
    ['name prefix matches several, each followed by a newline', 'kubectl describe ns kube-', `${flannelNs}\n${ns('kube-node-lease')}\n${ns('kube-public')}\n${ns('kube-system')}\n`, '', 0],
    ['two names, separated by a blank pair', 'kubectl describe ns default kube-public', `${ns('default')}\n\n${ns('kube-public')}`, '', 0],
    ['not found', 'kubectl describe ns nope', '', 'Error from server (NotFound): namespaces "nope" not found\n', 1],
  ])('%s', (_n, cmd, stdout, stderr, code) => {
    expect(c.run(cmd)).toEqual({ stdout, stderr, exitCode: code });
  });

  it('labels print one per line, sorted', () => {
    c.run('kubectl create ns team');
    c.run('kubectl label ns team b=2 a=1');
    expect(c.run('kubectl describe ns team').stdout).toBe(
      'Name:         team\nLabels:       a=1\n              b=2\n              kubernetes.io/metadata.name=team\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
  });
});
