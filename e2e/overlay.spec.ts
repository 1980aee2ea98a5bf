import { expect, test, type Page } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { LabPage } from './pages/LabPage.ts';

/**
 * The scheduling overlay reads `cluster.explainScheduling(namespace, name)`. When the engine does not
 * offer it, the test installs a stand-in with the same shape (framework codes and plugin reasons as the
 * scheduler reports them) so the overlay's drawing is still tested; the real explanation is used when present.
 */
async function ensureExplainer(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const c = window.__kubelab!.cluster as unknown as { explainScheduling?: unknown; list(kind: string): Array<{ metadata?: { name?: string; labels?: Record<string, string> } }> };
    if (typeof c.explainScheduling === 'function') return true;
    c.explainScheduling = (ns: string, name: string) => ({
      pod: `${ns}/${name}`,
      nodes: c.list('nodes').map((n, i) => {
        const nodeName = n.metadata?.name ?? '';
        if (nodeName === 'control-plane')
          return { name: nodeName, filters: [{ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reason: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" }], scores: [], total: 0 };
        if (n.metadata?.labels?.disk !== 'ssd') return { name: nodeName, filters: [{ plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reason: "node(s) didn't match Pod's node affinity/selector" }], scores: [], total: 0 };
        return { name: nodeName, filters: [{ plugin: 'NodeAffinity', code: 'Success' }], scores: [{ plugin: 'NodeResourcesBalancedAllocation', raw: 90 + i, normalized: 90 + i, weight: 1, weighted: 90 + i }], total: 90 + i };
      }),
    });
    return false;
  });
}

for (const theme of ['dark', 'light'] as const) {
  test(`scheduling overlay (${theme}): a pending pod shows each node's verdict and the plugin table`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    await lab.open({ theme });
    await lab.pause();
    await ensureExplainer(page);
    await lab.exec(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: c, image: nginx}]
EOF`);
    await lab.settle(10_000);
    await graph.pod('picky').click();
    await expect(graph.schedulingPanel()).toBeVisible();
    await expect(graph.schedulingPanel().getByTestId('scheduling-row')).toHaveCount(3);
    await expect(graph.verdict('control-plane')).toHaveAttribute('data-feasible', 'false');
    await expect(graph.verdict('worker-1')).toHaveAttribute('data-feasible', 'false');
    await expect(graph.verdict('worker-1')).toContainText("didn't match Pod's node affinity/selector");
    await graph.schedulingPanel().getByRole('button', { name: /worker-2/ }).click();
    await expect(graph.schedulingPanel().getByTestId('plugin-table')).toContainText('NodeAffinity');
    await lab.shot(`overlay-${theme}`);
  });
}

test('scheduling overlay: bound pods show it on request; without an explanation the panel says so', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl run solo --image=nginx');
  await lab.settle();
  await graph.pod('solo').click();
  await expect(graph.schedulingPanel()).toHaveCount(0);
  await page.evaluate(() => {
    (window.__kubelab!.cluster as unknown as { explainScheduling?: unknown }).explainScheduling = () => {
      throw new Error('pod not found');
    };
  });
  await graph.toggleScheduling();
  await expect(graph.schedulingPanel()).toHaveAttribute('data-empty', 'true');
});
