/**
 * UI figures in headless Chromium, against the production build (served by `vite preview` on a free port):
 *  - the page's initial JavaScript (the entry script and what it imports statically, gzip -9) and, separately,
 *    the engine's worker chunk (budget: initial JS under 400 KB gzip);
 *  - time to interactive with a 3-node cluster: navigation start → the graph shows its node boxes and the
 *    test hook is up, i.e. the worker built the cluster and its first delta is drawn (median of 3 loads);
 *  - `kubectl get pods -A` over 10,000 pods (100 nodes) typed into the terminal: Enter → the output parsed by
 *    xterm and painted (median of 3);
 *  - 1,000 pods drawn ("Every pod" detail, fitted on screen) while the view pans continuously and 10% of the
 *    pods change status every 100 ms: frames per second and the 95th-percentile frame time.
 * Both levels of detail are measured: the default (nodes collapse to pod-count badges when the view is
 * zoomed out that far) and "Every pod".
 * Run directly (`node --import tsx src/bench/ui.ts`, prints one JSON line) or through `npm run bench`, which
 * runs it as a child process. Without a Chromium it prints `{"skipped": "..."}`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { benchSource } from './self.ts';

/** This module's source file, which `npm run bench` runs in a child process. */
const SELF = benchSource('ui.ts', import.meta.url);

const CHROMIUM = [process.env.KUBELAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

export interface ChurnFigures {
  /** Pod cards in the DOM (0 when nodes are collapsed to pod counts). */
  podsOnScreen: number;
  fps: number;
  p95FrameMs: number;
  seconds: number;
}

export interface UiBenchResult {
  /** gzip bytes of the JavaScript the page loads before it runs (entry + static imports). */
  initialJsGzip: number;
  /** gzip bytes of the engine's Web Worker chunk (loaded by the page right after, off the main thread). */
  workerJsGzip: number;
  ttiMs: number;
  /** `kubectl get pods -A` with 10,000 pods: Enter to painted output. */
  getPods10kMs: number;
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

const setupScript = (replicas: number) => `(async () => {
  const k = window.__kubelab;
  k.setSpeed(0);
  await k.cluster.run('kubectl create deployment web --image=nginx --replicas=${replicas}');
  await k.cluster.runUntilIdle(600000);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
})()`;

/** Enter → output parsed by xterm → the next frame painted it. */
const GET_PODS_SCRIPT = `(async () => {
  const k = window.__kubelab;
  const t0 = performance.now();
  const r = await k.execute('kubectl get pods -A');
  await k.rendered();
  await new Promise((res) => requestAnimationFrame(() => res()));
  return { ms: performance.now() - t0, lines: r.stdout.split('\\n').length - 1 };
})()`;

/** 10% of the pods change status every 100 ms (ready <-> CrashLoopBackOff), written to the store in the engine's worker as the kubelet would; every frame's time is recorded. */
const CHURN_SCRIPT = `(() => {
  window.__kubelab.cluster.churn(100, 0.1);
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

    // kubectl get pods -A over 10,000 pods, rendered in the terminal.
    const big = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await big.goto(`${url}?nodes=100`);
    await big.waitForFunction(() => window.__kubelab !== undefined, undefined, { timeout: 120_000 });
    await big.evaluate(setupScript(10_000));
    const getPods: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = (await big.evaluate(GET_PODS_SCRIPT)) as { ms: number; lines: number };
      if (r.lines < 10_000) throw new Error(`kubectl get pods -A printed ${r.lines} lines`);
      getPods.push(r.ms);
    }
    getPods.sort((a, b) => a - b);
    await big.close();

    const churn = async (detail: 'auto' | 'full') => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${url}?nodes=26`);
      await page.waitForFunction(() => window.__kubelab !== undefined);
      await page.evaluate(setupScript(1000));
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
      const frames = (await page.evaluate('(window.__kubelab.cluster.churn(0, 0), window.__frames.slice())')) as number[];
      const deltas = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
      const seconds = (frames[frames.length - 1] - frames[0]) / 1000;

      await page.close();
      return { podsOnScreen, fps: Math.round((deltas.length / seconds) * 10) / 10, p95FrameMs: Math.round(deltas[Math.floor(deltas.length * 0.95)] * 10) / 10, seconds: Math.round(seconds * 10) / 10 };
    };
    const auto = await churn('auto');
    const full = await churn('full');
    const result: UiBenchResult = { ...jsSizes(outDir), ttiMs: Math.round(tti[1]), getPods10kMs: Math.round(getPods[1]), auto, full };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** gzip -9 sizes: the entry script plus the chunks it imports statically (what runs before the page is interactive), and the engine worker. */
export function jsSizes(outDir: string): { initialJsGzip: number; workerJsGzip: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(outDir, file))) return;
    seen.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    // Static imports between chunks (`import{a as b}from"./x.js"`, `import"./x.js"`); dynamic `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}$*,\s]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) visit(join('assets', m[1].slice(2)));
  };
  for (const m of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)) visit(m[1]);
  const gz = (f: string) => gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length;
  const worker = readdirSync(join(outDir, 'assets')).find((f) => /^engine\.worker-.*\.js$/.test(f));
  return { initialJsGzip: [...seen].reduce((n, f) => n + gz(f), 0), workerJsGzip: worker ? gz(join('assets', worker)) : 0 };
}

/** For `npm run bench`: run this file in a child process (it is asynchronous; bench scenarios are not) and summarise. */
export function uiBench(): { virtualMs: number; note: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF], { encoding: 'utf8', timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const j = JSON.parse(line) as Partial<UiBenchResult> & { skipped?: string };
    if (j.skipped) return { virtualMs: 0, note: `skipped: ${j.skipped}` };
    const f = (x: ChurnFigures | undefined) => `${x?.podsOnScreen} cards: ${x?.fps} fps, p95 ${x?.p95FrameMs} ms`;
    const kb = (n: number | undefined) => `${Math.round((n ?? 0) / 1024)} KB`;
    return { virtualMs: 0, note: `initial JS ${kb(j.initialJsGzip)} gzip (worker ${kb(j.workerJsGzip)}) · TTI ${j.ttiMs} ms (3 nodes) · get pods -A over 10,000 pods ${j.getPods10kMs} ms · 1,000 pods, 10%/100 ms changing, panning — auto detail ${f(j.auto)} · every pod ${f(j.full)}` };
  } catch {
    return { virtualMs: 0, note: `failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
}

if (process.argv[1] === SELF) void main();
