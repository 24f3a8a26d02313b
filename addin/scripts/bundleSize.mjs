// How much JavaScript the pane loads before its first view shows, gzip-compressed, read from the Vite manifest of a
// build (dist/.vite/manifest.json). office.js is a script of its own from Office and is never counted.
//
// `npm run size` (after `npm run build`) prints every chunk and what each first view loads; test/bundleSize.test.ts
// holds both first views to the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 11: the first view loads at most 150 KB of JavaScript, gzip, office.js apart. */
export const firstViewBudgetBytes = 150 * 1024;

/**
 * What each view loads before it shows: the page's entry chunk and the chunks loaded on demand for the screen, each
 * with everything it imports statically. The keys are the source modules Vite's manifest names the chunks by.
 * `budget: true` marks the first views held to firstViewBudgetBytes.
 */
export const firstViews = {
  /** The page itself (taskpane.html): the shell that asks the service how to sign in. */
  page: { budget: true, starts: ['taskpane.html'] },
  /** Dev tenant, first open: the account picker. */
  devTenantSignIn: { budget: true, starts: ['taskpane.html', 'src/auth/devTenantAuth.ts', 'src/signin/DevSignIn.tsx'] },
  /** Entra: "Signing you in…" while Office's broker or single sign-on answers. */
  entraSignIn: { budget: true, starts: ['taskpane.html', 'src/auth/entraAuth.ts', 'src/auth/entraSeam.ts', 'src/auth/EntraSignIn.tsx'] },
  /** Entra under Office's broker (NAA): the same with MSAL's nestable client, loaded for the silent sign-in. */
  entraSignInNaa: {
    budget: false,
    starts: ['taskpane.html', 'src/auth/entraAuth.ts', 'src/auth/entraSeam.ts', 'src/auth/EntraSignIn.tsx', 'src/auth/msalNestable.ts'],
  },
  /** Signed in (dev tenant): the tabs and the Schedule form. */
  scheduleDevTenant: { budget: false, starts: ['taskpane.html', 'src/auth/devTenantAuth.ts', 'src/app/PaneTabs.tsx', 'src/schedule/ScheduleView.tsx'] },
  /** Signed in (Entra): the tabs and the Schedule form. */
  scheduleEntra: {
    budget: false,
    starts: ['taskpane.html', 'src/auth/entraAuth.ts', 'src/auth/entraSeam.ts', 'src/app/PaneTabs.tsx', 'src/schedule/ScheduleView.tsx'],
  },
};

/**
 * @typedef {{ file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; isDynamicEntry?: boolean }} ManifestChunk
 * @typedef {{ key: string; file: string; gzipBytes: number }} ChunkSize
 * @typedef {{ name: string; budget: boolean; bytes: number; chunks: string[]; missing: string[] }} ViewSize
 */

/**
 * Sizes per chunk (bytes, gzip) and per first view.
 * @param {string} distDir
 * @returns {{ chunks: ChunkSize[]; views: ViewSize[] }}
 */
export function bundleSizes(distDir) {
  /** @type {Record<string, ManifestChunk>} */
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8'));
  /** @type {Map<string, number>} */
  const gzipBytes = new Map();
  const sizeOf = (/** @type {string} */ file) => {
    let size = gzipBytes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(distDir, file))).length;
      gzipBytes.set(file, size);
    }
    return size;
  };
  const chunks = Object.entries(manifest)
    .filter(([, chunk]) => chunk.file.endsWith('.js'))
    .map(([key, chunk]) => ({ key, file: chunk.file, gzipBytes: sizeOf(chunk.file) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);

  const views = Object.entries(firstViews).map(([name, { budget, starts }]) => {
    /** @type {Set<string>} */
    const loaded = new Set();
    /** @type {string[]} */
    const missing = [];
    const visit = (/** @type {string} */ key) => {
      const chunk = manifest[key];
      if (!chunk) return void missing.push(key);
      if (loaded.has(chunk.file)) return;
      loaded.add(chunk.file);
      for (const next of chunk.imports ?? []) visit(next);
    };
    for (const start of starts) visit(start);
    const files = [...loaded].filter((file) => file.endsWith('.js'));
    return { name, budget, bytes: files.reduce((sum, file) => sum + sizeOf(file), 0), chunks: files, missing };
  });
  return { chunks, views };
}

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { chunks, views } = bundleSizes(process.argv[2] ?? 'dist');
  const viewNames = views.map((v) => v.name);
  console.log(`${'gzip'.padStart(9)}  ${viewNames.map((n) => n.padEnd(9)).join(' ')}  chunk`);
  for (const c of chunks) {
    const marks = views.map((v) => (v.chunks.includes(c.file) ? 'first' : '').padEnd(9)).join(' ');
    console.log(`${kb(c.gzipBytes).padStart(9)}  ${marks}  ${c.file}  (${c.key})`);
  }
  for (const v of views) {
    const missing = v.missing.length ? `; not in this build: ${v.missing.join(', ')}` : '';
    console.log(`first view, ${v.name}: ${kb(v.bytes)} gzip (budget ${kb(firstViewBudgetBytes)})${missing}`);
  }
}
