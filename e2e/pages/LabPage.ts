import { expect, type Page } from '@playwright/test';

/** The lab page as the graph, inspector and overlay tests drive it: a fresh lab, commands through the test hook. */
export class LabPage {
  constructor(readonly page: Page) {}

  /** Open a fresh lab (cleared storage) in the given theme, with an optional editor draft. */
  async open(opts: { theme?: 'dark' | 'light'; draft?: string } = {}): Promise<void> {
    await this.page.addInitScript(
      ({ theme, draft }) => {
        if (sessionStorage.getItem('kubelab.e2e.started')) return;
        sessionStorage.setItem('kubelab.e2e.started', '1');
        localStorage.clear();
        localStorage.setItem('kubelab.prefs', JSON.stringify({ theme }));
        if (draft) localStorage.setItem('kubelab.editor.app.yaml', draft);
      },
      { theme: opts.theme ?? 'dark', draft: opts.draft ?? '' },
    );
    await this.page.goto('/');
    await this.page.waitForFunction(() => window.__kubelab !== undefined);
  }

  /** Run commands in the cluster directly (not typed), then let the cluster settle. */
  async exec(...commands: string[]): Promise<void> {
    await this.page.evaluate(async (cs) => {
      for (const c of cs) await window.__kubelab!.cluster.run(c);
    }, commands);
  }

  /** Advance virtual time until the cluster is idle (bounded). */
  async settle(maxMs = 120_000): Promise<void> {
    await this.page.evaluate((ms) => window.__kubelab!.cluster.runUntilIdle(ms), maxMs);
  }

  /** Type a command into the terminal as a user would. */
  async type(command: string): Promise<void> {
    await this.page.evaluate((c) => window.__kubelab?.type(`${c}\n`), command);
  }

  terminalText(): Promise<string> {
    return this.page.evaluate(() => window.__kubelab?.terminalText() ?? '');
  }

  /** Show the editor tab and wait for Monaco. */
  async openEditor(): Promise<void> {
    await this.page.getByTestId('dock-tab-editor').click();
    await expect(this.page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(this.page.locator('.monaco-editor').first()).toBeVisible();
  }

  runningPods(prefix: string) {
    return this.page.locator(`[data-testid="pod-card"][data-status="Running"][data-pod^="${prefix}"]`);
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => window.__kubelab!.setSpeed(0));
  }

  async shot(name: string): Promise<void> {
    await expect(this.page.getByTestId('topology')).toBeVisible();
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}
