import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/WorkspacePage.ts';

const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: ${v}\n`;

test.describe('editor', () => {
  for (const theme of ['dark', 'light'] as const) {
    test(`applying over an existing object shows the diff first (${theme})`, async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const lab = new WorkspacePage(page);
      await lab.open('/', { theme });
      await lab.pause();
      await page.getByTestId('dock-tab-editor').click();
      await expect(page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
      const replaceText = async (text: string) => {
        await page.locator('.monaco-editor').first().click();
        await page.keyboard.press('ControlOrMeta+a');
        // Pasted, as a learner would: typed newlines would be re-indented by the editor.
        await page.evaluate((t) => navigator.clipboard.writeText(t), text);
        await page.keyboard.press('ControlOrMeta+v');
        await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(text.split('\n')[5]);
      };
      // A new object applies at once.
      await replaceText(cm('fast'));
      await page.getByTestId('editor-apply').click();
      await expect(page.getByTestId('editor-status')).toContainText('configmap/settings created');
      await expect(page.getByTestId('editor-diff')).toHaveCount(0);
      // A change to it is shown as kubectl diff prints it, and applied only on confirmation.
      await replaceText(cm('safe'));
      await page.keyboard.press('ControlOrMeta+Enter');
      const diff = page.getByTestId('editor-diff');
      await expect(diff).toContainText('-  mode: fast');
      await expect(diff).toContainText('+  mode: safe');
      await page.screenshot({ path: `test-results/editor-diff-${theme}.png` });
      expect(await lab.run("kubectl get cm settings -o jsonpath='{.data.mode}'")).toBe('fast');
      await page.getByTestId('editor-diff-cancel').click();
      await expect(diff).toHaveCount(0);
      await page.getByTestId('editor-apply').click();
      await page.getByTestId('editor-diff-apply').click();
      await expect(page.getByTestId('editor-status')).toContainText('configmap/settings configured');
      expect(await lab.run("kubectl get cm settings -o jsonpath='{.data.mode}'")).toBe('safe');
      // Cross-object lint: a Service whose selector matches no pod is flagged as a warning.
      await replaceText('apiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\nspec:\n  selector:\n    app: nobody\n  ports:\n  - port: 80\n');
      await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeAttached({ timeout: 10_000 });
    });
  }
});
