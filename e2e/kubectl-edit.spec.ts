import { expect, test } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { WorkspacePage } from './pages/WorkspacePage.ts';

// `kubectl edit` typed in the terminal opens the live object in the editor tab; the terminal waits until the
// file is applied. An invalid edit keeps the file open with kubectl's reason on the field's line; the finished
// edit is recorded, so a reload replays it.
test('kubectl edit opens the object in the editor and finishes on apply', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new WorkspacePage(page);
  await lab.open('/');
  await lab.pause();
  await lab.type('kubectl create deployment web --image=nginx');
  await expect.poll(() => lab.terminalText()).toContain('deployment.apps/web created');
  await lab.type('kubectl edit deploy/web');
  const panel = page.locator('[data-testid="kubectl-edit"][data-edit-state="ready"]');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText('/tmp/kubectl-edit-');
  const lines = panel.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('# Please edit the object below.');
  const replace = async (from: string, to: string) => {
    await panel.locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('ControlOrMeta+c');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain(from);
    await page.evaluate((t) => navigator.clipboard.writeText(t), text.replace(from, to));
    await page.keyboard.press('ControlOrMeta+v');
    // The paste lands asynchronously; the editor then holds the new text.
    await expect
      .poll(async () => {
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.press('ControlOrMeta+c');
        return page.evaluate(() => navigator.clipboard.readText());
      })
      .toContain(to);
  };
  await replace('replicas: 1', 'replicas: -1');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect.poll(() => lab.terminalText()).toContain('error: Edit cancelled, no valid changes were saved.');
  await expect(page.getByTestId('kubectl-edit-status')).toContainText('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  await expect(panel.locator('.monaco-editor .squiggly-error').first()).toBeAttached({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/kubectl-edit-invalid.png' });
  await replace('replicas: -1', 'replicas: 3');
  await page.getByTestId('kubectl-edit-apply').click();
  await expect.poll(() => lab.terminalText()).toContain('deployment.apps/web edited');
  await expect(page.getByTestId('kubectl-edit')).toHaveCount(0);
  expect(await lab.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toBe('3');
  // Ctrl+C in the terminal cancels a waiting edit.
  await lab.type('kubectl edit deploy/web');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => window.__kubelab!.type('\x03'));
  await expect(page.getByTestId('kubectl-edit')).toHaveCount(0);
  await expect.poll(() => lab.terminalText()).toContain('Edit cancelled, no changes made.');
  // The inspector's Edit opens the selected object the same way; Cancel ends it unchanged.
  await new GraphPage(page).card('Service', 'kubernetes').click();
  await page.getByTestId('inspector-edit').click();
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(lines).toContainText('name: kubernetes');
  await page.getByTestId('kubectl-edit-cancel').click();
  await expect(page.getByTestId('kubectl-edit')).toHaveCount(0);
  await expect.poll(() => lab.terminalText()).toContain('$ kubectl edit service/kubernetes -n default');
  await lab.saved();
  await lab.reload();
  expect(await lab.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toBe('3');
});
