import { expect, test, type Page } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { LabPage } from './pages/LabPage.ts';

/** Every graph node's position in flow coordinates (React Flow's translate), by id: stable across refits and zoom. */
async function flowPositions(page: Page): Promise<Map<string, string>> {
  const rows = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', (e as HTMLElement).style.transform] as [string, string]));
  return new Map(rows);
}

for (const theme of ['dark', 'light'] as const) {
  test(`automatic layout (${theme}): owners above what they own, Services above the workloads they select`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    await lab.open({ theme });
    await lab.pause();
    await lab.exec('kubectl create deployment web --image=nginx --replicas=3', 'kubectl expose deployment web --port=80', 'kubectl create ingress web --rule=web.example/*=web:80', 'kubectl create deployment api --image=nginx --replicas=2');
    await lab.settle();
    await graph.view('owners');
    await graph.namespace('default');
    await expect(graph.card('Service', 'web')).toBeVisible();
    await expect(graph.card('Ingress', 'web')).toBeVisible();
    await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(3);
    await expect(graph.edges('endpoint')).toHaveCount(1);
    await expect(graph.edges('backend')).toHaveCount(1);
    // Layered: Ingress above Service above the ReplicaSet; Deployment above its ReplicaSet above its pods.
    const y = async (l: ReturnType<GraphPage['card']>) => (await l.boundingBox())!.y;
    const rs = page.locator('[data-testid="obj-card"][data-kind="ReplicaSet"][data-name^="web-"]');
    expect(await y(graph.card('Ingress', 'web'))).toBeLessThan(await y(graph.card('Service', 'web')));
    expect(await y(graph.card('Service', 'web'))).toBeLessThan(await y(rs));
    expect(await y(graph.card('Deployment', 'web'))).toBeLessThan(await y(rs));
    expect(await y(rs)).toBeLessThan(await y(graph.podsStartingWith('web-').first()));
    await page.waitForTimeout(400);
    await lab.shot(`layout-owners-${theme}`);
  });
}

test('automatic layout: a pod coming or going moves no other node', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=3', 'kubectl expose deployment web --port=80', 'kubectl create deployment api --image=nginx --replicas=2');
  await lab.settle();
  await graph.view('owners');
  await graph.namespace('default');
  await expect(graph.podsStartingWith('api-', 'Running')).toHaveCount(2);
  const before = await flowPositions(page);
  for (const step of ['kubectl scale deployment api --replicas=3', 'kubectl scale deployment api --replicas=2']) {
    await lab.exec(step);
    await lab.settle();
    await expect(graph.podsStartingWith('api-')).toHaveCount(step.endsWith('3') ? 3 : 2);
    const after = await flowPositions(page);
    const moved = [...before].filter(([id, p]) => after.has(id) && after.get(id) !== p).map(([id]) => id);
    expect(moved, step).toEqual([]);
  }
  // Re-layout lays everything out afresh (and keeps the graph drawn).
  await page.getByTestId('graph-relayout').click();
  await expect(graph.card('Service', 'web')).toBeVisible();
});

for (const theme of ['dark', 'light'] as const) {
  test(`every pod at scale (${theme}): pods draw inside their node box, as tiles when zoomed out, and stay selectable`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    await lab.open({ theme });
    await lab.pause();
    await lab.exec('kubectl create deployment big --image=nginx --replicas=160');
    await lab.settle();
    await page.getByTestId('graph-detail').click();
    await page.locator('.react-flow__controls-fitview').click();
    await expect(graph.pods()).toHaveCount(160 + 12); // and the cluster's own twelve (control plane, kube-proxy, flannel, CoreDNS)
    // Crowded: no React Flow node per pod; the cards live in the boxes.
    await expect(page.locator('.react-flow__node-pod')).toHaveCount(0);
    await expect(page.locator('.react-flow__node-k8sNode .pod-grid').first()).toBeVisible();
    await expect(page.locator('.react-flow')).toHaveAttribute('data-zoom', 'far');
    await page.waitForTimeout(400);
    await lab.shot(`graph-crowded-far-${theme}`);
    // A tile is still a pod: clicking it selects it.
    const first = graph.podsStartingWith('big-').first();
    const name = (await first.getAttribute('data-pod')) ?? '';
    await first.click();
    await expect(page.getByTestId('inspector-view')).toContainText(name);
    await lab.shot(`graph-crowded-selected-${theme}`);
  });
}
