import { defineConfig } from '@playwright/test';

const executablePath = process.env.KUBELAB_CHROMIUM;
// KUBELAB_E2E_PORT lets two runs share a machine: each serves its own build (dist, or dist-e2e-PORT) on its port.
const port = process.env.KUBELAB_E2E_PORT ?? '5199';
const outDir = port === '5199' ? 'dist' : `dist-e2e-${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: port === '5199' ? '../test-results' : `../test-results-${port}`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // The tests run against the production build (what users get), served statically: no on-demand
  // transforms or dependency pre-bundling while a test waits, so timings do not depend on a cold dev server.
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${outDir} && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 300_000,
    cwd: '..',
  },
});
