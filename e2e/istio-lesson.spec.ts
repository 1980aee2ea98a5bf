import { expect, test } from '@playwright/test';
import { LessonsPage } from './lessonsPage.ts';
import { LabPage } from './pages/LabPage.ts';

test.describe('Istio lessons', () => {
  test('walk istio-traffic-shifting by typing its solutions', async ({ page }) => {
    test.setTimeout(240_000);
    const lessons = new LessonsPage(page);
    const lab = new LabPage(page);
    await lessons.open();
    await lessons.pick('istio-traffic-shifting', 'istio');
    await expect(lessons.steps()).toHaveCount(7);
    await lessons.walk();
    await expect(page.getByTestId('lesson-progress')).toHaveText(/^(\d+)\/\1 /);
    const text = await lab.terminalText();
    // What the lesson tells the learner to look at: injected sidecars, the subsets as Envoy clusters, and jason's route.
    expect(text).toContain('✔ Installation complete');
    expect(text).toMatch(/productpage-v1-\S+\s+2\/2\s+Running/);
    expect(text).toContain('istio-init ratings istio-proxy');
    expect(text).toMatch(/reviews\.default\.svc\.cluster\.local\s+9080\s+v3\s+outbound/);
    expect(text).toContain('"podname":"reviews-v2-');
    await page.screenshot({ path: 'test-results/lesson-istio-traffic-shifting-done.png' });
  });
});
