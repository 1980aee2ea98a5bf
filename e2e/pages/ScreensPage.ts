import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export type Theme = 'dark' | 'light';
export type UiLocale = 'en' | 'zh-CN';

/**
 * The lab's panels as the screenshot tour visits them: a fresh lab in a chosen theme and language, each panel as a
 * locator, and `shot` saving one panel (or the page) as `test-results/screens/<theme>-<locale>-<name>.png`.
 */
export class ScreensPage {
  constructor(
    readonly page: Page,
    readonly theme: Theme,
    readonly locale: UiLocale,
  ) {}

  /** Open a fresh lab (cleared storage, an optional editor draft) at `path`. */
  async open(path = '/', draft = ''): Promise<void> {
    await this.page.addInitScript(
      ({ theme, locale, draft }) => {
        if (sessionStorage.getItem('kubelab.e2e.started')) return;
        sessionStorage.setItem('kubelab.e2e.started', '1');
        localStorage.clear();
        localStorage.setItem('kubelab.prefs', JSON.stringify({ theme, locale }));
        if (draft) localStorage.setItem('kubelab.editor.app.yaml', draft);
      },
      { theme: this.theme, locale: this.locale, draft },
    );
    await this.page.goto(path);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.waitForFunction(() => window.__kubelab !== undefined);
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => window.__kubelab!.setSpeed(0));
  }

  /** Run commands on the cluster (not typed), one after the other at once. */
  async exec(...commands: string[]): Promise<void> {
    await this.page.evaluate(async (cs) => {
      for (const c of cs) await window.__kubelab!.cluster.run(c);
    }, commands);
  }

  /** Advance virtual time until the cluster is idle (not recorded as an input). */
  async settle(): Promise<void> {
    await this.page.evaluate(() => window.__kubelab!.cluster.runUntilIdle(120_000));
  }

  async type(command: string): Promise<void> {
    await this.page.evaluate((c) => window.__kubelab!.type(`${c}\n`), command);
  }

  terminalText(): Promise<string> {
    return this.page.evaluate(() => window.__kubelab!.terminalText());
  }

  /** The cluster's virtual time (ms since start) and its clock as Unix ms. */
  clock(): Promise<{ now: number; unixMs: number }> {
    return this.page.evaluate(() => ({ now: window.__kubelab!.cluster.now(), unixMs: window.__kubelab!.cluster.nowUnixMs() }));
  }

  header(): Locator {
    return this.page.locator('header.header');
  }

  /** A wide-layout panel by the name of the content it hosts (graph, inspector) or the dock. */
  panel(name: 'graph' | 'inspector' | 'dock'): Locator {
    if (name === 'dock') return this.page.locator('section.panel.dock');
    return this.page.locator('section.panel').filter({ has: this.page.locator(`.slot-content[data-panel="${name}"]`) });
  }

  async dock(tab: 'terminal' | 'editor' | 'events'): Promise<void> {
    await this.page.getByTestId(`dock-tab-${tab}`).click();
  }

  async openEditor(): Promise<void> {
    await this.dock('editor');
    await expect(this.page.locator('[data-testid="editor-panel"][data-editor-state="ready"]')).toBeVisible({ timeout: 30_000 });
  }

  /** Replace the editor's text by pasting (typed newlines would be re-indented by the editor). */
  async paste(text: string): Promise<void> {
    await this.page.locator('[data-testid="editor-panel"] .monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('ControlOrMeta+v');
    await expect(this.page.locator('[data-testid="editor-panel"] .view-lines')).toContainText(text.split('\n')[3]);
  }

  /** Save a screenshot of `what` (the whole page when absent) for the evidence tour. */
  async shot(name: string, what?: Locator): Promise<void> {
    mkdirSync('test-results/screens', { recursive: true });
    const path = `test-results/screens/${this.theme}-${this.locale}-${name}.png`;
    // Let transitions and React Flow's fit finish before the picture.
    await this.page.waitForTimeout(250);
    if (what) await what.screenshot({ path });
    else await this.page.screenshot({ path });
  }

  /** Every element whose text overflows its box horizontally (clipped labels) inside `root`, as short descriptions. */
  clipped(root: Locator): Promise<string[]> {
    return root.evaluate((el) => {
      const out: string[] = [];
      for (const e of el.querySelectorAll<HTMLElement>('button, label, th, .tabs button, .subtabs button, .btn, select')) {
        const style = getComputedStyle(e);
        if (style.display === 'none' || style.visibility === 'hidden' || e.offsetWidth === 0) continue;
        if (e.scrollWidth > e.clientWidth + 1 && style.overflow !== 'visible' && style.textOverflow !== 'ellipsis') out.push(`${e.tagName.toLowerCase()}:${(e.textContent ?? '').trim().slice(0, 40)}`);
      }
      return out;
    });
  }
}
