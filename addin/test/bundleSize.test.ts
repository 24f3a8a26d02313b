// @vitest-environment node
// The JavaScript the pane's first view waits for (office.js apart), gzip, read from the Vite manifest of the build
// (npm run build, which test.sh runs first). Without a build as new as the sources, the test builds into a folder of
// its own, so it never measures stale files.
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { bundleSizes, firstViewBudgetBytes } from '../scripts/bundleSize.mjs';

const root = path.resolve(__dirname, '..');

function newestSource(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(folder, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

async function builtPane(): Promise<string> {
  const dist = path.join(root, 'dist');
  const manifest = path.join(dist, '.vite', 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSource(path.join(root, 'src'))) return dist;
  const outDir = mkdtempSync(path.join(tmpdir(), 'pane-bundle-'));
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  return outDir;
}

describe('the first view’s JavaScript', () => {
  it('stays within its budget, with sign-in, MSAL, the results and the other views loaded on demand', { timeout: 600_000 }, async () => {
    const { chunks, firstViewBytes } = bundleSizes(await builtPane());
    const firstView = chunks.filter((c) => c.firstView).map((c) => c.file);
    // What the first view must not wait for.
    for (const later of ['PeersView', 'AgendaView', 'DevSignIn', 'EntraSignIn', 'SlotList']) {
      expect(firstView.some((file) => path.basename(file).startsWith(`${later}-`)), later).toBe(false);
    }
    expect(chunks.some((c) => !c.firstView && c.key.includes('@azure/msal-browser')), 'MSAL in a chunk of its own').toBe(true);
    expect(firstViewBytes).toBeLessThanOrEqual(firstViewBudgetBytes);
  });
});
