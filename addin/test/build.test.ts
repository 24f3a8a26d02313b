// @vitest-environment node
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HtmlTagDescriptor, Plugin, ResolvedConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { officeJsCdnUrl, officeJsPlugin, resolveOfficeJsSource } from '../scripts/officeJsPlugin';

type Hook = (...args: unknown[]) => unknown;
const call = (plugin: Plugin, hook: keyof Plugin, ...args: unknown[]) => {
  const value = plugin[hook] as Hook | { handler: Hook } | undefined;
  const fn = typeof value === 'function' ? value : value?.handler;
  if (!fn) throw new Error(`plugin has no ${String(hook)} hook`);
  return fn.apply({}, args);
};

describe('where the page loads office.js from', () => {
  it('is the local copy for npm run build and the CDN for npm run build:prod, unless PANE_OFFICE_JS says otherwise', () => {
    expect(resolveOfficeJsSource(undefined, 'production')).toBe('local');
    expect(resolveOfficeJsSource(undefined, 'prod')).toBe('cdn');
    expect(resolveOfficeJsSource('', 'prod')).toBe('cdn');
    expect(resolveOfficeJsSource('cdn', 'production')).toBe('cdn');
    expect(resolveOfficeJsSource('local', 'prod')).toBe('local');
    expect(() => resolveOfficeJsSource('beta', 'production')).toThrow(/PANE_OFFICE_JS/);
  });

  it('puts the CDN script in production pages', () => {
    const tags = call(officeJsPlugin({ source: 'cdn', base: '/api/pane/' }), 'transformIndexHtml') as HtmlTagDescriptor[];
    expect(tags).toEqual([expect.objectContaining({ tag: 'script', attrs: expect.objectContaining({ src: officeJsCdnUrl }) })]);
    expect(officeJsCdnUrl).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  });

  it('ships the local copy, with the files office.js loads next to it, into a local build', () => {
    const plugin = officeJsPlugin({ source: 'local', base: '/api/pane/' });
    const tags = call(plugin, 'transformIndexHtml') as HtmlTagDescriptor[];
    expect(tags[0]?.attrs?.src).toBe('/api/pane/office-js/office.js');
    const outDir = mkdtempSync(join(tmpdir(), 'pm365-dist-'));
    try {
      call(plugin, 'configResolved', { command: 'build', build: { outDir } } as unknown as ResolvedConfig);
      call(plugin, 'closeBundle');
      for (const file of ['office.js', 'o15apptofilemappingtable.js', 'outlook-web-16.01.js', 'en-us/outlook_strings.js']) {
        expect(existsSync(join(outDir, 'office-js', file)), file).toBe(true);
      }
      expect(readFileSync(join(outDir, 'office-js', 'office.js'), 'utf8')).toContain('Office');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
