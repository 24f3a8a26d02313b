/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { officeJsPlugin, resolveOfficeJsSource } from './scripts/officeJsPlugin.ts';
import { spaIndexPlugin } from './scripts/spaIndexPlugin.ts';

// The backend serves the built pane at /api/pane/ (same origin as the API, so the pane calls /api/... relatively).
const base = '/api/pane/';

export default defineConfig(({ mode }) => {
  const officeJs = resolveOfficeJsSource(process.env.PANE_OFFICE_JS, mode);
  return {
    base,
    plugins: [react(), officeJsPlugin({ source: officeJs, base }), spaIndexPlugin('taskpane.html')],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: mode === 'prod' ? 'hidden' : true,
      // Vite's default chunk warning (500 kB) holds again: the page is the shell and every view loads on demand.
      // dist/.vite/manifest.json says which chunks each one imports; test/bundleSize.test.ts holds the first views to
      // their budget from it (docs/pane.md, "Fast to open").
      manifest: true,
      rolldownOptions: { input: { taskpane: 'taskpane.html', authRedirect: 'auth-redirect.html' } },
    },
    server: {
      host: '127.0.0.1',
      port: 5173,
      // `npm run dev` serves the pane with hot reload and forwards the API to a backend started with ./run.sh.
      proxy: { '^/api/(?!pane/)': { target: process.env.PANE_API_ORIGIN ?? 'http://127.0.0.1:5080', changeOrigin: false } },
    },
    test: {
      environment: 'jsdom',
      globals: true,
      setupFiles: ['test/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
      restoreMocks: true,
      // Fluent components under jsdom with user-event typing are slow on a 2-core machine; none waits on a timer.
      testTimeout: 30_000,
    },
  };
});
