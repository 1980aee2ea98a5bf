import { expect, test } from '@playwright/test';
import { EmbedPage } from './pages/EmbedPage.ts';

// The preview server answers on 127.0.0.1 and on localhost: two origins, so the docs page and the lab can
// be cross-origin as on a real docs site.
const LAB = 'http://127.0.0.1:' + (process.env.KUBELAB_E2E_PORT ?? '5199');
const DOCS = LAB.replace('127.0.0.1', 'localhost');

test.describe('embed', () => {
  test('a docs page on another origin drives the lab: run, apply, read state, watch', async ({ page }) => {
    const embed = new EmbedPage(page);
    await embed.open(DOCS, { lab: `${LAB}/` });
    await expect.poll(() => embed.log()).toContain('ready');
    await embed.click('subscribe');
    await embed.click('apply');
    await expect.poll(() => embed.log()).toContain('deployment.apps/hello created');
    await embed.frame().evaluate(() => window.__kubelab!.cluster.runUntilIdle(30_000));
    await expect.poll(() => embed.log()).toMatch(/watch ADDED Pod hello-/);
    await embed.click('get');
    await expect.poll(() => embed.log()).toMatch(/#\d+ ok \[\{"apiVersion":"apps\/v1","kind":"Deployment"/);
    await embed.click('run');
    // Commands from the page are typed into the lab's terminal, where the reader sees them.
    await expect.poll(() => embed.terminalText()).toMatch(/\$ kubectl get pods\nNAME +READY/);
    // Only the requested panels, sized to the iframe.
    const f = embed.frame();
    await expect(f.getByTestId('embed-panel-terminal')).toBeVisible();
    await expect(f.getByTestId('embed-panel-graph')).toBeVisible();
    await expect(f.getByTestId('reset')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/embed-demo-light.png', fullPage: true });
  });

  test('a page whose origin is not allowed gets no answer and changes nothing', async ({ page }) => {
    const embed = new EmbedPage(page);
    await embed.open(DOCS, { lab: `${LAB}/`, allow: 'https://docs.example' });
    await embed.click('apply');
    await embed.click('run');
    await page.waitForTimeout(1000);
    expect(await embed.log()).toBe('');
    expect(await embed.frame().evaluate(async () => (await window.__kubelab!.cluster.list('deployments', 'default')).length)).toBe(0);
    expect(await embed.terminalText()).not.toContain('kubectl get pods');
  });

  test('walk a lesson inside the embedded lab (dark theme)', async ({ page }) => {
    const embed = new EmbedPage(page);
    await embed.open(LAB, { lesson: 'deployments', theme: 'dark' });
    await expect(embed.frame().getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'deployments');
    await embed.walkLesson();
    await page.screenshot({ path: 'test-results/embed-lesson-dark.png', fullPage: true });
  });
});
