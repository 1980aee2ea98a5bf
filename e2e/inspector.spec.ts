import { expect, test } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { InspectorPage } from './pages/InspectorPage.ts';
import { LabPage } from './pages/LabPage.ts';

const DEPLOYMENT = `cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        readinessProbe: {httpGet: {path: /, port: 80}}
EOF`;

async function setup(lab: LabPage): Promise<void> {
  await lab.pause();
  await lab.exec(DEPLOYMENT, 'kubectl expose deployment web --port=80');
  await lab.settle();
}

for (const theme of ['dark', 'light'] as const) {
  test(`inspector (${theme}): a pod — summary, probes, logs, related owner`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    const insp = new InspectorPage(page);
    await lab.open({ theme });
    await setup(lab);
    const pod = graph.podsStartingWith('web-', 'Running').first();
    const name = (await pod.getAttribute('data-pod')) ?? '';
    await pod.click();
    await insp.shows('Pod', name);
    await expect(insp.status()).toHaveText(/Running/);
    await expect(insp.field('node')).toHaveText(/^worker-/);
    await expect(insp.field('ip')).toHaveText(/^10\.244\./);
    await expect(page.getByTestId('inspector-probe')).toHaveText(['Readiness: http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3']);
    await lab.shot(`inspector-pod-${theme}`);

    await insp.tab('logs');
    await expect(page.getByTestId('inspector-logs')).toContainText('nginx');
    await insp.tab('yaml');
    await expect(page.getByTestId('inspector-yaml')).toContainText(`name: ${name}`);
    await expect(page.getByTestId('inspector-yaml')).not.toContainText('managedFields');
    await insp.tab('related');
    await expect(insp.ref('Service', 'web')).toBeVisible();
    await insp.ref('ReplicaSet').click();
    await insp.shows('ReplicaSet', name.split('-').slice(0, 2).join('-'));
  });
}

test('inspector: a Service — endpoints and one node’s kube-proxy rules', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  const insp = new InspectorPage(page);
  await lab.open();
  await setup(lab);
  await graph.card('Service', 'web').click();
  await insp.shows('Service', 'web');
  await expect(insp.field('selector')).toHaveText('app=web');
  await expect(page.getByTestId('inspector-endpoints').locator('tr')).toHaveCount(2);
  await insp.tab('rules');
  await page.getByTestId('inspector-rules-node').selectOption('worker-1');
  await expect(page.getByTestId('inspector-rules')).toContainText('-A KUBE-SERVICES');
  await expect(page.getByTestId('inspector-rules')).toContainText('"default/web cluster IP"');
  await expect(page.getByTestId('inspector-rules')).toContainText('-j DNAT --to-destination 10.244.');
  await lab.shot('inspector-service-rules-dark');
});

test('inspector: a node — capacity, taints, its pods', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  const insp = new InspectorPage(page);
  await lab.open({ theme: 'light' });
  await setup(lab);
  await graph.node('control-plane').click({ position: { x: 60, y: 16 } });
  await insp.shows('Node', 'control-plane');
  await expect(page.getByText('node-role.kubernetes.io/control-plane:NoSchedule')).toBeVisible();
  await insp.tab('related');
  await expect(insp.ref('Pod').first()).toBeVisible();
});

test('the events timeline selects the same object as the graph', async ({ page }) => {
  const lab = new LabPage(page);
  const insp = new InspectorPage(page);
  await lab.open();
  await setup(lab);
  await page.getByTestId('dock-tab-events').click();
  const scaled = page.getByTestId('event-object').filter({ hasText: 'deployment.apps/web' }).first();
  await scaled.click();
  await insp.shows('Deployment', 'web');
  await expect(insp.status()).toHaveText(/2\/2 ready/);
  await insp.tab('related');
  await expect(insp.ref('ReplicaSet')).toHaveCount(1);
});

test('object names in terminal output are links that select the object', async ({ page }) => {
  const lab = new LabPage(page);
  const insp = new InspectorPage(page);
  await lab.open();
  await setup(lab);
  await lab.type('kubectl get deploy,svc');
  await expect.poll(() => lab.terminalText()).toContain('service/web');
  // Click the middle of the text "service/web" where xterm drew it.
  // xterm draws its DOM rows on the next animation frame: look until the text is drawn.
  const find = () =>
    page.evaluate(() => {
      const rows = document.querySelectorAll('.xterm-rows > div');
      for (const row of rows) {
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? '').indexOf('service/web');
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 'service/web'.length);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
      }
      return undefined;
    });
  let at: { x: number; y: number } | undefined;
  await expect.poll(async () => (at = await find()) !== undefined).toBe(true);
  await page.mouse.move(at!.x, at!.y);
  await page.mouse.click(at!.x, at!.y);
  await insp.shows('Service', 'web');
});
