import { expect, test, type Page } from '@playwright/test';

/** The terminal's text, read from xterm's buffer through the UI's test hook. */
function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => window.__kubelab?.terminalText() ?? '');
}

async function typeCommand(page: Page, command: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.__kubelab !== undefined);
});

test('the lab opens with a prompt, the clock, and an empty-state hint', async ({ page }) => {
  await expect(page.getByText('Kubelab', { exact: true })).toBeVisible();
  await expect(page.getByTestId('clock')).toContainText(/\d\d:\d\d:\d\d/);
  await expect.poll(() => terminalText(page)).toMatch(/Welcome to Kubelab[\s\S]*\n\$ $/);
  await expect(page.getByText('No pods yet')).toBeVisible();
  await expect(page.getByTestId('node-box')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/lab-empty.png' });
});

test('kubectl create deployment: three pods become Running on worker nodes', async ({ page }) => {
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.14 --replicas=3');
  await expect.poll(() => terminalText(page)).toContain('deployment.apps/web created');

  // Let cluster time run fast until the live view shows three Running pods.
  await page.getByTestId('speed-60').click();
  const running = page.locator('[data-testid="pod-card"][data-namespace="default"][data-status="Running"]');
  await expect(running).toHaveCount(3, { timeout: 30_000 });
  for (const node of await running.evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''))) {
    expect(node).toMatch(/^worker-/);
  }

  await typeCommand(page, 'kubectl get pods');
  await expect
    .poll(async () => {
      const text = await terminalText(page);
      const out = text.slice(text.lastIndexOf('$ kubectl get pods'));
      return out.split('\n').filter((l) => /^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+$/.test(l)).length;
    })
    .toBe(3);
  await page.screenshot({ path: 'test-results/lab-running.png' });
});

test('terminal: continuation prompt for heredocs, history, Ctrl-C, stderr', async ({ page }) => {
  await typeCommand(page, 'cat > note.txt <<EOF');
  await typeCommand(page, 'hello from a heredoc');
  await typeCommand(page, 'EOF');
  await typeCommand(page, 'cat note.txt');
  await expect.poll(() => terminalText(page)).toContain('> hello from a heredoc\n> EOF\n$ cat note.txt\nhello from a heredoc\n$ ');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await terminalText(page)).split('hello from a heredoc').length - 1).toBe(3);

  await page.keyboard.type('echo "unfinished');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+C');
  await typeCommand(page, 'nosuchcommand');
  await expect.poll(() => terminalText(page)).toContain('> ^C\n$ nosuchcommand\nsh: nosuchcommand: command not found\n$ ');
  await page.screenshot({ path: 'test-results/lab-terminal.png' });
});

test('speed control pauses and runs virtual time', async ({ page }) => {
  await page.getByTestId('speed-0').click();
  const clock = page.getByTestId('clock');
  const paused = await clock.textContent();
  await page.waitForTimeout(1200);
  expect(await clock.textContent()).toBe(paused);
  await page.getByTestId('speed-60').click();
  await expect(clock).not.toHaveText(paused ?? '', { timeout: 5000 });
});
