import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { WorkspacePage } from './pages/WorkspacePage.ts';

/** A share hash made by hand, as an attacker could: entries are [at, command] or [at, file, text]. */
function hash(entries: unknown[], origin: object = {}): string {
  return `#lab=${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, o: origin, e: entries, t: 1000 }))}`;
}

test.describe('share', () => {
  test('a shared link rebuilds the lab for someone else, asking before replacing their work', async ({ page, browser }) => {
    const alice = new WorkspacePage(page);
    await alice.open('/?seed=5');
    await alice.pause();
    await alice.type('kubectl create deployment shared --image=nginx --replicas=2');
    await alice.advance(40_000);
    const pods = await alice.run('kubectl get pods -o wide');
    const url = await alice.share();
    expect(url).toMatch(/\?seed=5#lab=/);

    const ctx = await browser.newContext();
    const bob = new WorkspacePage(await ctx.newPage());
    await bob.open('/');
    await bob.type('kubectl create namespace bobs-work');
    await bob.saved();
    bob.answer = true;
    await bob.page.goto(url);
    await bob.ready();
    expect(bob.dialogs.some((m) => m.includes('shared lab'))).toBe(true);
    await bob.pause();
    // The hash is consumed: a reload does not ask again.
    expect(new URL(bob.page.url()).hash).toBe('');
    expect(await bob.run('kubectl get pods -o wide')).toBe(pods);
    expect(await bob.run('kubectl get ns -o name')).not.toContain('bobs-work');
    await ctx.close();
  });

  test('a shared link cannot run script', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await page.addInitScript(() => {
      (window as unknown as { __pwned: number }).__pwned = 0;
    });
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await lab.open(
      `/${hash([
        [0, `echo '${payload}'`],
        [0, `<script>window.__pwned=3</script>`, payload],
        [0, `kubectl create configmap x --from-literal=html='${payload}'`],
      ])}`,
    );
    await lab.pause();
    // The log was replayed as data: the file and the ConfigMap hold the markup as text.
    expect(await lab.run("kubectl get cm x -o jsonpath='{.data.html}'")).toBe(payload);
    expect(await lab.run("cat '<script>window.__pwned=3</script>'")).toBe(payload);
    // Showing it in the terminal prints it as text.
    await lab.type("kubectl get cm x -o jsonpath='{.data.html}'");
    await expect.poll(() => lab.terminalText()).toContain('onerror="window.__pwned=1"');
    expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
    expect(await page.locator('img[src=x], script:not([src])').count()).toBe(0);
  });

  test('a damaged link is refused and runs nothing', async ({ page }) => {
    const lab = new WorkspacePage(page);
    await lab.open(`/#lab=javascript:alert(1)`);
    expect(lab.dialogs).toEqual([expect.stringContaining('damaged')]);
    expect(await lab.run('kubectl get cm -o name')).toBe('configmap/kube-root-ca.crt\n');
  });
});
