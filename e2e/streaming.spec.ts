import { expect, test } from '@playwright/test';
import { StreamPage } from './pages/StreamPage.ts';

/**
 * Live commands in the terminal: `kubectl get -w` prints the table once, then one row per watch event as the
 * cluster changes (kubectl's watch printing: no second header, no re-sort), and `kubectl logs -f` prints new
 * lines as the container writes them, both until Ctrl+C, which prints `^C`, returns the prompt and leaves
 * `$?` at 130.
 */
test.describe('streaming', () => {
  test('kubectl get pods -w streams rows until Ctrl+C; $? is 130', async ({ page }) => {
    const lab = new StreamPage(page);
    await lab.open();
    await lab.speed(0);
    await lab.exec('kubectl run web --image=nginx');
    const cmd = 'kubectl get pods -w';
    await lab.type(cmd);
    await lab.waitForLine(cmd, /^web\s+0\/1\s+ContainerCreating\s+0\s+0s$/);
    await lab.speed(30);
    await lab.waitForLine(cmd, /^web\s+1\/1\s+Running\s+0\s+\d+s$/);
    let lines = await lab.linesAfter(cmd);
    expect(lines[0]).toBe('NAME   READY   STATUS              RESTARTS   AGE');
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    // A change made elsewhere while the terminal streams shows up as a row.
    const webRows = async () => (await lab.linesAfter(cmd)).filter((l) => l.startsWith('web ')).length;
    const before = await webRows();
    await lab.exec('kubectl label pod web tier=web');
    await expect.poll(webRows).toBeGreaterThan(before);
    await lab.interrupt();
    await lab.waitForLine(cmd, /^\^C$/);
    lines = await lab.linesAfter(cmd);
    expect(lines.slice(-2).map((l) => l.trimEnd())).toEqual(['^C', '$']);
    await lab.type('echo $?');
    await lab.waitForLine('echo $?', /^130$/);
    await lab.shot('streaming-get-watch');
  });

  test('kubectl get pods -o wide --watch-only prints only events, with the wide columns', async ({ page }) => {
    const lab = new StreamPage(page);
    await lab.open();
    await lab.speed(0);
    const cmd = 'kubectl get pods -o wide --watch-only';
    await lab.type(cmd);
    await expect.poll(async () => (await lab.terminalText()).includes(`$ ${cmd}`)).toBe(true);
    expect((await lab.linesAfter(cmd)).filter((l) => l.trim() !== '')).toEqual([]);
    await lab.exec('kubectl run api --image=nginx');
    await lab.speed(30);
    await lab.waitForLine(cmd, /^api\s+1\/1\s+Running\s+0\s+\d+s\s+10\.244\.\d+\.\d+\s+worker-\d\s+<none>\s+<none>$/);
    const lines = await lab.linesAfter(cmd);
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    await lab.interrupt();
    await lab.waitForLine(cmd, /^\^C$/);
  });

  test('kubectl logs -f prints new lines as they are written, until Ctrl+C', async ({ page }) => {
    const lab = new StreamPage(page);
    await lab.open();
    await lab.speed(0);
    await lab.exec(`kubectl run tick --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done'`);
    await lab.settle(20_000);
    const cmd = 'kubectl logs -f tick';
    await lab.type(cmd);
    await lab.waitForLine(cmd, /^tick \d+$/);
    const before = (await lab.linesAfter(cmd)).filter((l) => l.startsWith('tick ')).length;
    await lab.speed(10);
    await expect.poll(async () => (await lab.linesAfter(cmd)).filter((l) => l.startsWith('tick ')).length, { timeout: 20_000 }).toBeGreaterThan(before + 3);
    await lab.interrupt();
    await lab.waitForLine(cmd, /^\^C$/);
    const ticks = (await lab.linesAfter(cmd)).filter((l) => l.startsWith('tick ')).map((l) => Number(l.split(' ')[1]));
    // Each line once, in order.
    expect(ticks).toEqual(ticks.map((_, i) => ticks[0] + i));
  });
});
