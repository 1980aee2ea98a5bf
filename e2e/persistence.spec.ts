import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/WorkspacePage.ts';

test.describe('persistence', () => {
  test('a reload restores the cluster, the virtual time and the terminal history', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.pause();
    await lab.type('kubectl create deployment web --image=nginx --replicas=2');
    await lab.advance(30_000);
    await lab.type('kubectl scale deployment web --replicas=3');
    await lab.advance(20_000);
    const before = await lab.run('kubectl get pods -o wide');
    const now = await lab.now();
    expect(before).toContain('web-');
    await lab.saved();

    await lab.reload();
    await lab.pause();
    expect(await lab.now()).toBeGreaterThanOrEqual(now);
    // Same seed, same inputs at the same virtual times: the same pods, names and IPs included.
    expect(await lab.run('kubectl get pods -o wide')).toBe(before);
    // Up-arrow recalls the last command typed before the reload.
    await page.getByTestId('terminal').click();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => lab.terminalText()).toMatch(/\$ kubectl scale deployment web --replicas=3\s*$/);
  });

  test("a reload restores the editor's file and the workspace layout (dock tab, hidden inspector, language)", async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.pause();
    await lab.openEditor();
    await lab.pasteIntoEditor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept-after-reload\ndata:\n  a: "1"\n');
    await expect(lab.editorLines()).toContainText('kept-after-reload');
    await page.getByTestId('inspector-hide').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await lab.saved();

    await lab.reload();
    // The editor tab is open again (Monaco loads for it) with the file as it was typed.
    await expect(page.getByTestId('dock-tab-editor')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('dock-tab-editor')).toHaveText('编辑器');
    await expect(page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(lab.editorLines()).toContainText('name: kept-after-reload');
    await expect(page.getByTestId('inspector-show')).toBeVisible();
  });

  test('Reset asks first; declining keeps the lab, accepting starts over', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.type('kubectl create namespace keep-me');
    lab.answer = false;
    await lab.reset();
    expect(lab.dialogs).toHaveLength(1);
    expect(await lab.run('kubectl get ns keep-me -o name')).toBe('namespace/keep-me\n');
    lab.answer = true;
    await lab.reset();
    await lab.ready();
    expect(await lab.run('kubectl get ns -o name')).not.toContain('keep-me');
    await lab.saved();
    await lab.reload();
    expect(await lab.run('kubectl get ns -o name')).not.toContain('keep-me');
  });

  test('export then import a lab file', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open();
    await lab.type('kubectl create configmap exported --from-literal=a=1');
    await lab.saved();
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const file = await (await download).path();
    await lab.reset();
    await lab.ready();
    expect(await lab.run('kubectl get cm -o name')).not.toContain('exported');
    await page.getByTestId('import-file').setInputFiles(file!);
    await page.waitForURL(/.*/);
    await lab.ready();
    await expect.poll(() => lab.run('kubectl get cm -o name')).toContain('configmap/exported');
  });
});
