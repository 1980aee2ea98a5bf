import { expect, test } from '@playwright/test';
import { LabPage } from './pages/LabPage.ts';

const INVALID = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: web
        image: nginx
`;

test('the editor loads lazily; applying the starter file creates the Deployment and its pods', async ({ page }) => {
  const monacoRequests: string[] = [];
  page.on('request', (r) => {
    if (/monaco/i.test(r.url())) monacoRequests.push(r.url());
  });
  const lab = new LabPage(page);
  await lab.open();
  // The page is interactive (the terminal answers) before anything of Monaco was asked for.
  await lab.type('kubectl get nodes');
  await expect.poll(() => lab.terminalText()).toContain('control-plane');
  expect(monacoRequests).toEqual([]);

  await lab.openEditor();
  expect(monacoRequests.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/workspace-editor.png' });

  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-status')).toContainText('deployment.apps/hello created');
  await expect.poll(() => lab.terminalText()).toContain('$ kubectl apply -f ~/app.yaml\ndeployment.apps/hello created\nservice/hello created\n$ ');

  await page.getByTestId('speed-60').click();
  await expect(lab.runningPods('hello-')).toHaveCount(3, { timeout: 30_000 });

  // Ctrl+Enter applies too (unchanged objects this time).
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toContainText('deployment.apps/hello unchanged');
  await page.screenshot({ path: 'test-results/workspace-applied.png' });
});

test('an invalid file shows the engine error as a message and a marker on its line', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open({ draft: INVALID });
  await lab.openEditor();
  await page.getByTestId('editor-apply').click();
  const status = page.getByTestId('editor-status');
  await expect(status).toContainText('The Deployment "broken" is invalid: spec.template.metadata.labels');
  await expect(status).toContainText('app.yaml:11');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect.poll(() => lab.terminalText()).toContain('The Deployment "broken" is invalid');
  await page.screenshot({ path: 'test-results/workspace-editor-error.png' });
});

test('the Kubernetes schema flags an unknown field before anything is applied', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open({ draft: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containerz: []\n' });
  await lab.openEditor();
  await expect(page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first()).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: 'test-results/workspace-schema.png' });
});

test('the inspector shows a clicked pod; the events tab selects objects', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.type('kubectl run web --image=nginx --labels=app=web');
  await page.getByTestId('speed-60').click();
  await expect(lab.runningPods('web')).toHaveCount(1, { timeout: 30_000 });
  await lab.runningPods('web').click();

  const insp = page.getByTestId('inspector-view');
  await expect(insp).toHaveAttribute('data-name', 'web');
  await expect(page.getByTestId('inspector-status')).toHaveText(/^✓\s*Running$/);
  await expect(page.getByTestId('inspector-node')).toHaveText(/^worker-/);
  await expect(page.getByTestId('inspector-ip')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);
  await expect(page.getByTestId('inspector-container')).toContainText('nginx');
  await expect(insp).toContainText('app=web');
  await page.screenshot({ path: 'test-results/workspace-inspector.png' });

  await page.getByTestId('inspector-tab-events').click();
  await expect(page.getByTestId('inspector-events')).toContainText('Scheduled');
  await page.getByTestId('inspector-tab-yaml').click();
  await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Pod');

  // Select a node from the graph, then the pod again from the events list.
  await page.locator('[data-testid="node-box"][data-node="control-plane"] .node-name').click();
  await expect(insp).toHaveAttribute('data-kind', 'Node');
  await page.getByTestId('dock-tab-events').click();
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByTestId('event-object').filter({ hasText: 'pod/web' }).first().click();
  await expect(insp).toHaveAttribute('data-name', 'web');
  await page.screenshot({ path: 'test-results/workspace-events.png' });
});

test('the empty graph suggests a command; clicking it puts it at the prompt, and Enter runs it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.evaluate(() => window.__kubelab?.type('kubectl get'));
  const cmd = page.getByTestId('try-command');
  await expect(cmd).toHaveText('kubectl create deployment web --image=nginx --replicas=3');
  await cmd.click();
  // What was half-typed is replaced; the terminal has the keyboard, so Enter runs the suggestion.
  await expect.poll(async () => (await lab.terminalText()).split('\n').pop()).toBe('$ kubectl create deployment web --image=nginx --replicas=3');
  await page.keyboard.press('Enter');
  await expect.poll(() => lab.terminalText()).toContain('deployment.apps/web created');
  await expect(cmd).toHaveCount(0);
});

test('language switch and theme persist across a reload', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByTestId('dock-tab-terminal')).toHaveText('终端');
  await expect(page.getByTestId('dock-tab-editor')).toHaveText('编辑器');
  await expect(page.getByTestId('reset')).toHaveText('重置');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: 'test-results/workspace-zh-light.png' });
  await page.reload();
  await page.waitForFunction(() => window.__kubelab !== undefined);
  await expect(page.getByTestId('dock-tab-events')).toHaveText('事件');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // The terminal started in Chinese: its welcome lines are Chinese, the commands in them stay as typed.
  await expect.poll(() => lab.terminalText()).toContain('欢迎使用 Kubelab');
  expect(await lab.terminalText()).toContain('输入 help 查看 shell 命令，或者从 kubectl get nodes 开始。');
  await page.screenshot({ path: 'test-results/workspace-zh-reloaded.png' });
});

test.describe('narrow screens', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('360 px wide: panels become tabs and everything still works', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.getByTestId('narrow-tab-terminal').click();
    await page.getByTestId('terminal').click();
    await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=2');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.terminalText()).toContain('deployment.apps/web created');
    await page.screenshot({ path: 'test-results/narrow-terminal.png' });
    await page.getByTestId('speed-60').click();
    await page.getByTestId('narrow-tab-cluster').click();
    // With the cluster's own twelve pods a phone-sized graph opens zoomed out (pod-count badges): show default only.
    await page.getByTestId('graph-namespace').selectOption('default');
    await expect(lab.runningPods('web-')).toHaveCount(2, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/narrow-cluster.png' });
    await lab.runningPods('web-').first().click();
    await page.getByTestId('narrow-tab-inspector').click();
    await expect(page.getByTestId('inspector-status')).toHaveText(/^✓\s*Running$/);
    await page.screenshot({ path: 'test-results/narrow-inspector.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  test('360 px wide: the suggested command in the graph opens the terminal tab with it at the prompt', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await page.getByTestId('try-command').click();
    await expect(page.getByTestId('narrow-tab-terminal')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(async () => (await lab.terminalText()).split('\n').pop()).toBe('$ kubectl create deployment web --image=nginx --replicas=3');
    await page.screenshot({ path: 'test-results/narrow-try.png' });
  });
});
