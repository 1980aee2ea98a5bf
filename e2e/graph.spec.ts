import { expect, test } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { LabPage } from './pages/LabPage.ts';

for (const theme of ['dark', 'light'] as const) {
  test(`graph (${theme}): control plane, resource bars, Services to endpoints, Ingress to Service`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    await lab.open({ theme });
    await lab.pause();
    await lab.exec('kubectl create deployment web --image=nginx --replicas=3', 'kubectl expose deployment web --port=80', 'kubectl create ingress web --rule=web.example/*=web:80');
    await lab.settle();
    await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(3);
    // The control plane's four components, with leaders when the leases name them.
    const cp = graph.node('control-plane');
    await expect(cp.getByTestId('cp-chip')).toHaveText([/apiserver/, /etcd/, /scheduler/, /controller-manager/]);
    // Allocatable-vs-requested bars carry their numbers as text.
    await expect(cp.getByTestId('bar-cpu')).toContainText('/ 4');
    await expect(graph.card('Service', 'web')).toContainText('3 ready');
    await graph.namespace('default');
    await expect(graph.edges('endpoint')).toHaveCount(3);
    await expect(graph.edges('backend')).toHaveCount(1);
    await graph.namespace('');
    // Status by icon and text too, not only colour.
    await expect(graph.podsStartingWith('web-').first().locator('.pod-dot')).toHaveText('✓');
    await expect(graph.podsStartingWith('web-').first().getByTestId('container-chip')).toHaveCount(1);
    await lab.shot(`graph-nodes-${theme}`);

    await graph.view('owners');
    await graph.namespace('default');
    await expect(graph.card('Deployment', 'web')).toBeVisible();
    await expect(page.locator('[data-testid="obj-card"][data-kind="ReplicaSet"]')).toHaveCount(1);
    await expect(graph.edges('owner')).toHaveCount(1 + 3);
    await lab.shot(`graph-owners-${theme}`);
  });
}

test('namespace filter and search', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=2', 'kubectl create namespace shop', 'kubectl run cart --image=nginx -n shop');
  await lab.settle();
  await expect(graph.pod('cart')).toHaveCount(1);
  await graph.namespace('shop');
  await expect(graph.pods()).toHaveCount(1);
  await expect(graph.pod('cart')).toBeVisible();
  await graph.namespace('');
  await graph.search('cart');
  await expect(graph.pod('cart')).toHaveClass(/matched/);
  await expect(graph.podsStartingWith('web-').first()).toHaveClass(/dimmed/);
  await page.getByTestId('graph-search').press('Escape');
  await expect(graph.matched()).toHaveCount(0);
});

