import { expect, type Frame, type Page } from '@playwright/test';

/** The sample docs page (`public/embed-demo.html`) with the lab in its iframe, driven through the postMessage API. */
export class EmbedPage {
  constructor(readonly page: Page) {}

  /** Open the demo page at `base` (an origin) with its query (`lab`, `allow`, `lesson`, `panels`, `theme`). */
  async open(base: string, query: Record<string, string> = {}): Promise<void> {
    await this.page.goto(`${base}/embed-demo.html?${new URLSearchParams(query)}`);
    await this.labReady();
  }

  frame(): Frame {
    const f = this.page.frames().find((x) => x.url().includes('embed=1'));
    if (!f) throw new Error('the lab iframe is not there');
    return f;
  }

  async labReady(): Promise<void> {
    await expect.poll(() => this.page.frames().some((x) => x.url().includes('embed=1'))).toBe(true);
    await this.frame().waitForFunction(() => window.__kubelab !== undefined);
  }

  log(): Promise<string> {
    return this.page.getByTestId('log').innerText();
  }

  async click(button: 'run' | 'apply' | 'get' | 'subscribe'): Promise<void> {
    await this.page.locator(`#${button}`).click();
  }

  /** What the lab's terminal shows. */
  terminalText(): Promise<string> {
    return this.frame().evaluate(() => window.__kubelab!.terminalText());
  }

  /** Walk the lesson shown in the embedded lab by typing each step's solution, as a reader would. */
  async walkLesson(): Promise<void> {
    const f = this.frame();
    await f.evaluate(() => window.__kubelab!.setSpeed(60));
    const steps = f.getByTestId('lesson-step');
    const n = await steps.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 1; i <= n; i++) {
      const step = f.locator(`[data-testid="lesson-step"][data-step="${i}"]`);
      if ((await step.getAttribute('data-state')) === 'done') continue;
      await expect(step).toHaveAttribute('data-state', 'current');
      if ((await step.locator('.lesson-step-body').count()) === 0) await step.locator('.lesson-step-head').click();
      const show = step.getByTestId('lesson-show-solution');
      if ((await show.count()) === 0) continue;
      await show.click();
      const solution = (await step.locator('.lesson-solution').textContent()) ?? '';
      await f.evaluate((t) => window.__kubelab!.type(`${t}\n`), solution);
      await expect(step).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    }
    await expect(f.getByTestId('lesson-complete')).toBeVisible();
  }
}
