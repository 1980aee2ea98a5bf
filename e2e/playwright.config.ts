import { defineConfig } from '@playwright/test';

const executablePath = process.env.KUBELAB_CHROMIUM;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: 'http://127.0.0.1:5199',
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
    command: 'npx vite build --logLevel warn && npx vite preview --port 5199 --strictPort --host 127.0.0.1',
    url: 'http://127.0.0.1:5199',
    reuseExistingServer: false,
    timeout: 300_000,
    cwd: '..',
  },
});
