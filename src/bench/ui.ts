/**
 * UI figures in headless Chromium, against the production build (served by `vite preview` on a free port):
 *  - time to interactive with a 3-node cluster: navigation start → the graph shows its node boxes and the
 *    test hook is up (median of 3 loads);
 *  - 1,000 pods drawn ("Every pod" detail, fitted on screen) while the view pans continuously and 10% of the
 *    pods change status every 100 ms: frames per second and the 95th-percentile frame time.
 * Both levels of detail are measured: the default (nodes collapse to pod-count badges when the view is
 * zoomed out that far) and "Every pod".
 * Run directly (`node --import tsx src/bench/ui.ts`, prints one JSON line) or through `npm run bench`, which
 * runs it as a child process. Without a Chromium it prints `{"skipped": "..."}`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const CHROMIUM = [process.env.KUBELAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

export interface ChurnFigures {
  /** Pod cards in the DOM (0 when nodes are collapsed to pod counts). */
  podsOnScreen: number;
  fps: number;
  p95FrameMs: number;
  seconds: number;
}

export interface UiBenchResult {
  ttiMs: number;
  /** The default level of detail: fitted on screen, 1,000 pods on 25 workers draw as pod-count badges. */
  auto: ChurnFigures;
  /** "Every pod": all 1,000 cards drawn. */
  full: ChurnFigures;
}


// Page scripts are strings: functions would be transpiled with helpers the page does not have.
const TTI_SCRIPT = `new Promise((resolve) => {
  const check = () => (window.__kubelab && document.querySelector('[data-testid="node-box"]') ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
})`;

const SETUP_SCRIPT = `(() => {
  const k = window.__kubelab;
  k.setSpeed(0);
  k.cluster.run('kubectl create deployment web --image=nginx --replicas=1000');
  k.cluster.runUntilIdle(600000);
})()`;

/** 10% of the pods change status every 100 ms (ready <-> CrashLoopBackOff), written to the store as the kubelet would; every frame's time is recorded. */
const CHURN_SCRIPT = `(() => {
  const store = window.__kubelab.cluster.runtime.store;
  let round = 0;
  window.__flip = setInterval(() => {
    const pods = store.list('pods', 'default');
    const n = Math.ceil(pods.length / 10);
    for (let i = 0; i < n; i++) {
      const p = structuredClone(pods[(round * n + i) % pods.length]);
      const cs = p.status.containerStatuses[0];
      const crash = !(cs.state && cs.state.waiting);
      cs.ready = !crash;
      cs.state = crash ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: { startedAt: '2025-01-01T00:00:00Z' } };
      store.put('pods', p);
    }
    round++;
  }, 100);
  window.__frames = [];
  const tick = (t) => {
    window.__frames.push(t);
    if (window.__frames.length < 100000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function main(): Promise<void> {
  if (!CHROMIUM) {
    console.log(JSON.stringify({ skipped: 'no Chromium (set KUBELAB_CHROMIUM)' }));
    return;
  }
  const { build, preview } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const outDir = mkdtempSync(join(tmpdir(), 'kubelab-ui-bench-'));
  await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const url = server.resolvedUrls?.local[0] ?? '';
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const tti: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${url}?nodes=3`);
      tti.push((await page.evaluate(TTI_SCRIPT)) as number);
      await page.close();
    }
    tti.sort((a, b) => a - b);

    const churn = async (detail: 'auto' | 'full') => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${url}?nodes=26`);
      await page.waitForFunction(() => window.__kubelab !== undefined);
      await page.evaluate(SETUP_SCRIPT);
      if (detail === 'full') await page.getByTestId('graph-detail').click();
      await page.locator('.react-flow__controls-fitview').click();
      await page.waitForTimeout(800);
      const podsOnScreen = await page.getByTestId('pod-card').count();
      // 10% of the pods change status every 100 ms (ready ↔ CrashLoopBackOff), written to the store as the kubelet would.
      await page.evaluate(CHURN_SCRIPT);
      // Pan continuously for 5 s (a drag on the pane, back and forth).
      const box = (await page.getByTestId('topology').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      const t0 = Date.now();
      let step = 0;
      while (Date.now() - t0 < 5000) {
        const dx = Math.sin(step / 20) * 300;
        await page.mouse.move(cx + dx, cy + Math.cos(step / 25) * 120);
        step++;
      }
      await page.mouse.up();
      const frames = (await page.evaluate('(clearInterval(window.__flip), window.__frames.slice())')) as number[];
      const deltas = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
      const seconds = (frames[frames.length - 1] - frames[0]) / 1000;

      await page.close();
      return { podsOnScreen, fps: Math.round((deltas.length / seconds) * 10) / 10, p95FrameMs: Math.round(deltas[Math.floor(deltas.length * 0.95)] * 10) / 10, seconds: Math.round(seconds * 10) / 10 };
    };
    const auto = await churn('auto');
    const full = await churn('full');
    const result: UiBenchResult = { ttiMs: Math.round(tti[1]), auto, full };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** For `npm run bench`: run this file in a child process (it is asynchronous; bench scenarios are not) and summarise. */
export function uiBench(): { virtualMs: number; note: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], { encoding: 'utf8', timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const j = JSON.parse(line) as Partial<UiBenchResult> & { skipped?: string };
    if (j.skipped) return { virtualMs: 0, note: `skipped: ${j.skipped}` };
    const f = (x: ChurnFigures | undefined) => `${x?.podsOnScreen} cards: ${x?.fps} fps, p95 ${x?.p95FrameMs} ms`;
    return { virtualMs: 0, note: `TTI ${j.ttiMs} ms (3 nodes) · 1,000 pods, 10%/100 ms changing, panning — auto detail ${f(j.auto)} · every pod ${f(j.full)}` };
  } catch {
    return { virtualMs: 0, note: `failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) void main();
