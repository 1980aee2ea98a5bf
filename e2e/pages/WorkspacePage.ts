import { expect, type Page } from '@playwright/test';

/** The lab as the persistence and sharing tests drive it: typed commands, reloads, the header's workspace menu. */
export class WorkspacePage {
  /** Messages of dialogs (confirm/alert) the page opened, answered by `answer`. */
  readonly dialogs: string[] = [];
  answer = true;

  constructor(readonly page: Page) {
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void (this.answer ? d.accept() : d.dismiss());
    });
  }

  async open(path = '/', opts: { theme?: 'dark' | 'light' } = {}): Promise<void> {
    // The theme is set once per tab: a reload keeps the preferences the page saved.
    await this.page.addInitScript((theme) => {
      if (sessionStorage.getItem('kubelab.e2e.prefs')) return;
      sessionStorage.setItem('kubelab.e2e.prefs', '1');
      localStorage.setItem('kubelab.prefs', JSON.stringify({ theme }));
    }, opts.theme ?? 'dark');
    await this.page.goto(path);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.waitForFunction(() => window.__kubelab !== undefined);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.ready();
  }

  async type(command: string): Promise<void> {
    await this.page.evaluate((c) => window.__kubelab!.type(`${c}\n`), command);
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => window.__kubelab!.setSpeed(0));
  }

  /** Let virtual time pass the way the ticker does (it is recorded as time, not as input). */
  async advance(ms: number): Promise<void> {
    await this.page.evaluate((n) => window.__kubelab!.cluster.advance(n), ms);
  }

  /** Run a command on the cluster (a read, for assertions; the lab's log records it, which replays harmlessly). */
  async run(command: string): Promise<string> {
    await this.ready();
    return this.page.evaluate(async (c) => (await window.__kubelab!.cluster.run(c)).stdout, command);
  }

  now(): Promise<number> {
    return this.page.evaluate(() => window.__kubelab!.cluster.now());
  }

  terminalText(): Promise<string> {
    return this.page.evaluate(() => window.__kubelab!.terminalText());
  }

  /** Wait until the saved workspace caught up: inputs are saved at once, virtual time every 2 s, writes coalesced briefly. */
  async saved(): Promise<void> {
    await this.page.waitForTimeout(2600);
  }

  async openEditor(): Promise<void> {
    await this.page.getByTestId('dock-tab-editor').click();
    await expect(this.page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
  }

  /** Replace the editor's text by pasting, as a learner would (needs clipboard permissions). */
  async pasteIntoEditor(text: string): Promise<void> {
    await this.page.locator('[data-testid="editor-panel"] .monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('ControlOrMeta+v');
  }

  editorLines() {
    return this.page.locator('[data-testid="editor-panel"] .view-lines');
  }

  async share(): Promise<string> {
    await this.page.getByTestId('share').click();
    const input = this.page.getByTestId('share-url');
    await expect(input).toBeVisible();
    return input.inputValue();
  }

  async reset(): Promise<void> {
    await this.page.getByTestId('reset').click();
  }
}
