import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom does no layout, so it has no ResizeObserver; Fluent's MessageBar measures itself with one.
// Nothing ever resizes here, so an observer that never reports is the faithful stand-in.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Views answer from real HTTP (a backend, a dev tenant) or from React's own scheduling; on a loaded 2-core machine the
// library's 1 s default for findBy/waitFor is not enough. One generous bound for every suite: a passing wait returns as
// soon as its element appears, so only a failing test takes this long.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
  if (typeof window !== 'undefined') window.sessionStorage.clear();
  delete (globalThis as { Office?: unknown }).Office;
});
