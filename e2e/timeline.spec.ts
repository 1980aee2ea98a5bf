import { expect, test } from '@playwright/test';
import { GraphPage } from './pages/GraphPage.ts';
import { LabPage } from './pages/LabPage.ts';

for (const theme of ['dark', 'light'] as const) {
  test(`timeline (${theme}): scrubbing back shows the cluster as it was, read-only; Back to live returns`, async ({ page }) => {
    const lab = new LabPage(page);
    const graph = new GraphPage(page);
    await lab.open({ theme });
    await lab.pause();
    await lab.exec('kubectl create deployment web --image=nginx --replicas=2');
    await lab.settle();
    await lab.exec('sleep 30', 'kubectl scale deployment web --replicas=5');
    await lab.settle();
    await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(5);
    await page.getByTestId('dock-tab-events').click();
    // Ten seconds after the lab was handed over (its cluster booted for about 16 s): two web pods.
    await page.getByTestId('timeline-range').fill('26000');
    await expect(page.getByTestId('timeline-banner')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('timeline-banner')).toContainText(/Viewing \d\d:\d\d:\d\d — read-only/);
    await expect(graph.podsStartingWith('web-')).toHaveCount(2);
    await lab.shot(`timeline-past-${theme}`);
    await page.getByTestId('timeline-live').click();
    await expect(page.getByTestId('timeline-banner')).toHaveCount(0);
    await expect(graph.podsStartingWith('web-')).toHaveCount(5);
  });
}

test('timeline: Resume from here rewinds the lab to that moment (after a confirm)', async ({ page }) => {
  const lab = new LabPage(page);
  const graph = new GraphPage(page);
  await lab.open();
  await lab.pause();
  await lab.exec('kubectl create deployment web --image=nginx --replicas=2');
  await lab.settle();
  await lab.exec('sleep 30', 'kubectl scale deployment web --replicas=5');
  await lab.settle();
  await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(5);
  await page.getByTestId('dock-tab-events').click();
  await page.getByTestId('timeline-range').fill('26000');
  await expect(page.getByTestId('timeline-banner')).toHaveAttribute('data-ready', 'true');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('timeline-resume').click();
  await expect(page.getByTestId('timeline-banner')).toHaveCount(0);
  await expect(graph.podsStartingWith('web-')).toHaveCount(2);
  // The lab goes on from there: the scale-up after that moment was dropped, time runs again.
  await lab.settle();
  await expect(graph.podsStartingWith('web-', 'Running')).toHaveCount(2);
});
