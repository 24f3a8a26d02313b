import { cpSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Where the pane's page loads office.js from. */
export type OfficeJsSource = 'local' | 'cdn';

/** Office and the marketplace require production pages to load office.js from Microsoft's CDN. */
export const officeJsCdnUrl = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Folder (under the pane's base) that holds the local copy of office.js. */
export const localOfficeJsFolder = 'office-js';

/**
 * The parts of the @microsoft/office-js package a local build ships: the loader, the Outlook hosts it may pick
 * and the strings it loads for the default locale. The whole package is ~90 MB; the pane needs none of the rest.
 */
const localOfficeJsFiles = [
  'office.js',
  'o15apptofilemappingtable.js',
  'en-us',
  'outlook-web-16.01.js',
  'outlook-win32-16.02.js',
  'outlook-win32-16.01.js',
  'outlook-win32-16.00.js',
  'outlook-mac-16.00.js',
];

/** PANE_OFFICE_JS=local|cdn wins; otherwise `--mode prod` means the CDN and anything else the local copy. */
export function resolveOfficeJsSource(envValue: string | undefined, mode: string): OfficeJsSource {
  if (envValue === 'local' || envValue === 'cdn') return envValue;
  if (envValue !== undefined && envValue !== '') {
    throw new Error(`PANE_OFFICE_JS must be "local" or "cdn", not "${envValue}".`);
  }
  return mode === 'prod' ? 'cdn' : 'local';
}

function officeJsPackageDist(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@microsoft/office-js/package.json');
  return join(dirname(packageJson), 'dist');
}

/** Puts the office.js script tag into the page and, for local builds, ships the local copy next to the pane. */
export function officeJsPlugin(options: { source: OfficeJsSource; base: string }): Plugin {
  const src = options.source === 'cdn' ? officeJsCdnUrl : `${options.base}${localOfficeJsFolder}/office.js`;
  let outDir = 'dist';
  let building = false;
  return {
    name: 'peermentor365-office-js',
    configResolved(config) {
      outDir = config.build.outDir;
      building = config.command === 'build';
    },
    transformIndexHtml() {
      return [{ tag: 'script', attrs: { src, 'data-office-js': options.source }, injectTo: 'head' }];
    },
    configureServer(server) {
      if (options.source !== 'local') return;
      const dist = officeJsPackageDist();
      const prefix = `${options.base}${localOfficeJsFolder}/`;
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0];
        if (!url?.startsWith(prefix)) return next();
        const file = normalize(join(dist, url.slice(prefix.length)));
        if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      if (options.source !== 'local' || !building) return;
      const dist = officeJsPackageDist();
      const target = join(outDir, localOfficeJsFolder);
      mkdirSync(target, { recursive: true });
      for (const entry of localOfficeJsFiles) {
        cpSync(join(dist, entry), join(target, entry), { recursive: true });
      }
    },
  };
}
