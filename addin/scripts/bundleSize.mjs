// How much JavaScript the pane loads before a view shows, gzip-compressed, read from the Vite manifest of a build
// (dist/.vite/manifest.json). office.js is a script of its own from Office and is never counted.
//
// `npm run size` (after `npm run build` or `npm run build:prod`) prints every chunk and what each view loads;
// test/bundleSize.test.ts holds the first views to the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 11: the first view loads at most 150 KB of JavaScript, gzip, office.js apart. */
export const firstViewBudgetBytes = 150 * 1024;

const page = 'taskpane.html';
const devTenantAuth = 'src/auth/devTenantAuth.ts';
const entraAuth = ['src/auth/entraAuth.ts', 'src/auth/entraSeam.ts'];
const scheduleForm = ['src/app/PaneTabs.tsx', 'src/schedule/ScheduleView.tsx'];

/**
 * What each view loads before it shows: the page's entry chunk and the chunks loaded on demand for the screen, each
 * with everything it imports statically. The keys are the source modules Vite's manifest names the chunks by.
 * `budget: true` marks the first views, held to firstViewBudgetBytes; the others are reported.
 */
export const views = {
  /** The page itself (taskpane.html): the shell that asks the service how to sign in. */
  page: { budget: true, starts: [page] },
  /** Dev tenant, first open: the account picker. */
  devTenantSignIn: { budget: true, starts: [page, devTenantAuth, 'src/signin/DevSignIn.tsx'] },
  /** Entra: "Signing you in…" while Office's single sign-on answers, or "Sign in" where nothing can sign in silently. */
  entraSignIn: { budget: true, starts: [page, ...entraAuth, 'src/auth/EntraSignIn.tsx'] },
  /** Entra under Office's broker (NAA): the same with MSAL's nestable client, which the silent sign-in needs. */
  entraSignInNaa: { budget: false, starts: [page, ...entraAuth, 'src/auth/EntraSignIn.tsx', 'src/auth/msalNestable.ts'] },
  /** Signed in on the dev tenant: the tabs and the Schedule form (fetched while the sign-in screen shows). */
  scheduleDevTenant: { budget: false, starts: [page, devTenantAuth, ...scheduleForm] },
  /** Signed in with Entra: the tabs and the Schedule form. */
  scheduleEntra: { budget: false, starts: [page, ...entraAuth, ...scheduleForm] },
};

/**
 * @typedef {{ file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; isDynamicEntry?: boolean }} ManifestChunk
 * @typedef {{ key: string; file: string; gzipBytes: number }} ChunkSize
 * @typedef {{ name: string; budget: boolean; bytes: number; files: string[]; missing: string[] }} ViewSize
 */

/**
 * @param {string} distDir
 * @returns {Record<string, ManifestChunk>}
 */
export function readManifest(distDir) {
  return JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8'));
}

/**
 * The JavaScript files that loading `starts` brings in: their chunks and everything those import statically.
 * @param {Record<string, ManifestChunk>} manifest
 * @param {readonly string[]} starts
 * @returns {{ files: string[]; missing: string[] }}
 */
export function filesLoadedBy(manifest, starts) {
  /** @type {Set<string>} */
  const files = new Set();
  /** @type {string[]} */
  const missing = [];
  const visit = (/** @type {string} */ key) => {
    const chunk = manifest[key];
    if (!chunk) return void missing.push(key);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const start of starts) visit(start);
  return { files: [...files].filter((file) => file.endsWith('.js')), missing };
}

/**
 * Sizes per chunk (bytes, gzip) and per view.
 * @param {string} distDir
 * @returns {{ chunks: ChunkSize[]; views: ViewSize[] }}
 */
export function bundleSizes(distDir) {
  const manifest = readManifest(distDir);
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
  const sizes = Object.entries(views).map(([name, { budget, starts }]) => {
    const { files, missing } = filesLoadedBy(manifest, starts);
    return { name, budget, bytes: files.reduce((sum, file) => sum + sizeOf(file), 0), files, missing };
  });
  return { chunks, views: sizes };
}

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? 'dist';
  const { chunks, views: sizes } = bundleSizes(dist);
  const columns = sizes.map((v, i) => `${String.fromCharCode(65 + i)}`);
  console.log(`JavaScript per chunk in ${dist} (gzip); a letter marks the views that load the chunk:`);
  sizes.forEach((v, i) => console.log(`  ${columns[i]}  ${v.name}`));
  console.log(`${'gzip'.padStart(9)}  ${columns.join(' ')}  chunk`);
  for (const c of chunks) {
    const marks = sizes.map((v, i) => (v.files.includes(c.file) ? columns[i] : '.')).join(' ');
    console.log(`${kb(c.gzipBytes).padStart(9)}  ${marks}  ${c.file}  (${c.key})`);
  }
  console.log('');
  for (const v of sizes) {
    const verdict = v.budget ? (v.bytes <= firstViewBudgetBytes ? ` (first view; budget ${kb(firstViewBudgetBytes)})` : ` OVER THE BUDGET of ${kb(firstViewBudgetBytes)}`) : '';
    const missing = v.missing.length ? `; not in this build: ${v.missing.join(', ')}` : '';
    console.log(`${v.name.padEnd(18)} ${kb(v.bytes).padStart(9)}${verdict}${missing}`);
  }
}
