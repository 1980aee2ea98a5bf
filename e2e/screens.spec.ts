import { expect, test } from '@playwright/test';
import { EmbedPage } from './pages/EmbedPage.ts';
import { GraphPage } from './pages/GraphPage.ts';
import { InspectorPage } from './pages/InspectorPage.ts';
import { ScreensPage, type Theme, type UiLocale } from './pages/ScreensPage.ts';

// The evidence tour: every panel of the lab in both themes and both languages, saved under
// test-results/screens/ to be looked at. Each picture is taken after the panel shows what it should, so a
// broken panel fails here rather than producing a picture of nothing.

const COMBOS: Array<{ theme: Theme; locale: UiLocale }> = [
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'zh-CN' },
  { theme: 'light', locale: 'zh-CN' },
];

const TEXT = {
  en: { terminal: 'Terminal', events: 'Events', apply: 'Apply', cancel: 'Cancel', edit: 'Edit', viewing: 'Viewing' },
  'zh-CN': { terminal: '终端', events: '事件', apply: '应用', cancel: '取消', edit: '编辑', viewing: '正在查看' },
};

/** A file the Kubernetes schema flags (an unknown field) before anything is applied. */
const SCHEMA_ERROR = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: shop\n  template:\n    metadata:\n      labels:\n        app: shop\n    spec:\n      containerz: []\n';
const cm = (mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: ${mode}\n`;

for (const { theme, locale } of COMBOS) {
  test.describe(`screens (${theme}, ${locale})`, () => {
    test('top bar, graph, inspector, terminal, editor, events, past view', async ({ page, context }) => {
      test.setTimeout(120_000);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const lab = new ScreensPage(page, theme, locale);
      const graph = new GraphPage(page);
      const insp = new InspectorPage(page);
      const L = TEXT[locale];
      await lab.open('/', SCHEMA_ERROR);
      await lab.pause();
      // An empty inspector says what to do.
      await expect(page.locator('.inspector-empty')).toBeVisible();
      await lab.shot('inspector-empty', lab.panel('inspector'));

      // `sleep 30` right after the create: the past moment viewed below lies inside it.
      await lab.exec('kubectl create deployment web --image=nginx --replicas=3', 'kubectl expose deployment web --port=80', 'kubectl create configmap settings --from-literal=mode=slow', 'sleep 30', 'kubectl scale deployment web --replicas=4');
      await lab.settle();
      await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(4);
      await expect(page.getByTestId('dock-tab-terminal')).toHaveText(L.terminal);
      await lab.shot('page');
      await lab.shot('topbar', lab.header());

      // The graph: node view, then owner view.
      await lab.shot('graph-nodes', lab.panel('graph'));
      await graph.view('owners');
      await graph.namespace('default');
      await expect(graph.card('Service', 'web')).toBeVisible();
      await lab.shot('graph-owners', lab.panel('graph'));
      await graph.view('nodes');
      await graph.namespace('default');

      // The inspector: a pod, a node, a Service (with its endpoints).
      const pod = graph.podsStartingWith('web-', 'Running').first();
      const podName = (await pod.getAttribute('data-pod')) ?? '';
      await pod.click();
      await insp.shows('Pod', podName);
      await expect(page.getByTestId('inspector-edit')).toHaveText(L.edit);
      await lab.shot('inspector-pod', lab.panel('inspector'));
      await page.locator('[data-testid="node-box"][data-node="worker-1"] .node-name').click();
      await insp.shows('Node', 'worker-1');
      await lab.shot('inspector-node', lab.panel('inspector'));
      await graph.card('Service', 'web').click();
      await insp.shows('Service', 'web');
      await expect(page.getByTestId('inspector-endpoints')).toBeVisible();
      await lab.shot('inspector-service', lab.panel('inspector'));

      // The inspector's Edit: kubectl edit's file over the editor tab, with Apply and Cancel.
      await page.getByTestId('inspector-edit').click();
      const edit = page.locator('[data-testid="kubectl-edit"][data-edit-state="ready"]');
      await expect(edit).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('kubectl-edit-apply')).toContainText(L.apply);
      await expect(page.getByTestId('kubectl-edit-cancel')).toHaveText(L.cancel);
      await lab.shot('kubectl-edit', lab.panel('dock'));
      await page.getByTestId('kubectl-edit-cancel').click();
      await expect(page.getByTestId('kubectl-edit')).toHaveCount(0);

      // The terminal.
      await lab.dock('terminal');
      await lab.type('kubectl get pods -o wide');
      await expect.poll(() => lab.terminalText()).toContain('NOMINATED NODE');
      await lab.shot('terminal', lab.panel('dock'));

      // The editor: the schema's marker on the unknown field, then the diff shown before applying over an object.
      await lab.openEditor();
      await expect(page.locator('[data-testid="editor-panel"] .squiggly-error, [data-testid="editor-panel"] .squiggly-warning').first()).toBeVisible({ timeout: 20_000 });
      // The marker's hover message (Monaco may drop the first hover while its language worker starts).
      await expect(async () => {
        await page.mouse.move(0, 0);
        await page.locator('[data-testid="editor-panel"] .view-lines').getByText('containerz').hover();
        await expect(page.locator('.monaco-hover:not(.hidden)').first()).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await lab.shot('editor-marker', lab.panel('dock'));
      await lab.paste(cm('fast'));
      await page.getByTestId('editor-apply').click();
      const diff = page.getByTestId('editor-diff');
      await expect(diff).toContainText('+  mode: fast');
      await expect(page.getByTestId('editor-diff-cancel')).toHaveText(L.cancel);
      await lab.shot('editor-diff', lab.panel('dock'));
      await page.getByTestId('editor-diff-apply').click();
      await expect(page.getByTestId('editor-status')).toContainText('configmap/settings configured');
      await lab.shot('editor-applied', lab.panel('dock'));

      // The events timeline, live.
      await lab.dock('events');
      await expect(page.getByTestId('event-row').first()).toBeVisible();
      await lab.shot('events', lab.panel('dock'));

      // The past: five seconds after the Deployment scaled its ReplicaSet up, inside the `sleep 30` that followed.
      const scaledAt = await page.evaluate(async () => {
        const evs = (await window.__kubelab!.cluster.list('events', 'default')) as Array<{ involvedObject?: { kind?: string; name?: string }; reason?: string; lastTimestamp?: string }>;
        const e = evs.find((x) => x.involvedObject?.kind === 'Deployment' && x.involvedObject.name === 'web' && x.reason === 'ScalingReplicaSet');
        return Date.parse(e?.lastTimestamp ?? '');
      });
      const clock = await lab.clock();
      const start = clock.unixMs - clock.now;
      const at = Math.round((scaledAt + 5_000 - start) / 1000) * 1000;
      await page.getByTestId('timeline-range').fill(String(at));
      const banner = page.getByTestId('timeline-banner');
      await expect(banner).toHaveAttribute('data-ready', 'true');
      await expect(banner).toContainText(L.viewing);
      await expect(graph.podsStartingWith('web-')).toHaveCount(3);
      // The AGE column counts from the viewed instant, as kubectl get events run then would.
      const row = page.getByTestId('event-row').filter({ has: page.getByTestId('event-object').getByText('deployment.apps/web', { exact: true }) });
      await expect(row).toHaveCount(1);
      await expect(row.locator('td').last()).toHaveText(`${Math.trunc((start + at - scaledAt) / 1000)}s`);
      // The banner is a row of its own: the graph's toolbar and its node boxes start below it.
      const b = (await banner.boundingBox())!;
      const toolbar = (await page.locator('.graph-toolbar').boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(toolbar.y + 0.5);
      await lab.shot('past', undefined);
      await lab.shot('past-graph', lab.panel('graph'));
      await page.getByTestId('timeline-live').click();
      await expect(banner).toHaveCount(0);
    });

    test('lesson panel and catalog', async ({ page }) => {
      const lab = new ScreensPage(page, theme, locale);
      await lab.open('/?lesson=services');
      const panel = page.getByTestId('lesson-panel');
      await expect(panel).toHaveAttribute('data-lesson', 'services');
      await page.locator('[data-testid="lesson-step"][data-step="1"] [data-testid="lesson-hint"]').click();
      await lab.shot('lesson', undefined);
      await lab.shot('lesson-panel', panel);
      await page.getByTestId('lesson-picker').click();
      await expect(page.getByTestId('lesson-catalog')).toBeVisible();
      await lab.shot('lesson-catalog', undefined);
    });

    test('360 px: panels become tabs', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      const lab = new ScreensPage(page, theme, locale);
      await lab.open('/');
      await lab.pause();
      // The first-steps hint fits the narrow graph as a compact card in its corner.
      const hint = page.locator('.empty.floating');
      await expect(hint).toBeVisible();
      const [box, graph] = await Promise.all([hint.boundingBox(), page.getByTestId('topology').boundingBox()]);
      expect(box!.x + box!.width).toBeLessThanOrEqual(graph!.x + graph!.width);
      await lab.shot('narrow-hint');
      await lab.exec('kubectl create deployment web --image=nginx --replicas=2');
      await lab.settle();
      await page.getByTestId('graph-namespace').selectOption('default');
      await expect(page.locator('[data-testid="pod-card"][data-status="Running"][data-pod^="web-"]')).toHaveCount(2);
      await lab.shot('narrow-cluster');
      await page.locator('[data-testid="pod-card"][data-pod^="web-"]').first().click();
      for (const tab of ['terminal', 'editor', 'events', 'inspector'] as const) {
        await page.getByTestId(`narrow-tab-${tab}`).click();
        if (tab === 'terminal') await lab.type('kubectl get pods');
        if (tab === 'editor') await expect(page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
        if (tab === 'inspector') await expect(page.getByTestId('inspector-view')).toBeVisible();
        await lab.shot(`narrow-${tab}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(360);
      }
      // The past view's banner at 360 px: it wraps, and the graph starts below it.
      await page.getByTestId('narrow-tab-events').click();
      const { now } = await lab.clock();
      await page.getByTestId('timeline-range').fill(String(Math.floor((now - 3_000) / 1000) * 1000));
      await page.getByTestId('narrow-tab-cluster').click();
      const banner = page.getByTestId('timeline-banner');
      await expect(banner).toHaveAttribute('data-ready', 'true');
      const b = (await banner.boundingBox())!;
      expect(b.width).toBeLessThanOrEqual(360);
      expect(b.y + b.height).toBeLessThanOrEqual((await page.locator('.graph-toolbar').boundingBox())!.y + 0.5);
      await lab.shot('narrow-past');
    });

    test('embed page', async ({ page }) => {
      const lab = new ScreensPage(page, theme, locale);
      // The lab's own origin: the preferences (language) are the lab's localStorage, which the iframe shares.
      await page.addInitScript((p) => localStorage.setItem('kubelab.prefs', p), JSON.stringify({ locale }));
      const embed = new EmbedPage(page);
      await embed.open(`http://127.0.0.1:${process.env.KUBELAB_E2E_PORT ?? '5199'}`, { theme, panels: 'terminal,graph' });
      await expect.poll(() => embed.log()).toContain('ready');
      await embed.click('apply');
      await expect.poll(() => embed.log()).toContain('deployment.apps/hello created');
      await embed.frame().evaluate(() => window.__kubelab!.cluster.runUntilIdle(30_000));
      await embed.click('run');
      await expect.poll(() => embed.terminalText()).toMatch(/\$ kubectl get pods\nNAME +READY/);
      await expect(embed.frame().locator('html')).toHaveAttribute('data-theme', theme);
      await expect(embed.frame().locator('html')).toHaveAttribute('lang', locale);
      await lab.shot('embed', undefined);
    });
  });
}