test('pods wait in the unscheduled lane, then move into the node that fits', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: c, image: nginx}]
EOF`);
  await lab.settle(10_000);
  await expect(graph.unscheduledLane()).toBeVisible();
  await expect(graph.pod('picky')).toHaveAttribute('data-node', '');
  await expect(graph.pod('picky')).toHaveAttribute('data-status', 'Pending');
  await lab.exec('kubectl label node worker-1 disk=ssd');
  await lab.settle();
  await expect(graph.unscheduledLane()).toHaveCount(0);
  await expect(graph.pod('picky')).toHaveAttribute('data-node', 'worker-1');
  await expect(graph.pod('picky')).toHaveAttribute('data-status', 'Running');
});

test('a rollout shows both ReplicaSets and old pods terminating; a failed node’s pods are recreated elsewhere', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx:1.26 --replicas=2');
  await lab.settle();
  await graph.view('owners');
  await graph.namespace('default');
  await lab.exec('kubectl set image deployment/web nginx=nginx:1.27');
  await page.evaluate(() => window.__kubelab!.cluster.advance(1500));
  await expect(page.locator('[data-testid="obj-card"][data-kind="ReplicaSet"]')).toHaveCount(2);
  await lab.settle();
  await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(2);

  await graph.view('nodes');
  const victim = (await graph.podsStartingWith('web-').first().getAttribute('data-node')) ?? '';
  await lab.exec(`lab node fail ${victim}`);
  await page.evaluate(() => window.__kubelab!.cluster.advance(400_000));
  await expect(graph.node(victim)).toHaveClass(/not-ready/);
  await expect(graph.podsStartingWith('web-', 'Running').and(page.locator(`[data-node]:not([data-node="${victim}"])`))).toHaveCount(2);
});

test('level of detail: zoomed out, nodes collapse to pod-count badges', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=6');
  await lab.settle();
  await expect(graph.root).toHaveAttribute('data-collapsed', 'false');
  await graph.zoomOutUntilCollapsed();
  await expect(graph.root).toHaveAttribute('data-collapsed', 'true');
  await expect(graph.pods()).toHaveCount(0);
  const total = await graph.badges().locator('[data-tone="running"]').allTextContents();
  expect(total.map((t) => Number(t.replace(/\D/g, ''))).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
  await lab.shot('graph-collapsed-dark');
});

test('a request flows hop by hop when lab curl runs', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=1', 'kubectl expose deployment web --port=80', 'kubectl run client --image=busybox -- sleep 3600');
  await lab.settle();
  await expect(graph.pod('client')).toHaveAttribute('data-status', 'Running');
  // Record every hop the graph lights (one per HOP_MS): polling the attribute can miss a short-lived hop.
  await graph.root.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __traceHops: string[] }).__traceHops = seen;
    new MutationObserver(() => {
      const v = el.getAttribute('data-trace') ?? '';
      if (v && seen[seen.length - 1] !== v) seen.push(v);
    }).observe(el, { attributes: true, attributeFilter: ['data-trace'] });
  });
  await lab.exec('lab curl http://web --from client');
  await expect(graph.root).toHaveAttribute('data-trace', /^pod:default\/web-/);
  const hops = await page.evaluate(() => (window as unknown as { __traceHops: string[] }).__traceHops);
  expect(hops[0]).toBe('pod:default/client');
  expect(hops).toContain('obj:Service:default/web');
  expect(hops.indexOf('obj:Service:default/web')).toBeLessThan(hops.findIndex((h) => h.startsWith('pod:default/web-')));
  await expect(graph.edges('trace')).not.toHaveCount(0);
});

test('keyboard: the toolbar is reachable with Tab and shows focus', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByTestId('graph-view-nodes').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('graph-namespace')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('graph-search')).toBeFocused();
  const outline = await page.getByTestId('graph-search').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('keyboard: a pod card can be focused and selected with Enter', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl run solo --image=nginx');
  await lab.settle();
  await expect(graph.pod('solo')).toBeVisible();
  const wrapper = page.locator('.react-flow__node', { has: page.locator('[data-pod="solo"]') });
  await wrapper.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-view')).toHaveAttribute('data-name', 'solo');
});

test('the cluster\'s own pods are drawn dimmed, and kube-system can be filtered', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  // A booted lab: the control plane's mirror pods, kube-proxy and flannel on every node, CoreDNS.
  await expect(graph.pod('etcd-control-plane')).toHaveAttribute('data-system', 'true');
  await expect(page.locator('[data-testid="pod-card"][data-system="true"]')).toHaveCount(12);
  await lab.exec('kubectl create deployment web --image=nginx --replicas=3');
  await lab.settle();
  await expect(graph.podsStartingWith('web-').first()).not.toHaveAttribute('data-system', 'true');
  await lab.shot('graph-system-pods');
  await graph.namespace('kube-system');
  await expect(graph.pods()).toHaveCount(9);
  await lab.shot('graph-kube-system');
});

test('no two pod cards share a place while the graph re-flows (pods move with their box, not over its neighbours)', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.goto('/?nodes=6');
  await page.waitForFunction(() => window.__kubelab !== undefined);
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=8');
  await lab.settle();
  // Every animation frame for 0.7 s (the glide lasts 0.45 s): pairs of cards overlapping by more than a fifth.
  const sample = () =>
    page.evaluate(async () => {
      const hits: string[] = [];
      const t0 = performance.now();
      while (performance.now() - t0 < 700) {
        await new Promise((r) => requestAnimationFrame(r));
        const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="pod-card"]')].map((e) => ({ name: e.dataset.pod, r: e.getBoundingClientRect() }));
        for (let i = 0; i < cards.length; i++)
          for (let j = i + 1; j < cards.length; j++) {
            const a = cards[i].r;
            const b = cards[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 0 && h > 0 && w * h > 0.2 * a.width * a.height) hits.push(`${cards[i].name} × ${cards[j].name}`);
          }
      }
      return [...new Set(hits)];
    });
  // 8 → 11 replicas adds a row to some boxes: the boxes below move down (and the dimmed system pods in them with them).
  const during = sample();
  await lab.exec('kubectl scale deployment web --replicas=11');
  await lab.settle();
  expect(await during).toEqual([]);
  await expect(page.locator('[data-testid="pod-card"][data-pod^="web-"]')).toHaveCount(11);
});
