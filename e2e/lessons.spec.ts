import { expect, test } from '@playwright/test';
import { LessonsPage } from './lessonsPage.ts';

test.describe('lessons', () => {
  for (const slug of ['deployments', 'services', 'network-policy']) {
    test(`walk the ${slug} lesson by typing its solutions`, async ({ page }) => {
      const lessons = new LessonsPage(page);
      await lessons.open();
      await lessons.pick(slug);
      await lessons.walk();
      await expect(page.getByTestId('lesson-progress')).toHaveText(/^(\d+)\/\1 /);
      await page.screenshot({ path: `test-results/lesson-${slug}-done.png` });
    });
  }

  test('the catalog searches, and a deep link opens a lesson at a step', async ({ page }) => {
    const lessons = new LessonsPage(page);
    await lessons.open('?lesson=services&step=2');
    await expect(lessons.panel()).toHaveAttribute('data-lesson', 'services');
    await expect(lessons.step(2).locator('.lesson-step-body')).toBeVisible();
    await page.getByTestId('lesson-picker').click();
    await page.getByTestId('lesson-search').fill('rollback');
    await expect(page.getByTestId('lesson-card')).toHaveCount(1);
    await expect(page.getByTestId('lesson-card')).toHaveAttribute('data-slug', 'rolling-updates');
  });

  test('run solution types into the terminal; progress survives a reload; Chinese follows the UI language', async ({ page }) => {
    const lessons = new LessonsPage(page);
    await lessons.open('?lesson=deployments');
    await page.evaluate(() => window.__kubelab?.setSpeed(60));
    await lessons.step(1).getByTestId('lesson-run-solution').click();
    await expect(lessons.step(1)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect(await page.evaluate(() => window.__kubelab?.terminalText() ?? '')).toContain('deployment.apps/web created');
    await page.reload();
    await expect(lessons.step(1)).toHaveAttribute('data-state', 'done');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(lessons.panel().locator('h2')).toHaveText('Deployment 与 ReplicaSet');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the lesson panel at 360 px (${theme})`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 760 });
      const lessons = new LessonsPage(page);
      await lessons.open('?lesson=network-policy&step=2');
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
      await expect(lessons.panel()).toBeVisible();
      await page.screenshot({ path: `test-results/lesson-narrow-${theme}.png` });
      await page.getByTestId('lesson-picker').click();
      await page.screenshot({ path: `test-results/lesson-catalog-narrow-${theme}.png` });
    });
  }
});
