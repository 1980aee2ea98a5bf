#!/usr/bin/env node
// Runs the Playwright browser tests in headless Chromium: Playwright's own browser when it is installed,
// otherwise the system Chromium at /usr/bin/chromium. With neither, says how to get one and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function findBrowser() {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, own: true };
  } catch {
    // Playwright has no browser of its own installed.
  }
  for (const p of [process.env.KUBELAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && existsSync(p)) return { path: p, own: false };
  }
  return undefined;
}

const browser = findBrowser();
if (!browser) {
  console.error(
    'No Chromium found for the browser tests.\n' +
      'Install one of:\n' +
      '  - Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  - Playwright\'s own build: npx playwright install chromium\n' +
      'or point KUBELAB_CHROMIUM at a Chromium/Chrome executable.',
  );
  process.exit(1);
}
const env = { ...process.env };
if (!browser.own) env.KUBELAB_CHROMIUM = browser.path;
const r = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
