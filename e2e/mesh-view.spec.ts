import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/LabPage.ts';

// The graph's mesh view over Istio's Bookinfo (istio.io/latest/docs/examples/bookinfo and the "Request routing" task):
// the ingress gateway → productpage → details / reviews v1, v2, v3 → ratings; virtual-service-all-v1.yaml then sends
// every reviews request to v1, so the v2 and v3 edges go idle once their samples leave the last minute.

const GATEWAY = "$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')";
const wl = (name: string, ns = 'default') => `mesh:wl:${ns}/${name}`;
const edgeLabel = (page: Page, from: string, to: string) => page.locator(`[data-testid="mesh-edge-label"][data-edge="mesh:e:${from}>${to}>http"]`);

async function bookinfo(lab: LabPage): Promise<void> {
  await lab.exec(
    'istioctl install --set profile=demo -y',
    'kubectl label namespace default istio-injection=enabled',
    'lab sample bookinfo',
    'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml',
    'sleep 60',
  );
}

test('mesh view: Bookinfo traffic per edge, routing all to v1, an edge in the inspector', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  await lab.open({ theme: 'dark' });
  await lab.pause();
  const toggle = page.getByTestId('graph-view-mesh');
  // Without Istio the view cannot be chosen; its tooltip says how to install it.
  await expect(toggle).toBeDisabled();
  await expect(toggle).toHaveAttribute('title', /istioctl install --set profile=demo -y/);

  await bookinfo(lab);
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(page.getByTestId('topology')).toHaveAttribute('data-view', 'mesh');
  const empty = page.getByTestId('mesh-empty');
  await expect(empty).toHaveAttribute('data-reason', 'no-traffic');
  await expect(empty).toContainText('No traffic in the last minute');
  await expect(empty.locator('code').last()).toHaveText(/^lab load http:\/\/\d+\.\d+\.\d+\.\d+\/productpage --rps 10 --duration 30s$/);
  await lab.shot('mesh-empty-dark');

  await lab.exec(`lab load http://${GATEWAY}/productpage --rps 10 --duration 30s`);
  await expect(empty).toHaveCount(0);
  // The gateway is the entry; productpage calls details and the three versions of reviews, grouped in one box.
  await expect(page.locator(`[data-testid="mesh-node"][data-role="gateway"]`)).toHaveAttribute('data-workload', 'istio-ingressgateway');
  const reviews = page.locator('[data-testid="mesh-app"][data-app="reviews"]');
  await expect(reviews).toBeVisible();
  for (const v of ['v1', 'v2', 'v3']) {
    const label = edgeLabel(page, wl('productpage-v1'), wl(`reviews-${v}`));
    await expect(label).toHaveAttribute('data-tone', 'ok');
    await expect(label).toContainText(/\d+\.\d+ rps/);
    await expect(label.locator('.mesh-lock')).toHaveCount(1);
  }
  await expect(edgeLabel(page, wl('istio-ingressgateway', 'istio-system'), wl('productpage-v1'))).toContainText(/1\d\.\d rps/);
  await expect(edgeLabel(page, wl('reviews-v2'), wl('ratings-v1'))).toHaveAttribute('data-tone', 'ok');
  await expect(page.getByTestId('mesh-legend')).toBeVisible();
  // Hovering a label shows the latency quantiles.
  const v2 = edgeLabel(page, wl('productpage-v1'), wl('reviews-v2'));
  await v2.hover();
  await expect(v2.locator('.mesh-edge-lat')).toBeVisible();
  await expect(v2.locator('.mesh-edge-lat')).toHaveText(/^p50 [\d.]+m?s · p90 [\d.]+m?s · p99 [\d.]+m?s$/);
  await page.mouse.move(5, 5);
  await lab.shot('mesh-bookinfo-dark');

  // A request through the gateway flows hop by hop: the gateway, then productpage light up.
  await lab.exec(`lab curl http://${GATEWAY}/productpage`);
  await expect(page.locator('.mesh-node.current')).toHaveCount(1, { timeout: 5000 });

  // Route every reviews request to v1; after a minute without them, v2 and v3 fade to zero.
  await lab.exec('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml', 'kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml', 'sleep 61');
  await lab.exec(`lab load http://${GATEWAY}/productpage --rps 10 --duration 10s`);
  for (const v of ['v2', 'v3']) {
    const label = edgeLabel(page, wl('productpage-v1'), wl(`reviews-${v}`));
    await expect(label).toHaveAttribute('data-tone', 'idle');
    await expect(label).toHaveAttribute('data-rps', '0');
  }
  const v1 = edgeLabel(page, wl('productpage-v1'), wl('reviews-v1'));
  await expect(v1).toHaveAttribute('data-tone', 'ok');
  await expect(page.locator('[data-testid="mesh-node"][data-workload="ratings-v1"]')).toHaveAttribute('data-idle', 'true');

  // Selecting the edge shows its figures and the route it matched.
  await v1.click();
  const insp = page.getByTestId('inspector-view');
  await expect(insp).toHaveAttribute('data-kind', 'MeshEdge');
  await expect(insp.getByTestId('inspector-name')).toHaveText('productpage-v1 → reviews-v1');
  await expect(insp.getByTestId('mesh-stat-rps')).toContainText(/\d+\.\d+/);
  await expect(insp.getByTestId('mesh-stat-errors')).toContainText('0%');
  await expect(insp.getByTestId('mesh-stat-p99')).toContainText(/ms/);
  await expect(insp.getByTestId('mesh-edge-mtls')).toHaveAttribute('data-mtls', 'true');
  await expect(insp.getByTestId('mesh-edge-service')).toHaveText('reviews.default.svc.cluster.local');
  await expect(insp.getByTestId('mesh-edge-vs')).toHaveText('reviews.default');
  await expect(insp.getByTestId('mesh-edge-subset')).toHaveText('v1');
  await expect(v1).toHaveClass(/selected/);
  await lab.shot('mesh-routed-v1-dark');

  // Errors turn an edge red with its share: ratings aborts half its requests (fault injection).
  await lab.exec(
    `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - fault:
      abort:
        percentage: {value: 50}
        httpStatus: 500
    route:
    - destination: {host: ratings, subset: v1}
EOF`,
    'kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-v3.yaml',
    `lab load http://${GATEWAY}/productpage --rps 10 --duration 10s`,
  );
  // An aborted request is the proxy's own reply, reported against the ratings service: the edge ends at its box, red.
  const aborted = edgeLabel(page, wl('reviews-v3'), 'mesh:app:default/ratings');
  await expect(aborted).toHaveAttribute('data-tone', 'error');
  await expect(aborted.locator('.mesh-edge-err')).toHaveText('100%');
  await expect(edgeLabel(page, wl('reviews-v3'), wl('ratings-v1'))).toHaveAttribute('data-tone', 'ok');
  await expect(page.locator('[data-testid="mesh-app"][data-app="ratings"]')).toHaveClass(/h-error/);

  // The theme switch keeps the view; the light screenshot.
  await page.getByTestId('theme-toggle').click();
  await page.mouse.move(5, 5);
  await lab.shot('mesh-errors-light');
  // Clicking a workload selects its Deployment.
  await page.locator('[data-testid="mesh-node"][data-workload="details-v1"]').click();
  await expect(insp).toHaveAttribute('data-kind', 'Deployment');
  await expect(insp).toHaveAttribute('data-name', 'details-v1');
  await lab.shot('mesh-bookinfo-light');
  // Chinese labels.
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(toggle).toHaveText('网格');
  await expect(page.getByTestId('mesh-legend')).toContainText('双向 TLS');
  await lab.shot('mesh-bookinfo-light-zh');
});
