import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for lessons in the lab: the picker, the catalog and the lesson panel. */
export class LessonsPage {
  constructor(readonly page: Page) {}

  /** Open the lab fresh (no saved progress), optionally with a query such as `?lesson=services&step=2`. */
  async open(query = ''): Promise<void> {
    await this.page.addInitScript(() => {
      if (sessionStorage.getItem('kubelab.e2e.started')) return;
      sessionStorage.setItem('kubelab.e2e.started', '1');
      localStorage.clear();
    });
    await this.page.goto(`/${query}`);
    await this.page.waitForFunction(() => window.__kubelab !== undefined);
  }

  panel(): Locator {
    return this.page.getByTestId('lesson-panel');
  }

  steps(): Locator {
    return this.page.getByTestId('lesson-step');
  }

  step(n: number): Locator {
    return this.page.locator(`[data-testid="lesson-step"][data-step="${n}"]`);
  }

  async pick(slug: string, search?: string): Promise<void> {
    await this.page.getByTestId('lesson-picker').click();
    await expect(this.page.getByTestId('lesson-catalog')).toBeVisible();
    if (search) await this.page.getByTestId('lesson-search').fill(search);
    await this.page.locator(`[data-testid="lesson-card"][data-slug="${slug}"]`).click();
    await expect(this.panel()).toHaveAttribute('data-lesson', slug);
    await this.page.waitForFunction(() => window.__kubelab !== undefined);
  }

  /** Type every step's solution into the terminal, as a learner would, and wait for each tick. */
  async walk(): Promise<void> {
    await this.page.evaluate(() => window.__kubelab?.setSpeed(60));
    const n = await this.steps().count();
    for (let i = 1; i <= n; i++) {
      const step = this.step(i);
      if ((await step.getAttribute('data-state')) === 'done') continue;
      await expect(step).toHaveAttribute('data-state', 'current');
      if ((await step.locator('.lesson-step-body').count()) === 0) await step.locator('.lesson-step-head').click();
      const show = step.getByTestId('lesson-show-solution');
      if ((await show.count()) === 0) continue;
      await show.click();
      const solution = (await step.locator('.lesson-solution').textContent()) ?? '';
      await this.type(solution);
      await expect(step).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    }
    await expect(this.page.getByTestId('lesson-complete')).toBeVisible();
  }

  /** Type lines into the terminal (heredoc bodies included: the terminal continues them). */
  async type(text: string): Promise<void> {
    await this.page.evaluate((t) => window.__kubelab?.type(`${t}\n`), text);
  }
}
