import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/WorkspacePage.ts';

test.describe('terminal', () => {
  test('Tab completes verbs, types and live object names; a second choice lists them', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.pause();
    await lab.type('kubectl create deployment web --image=nginx');
    await lab.type('kubectl create deployment worker --image=nginx');
    await page.getByTestId('terminal').click();
    await page.keyboard.type('kubectl desc');
    await page.keyboard.press('Tab');
    await page.keyboard.type('deploy');
    await page.keyboard.press('Tab');
    await expect.poll(() => lab.terminalText()).toMatch(/\$ kubectl describe deploy$/);
    await page.keyboard.type('ments w');
    await page.keyboard.press('Tab');
    // web and worker share only "w": the choices are listed under the line, which is drawn again.
    await expect.poll(() => lab.terminalText()).toMatch(/\nweb +worker\n\$ kubectl describe deployments w$/);
    await page.keyboard.type('e');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.terminalText()).toContain('Name:                   web');
  });

  test('Ctrl+R finds an earlier command; Enter runs it', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.type('echo first-marker');
    await lab.type('kubectl get nodes');
    await page.getByTestId('terminal').click();
    await page.keyboard.press('Control+r');
    await page.keyboard.type('first');
    await expect.poll(() => lab.terminalText()).toMatch(/\(reverse-i-search\)`first': echo first-marker$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.terminalText()).toMatch(/\$ echo first-marker\nfirst-marker\n\$ $/);
  });
});
