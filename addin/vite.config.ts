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
      // React and Fluent UI make one ~650 kB (190 kB gzipped) chunk; the pane loads it once per open.
      chunkSizeWarningLimit: 800,
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
