// @vitest-environment node
// The JavaScript each first view of the pane waits for (office.js apart), gzip, read from the Vite manifest of a
// fresh build of the current sources into a folder of its own (dist/ may be stale or missing). The build runs as
// `npm run build` runs it, in a process of its own: under Vitest NODE_ENV is "test", which would build React's
// development code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes, filesLoadedBy, firstViewBudgetBytes, readManifest, views } from '../scripts/bundleSize.mjs';

const root = path.resolve(__dirname, '..');
let outDir = '';

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'pane-size-'));
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', 'false', '--logLevel', 'error'], { cwd: root, env, stdio: 'pipe' });
}, 600_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the JavaScript the pane loads before a view shows', () => {
  it('is at most 150 KB gzip for the page and the first screen of each sign-in mode', () => {
    const sizes = bundleSizes(outDir).views;
    expect(sizes.filter((v) => v.missing.length > 0).map((v) => `${v.name}: ${v.missing.join(', ')}`)).toEqual([]);
    const firstViews = sizes.filter((v) => v.budget);
    expect(firstViews.map((v) => v.name).sort()).toEqual(['devTenantSignIn', 'entraSignIn', 'page']);
    for (const view of firstViews) expect(view.bytes, `${view.name}: ${kb(view.bytes)}`).toBeLessThanOrEqual(firstViewBudgetBytes);
  });

  it('holds the Schedule form and the silent sign-in under Office’s broker where they are (about 205 KB; the whole pane was one 229 KB page before)', () => {
    // They are not first views: the Schedule form is fetched while the sign-in screen shows. This bound only keeps a
    // stray static import of another view or of MSAL from sliding back into them unnoticed.
    for (const view of bundleSizes(outDir).views.filter((v) => !v.budget)) {
      // 215 KB since public holidays have words of their own on the slot cards (format/holidays.ts).
      expect(view.bytes, `${view.name}: ${kb(view.bytes)}`).toBeLessThanOrEqual(215 * 1024);
    }
  });

  it('loads MSAL only in Entra mode, and the other views, the slot results and the series only when opened', () => {
    const manifest = readManifest(outDir);
    const loadedBy = (starts: readonly string[]) => new Set(filesLoadedBy(manifest, starts).files);
    const page = loadedBy(['taskpane.html']);
    const onlyFor = (start: string) => [...loadedBy([start])].filter((file) => !page.has(file));

    const msal = onlyFor('src/auth/msalNestable.ts');
    const msalBytes = bundleSizes(outDir).chunks.filter((c) => msal.includes(c.file)).reduce((sum, c) => sum + c.gzipBytes, 0);
    expect(msalBytes, 'MSAL is in chunks of its own').toBeGreaterThan(40 * 1024);
    const later = ['src/peers/PeersView.tsx', 'src/agenda/AgendaView.tsx', 'src/schedule/SlotList.tsx', 'src/series/index.ts', 'src/auth/msalWindow.ts'];
    for (const view of Object.entries(views)) {
      const [name, { starts }] = view;
      const files = loadedBy(starts);
      for (const module of later) {
        expect(manifest[module], `${module} is a chunk of its own`).toBeDefined();
        expect(files.has(manifest[module]!.file), `${name} does not load ${module}`).toBe(false);
      }
      if (name !== 'entraSignInNaa') expect(msal.filter((file) => files.has(file)), `${name} loads no MSAL`).toEqual([]);
    }
  });

  it('loads the sign-in code of one mode only', () => {
    const manifest = readManifest(outDir);
    const modes = {
      devTenant: ['src/auth/devTenantAuth.ts', 'src/signin/DevSignIn.tsx'],
      entra: ['src/auth/entraAuth.ts', 'src/auth/EntraSignIn.tsx', 'src/auth/msalNestable.ts', 'src/auth/msalWindow.ts'],
    };
    for (const module of [...modes.devTenant, ...modes.entra]) expect(manifest[module], `${module} is a chunk of its own`).toBeDefined();
    for (const [name, { starts }] of Object.entries(views)) {
      const files = new Set(filesLoadedBy(manifest, starts).files);
      const other = name === 'page' ? [...modes.devTenant, ...modes.entra] : /entra/i.test(name) ? modes.devTenant : modes.entra;
      expect(other.filter((module) => files.has(manifest[module]!.file)), `${name} loads no other mode's sign-in`).toEqual([]);
    }
  });
});

describe('Fluent icons', () => {
  it('are imported one icon module at a time, never through the package index of thousands', () => {
    const sources = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(folder, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(folder, entry.name)] : [],
      );
    const throughIndex = sources(path.join(root, 'src')).filter((file) => /from '@fluentui\/react-icons'/.test(readFileSync(file, 'utf8')));
    expect(throughIndex.map((file) => path.relative(root, file))).toEqual([]);
  });
});
