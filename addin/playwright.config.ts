import { defineConfig } from '@playwright/test';

// The e2e suite drives Debian's Chromium (no downloaded browsers) against a running backend on the dev tenant.
const paneUrl = process.env.PANE_URL;
if (!paneUrl) {
  throw new Error(
    'PANE_URL is not set. Start the backend on the dev tenant (e.g. ./run.sh) and run PANE_URL=http://127.0.0.1:5080/api/pane/ npm run test:e2e',
  );
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: paneUrl,
    browserName: 'chromium',
    headless: true,
    // Playwright gives every launch a fresh temporary profile (user data dir) of its own.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 360, height: 800 },
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
