import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Writes the pane's page a second time as index.html, so /api/pane/ serves the same page as /api/pane/taskpane.html. */
export function spaIndexPlugin(page: string): Plugin {
  let outDir = 'dist';
  return {
    name: 'peermentor365-spa-index',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const built = join(outDir, page);
      if (!existsSync(built)) this.error(`The build produced no ${page} to copy as index.html.`);
      copyFileSync(built, join(outDir, 'index.html'));
    },
  };
}
