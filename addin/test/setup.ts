import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
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

afterEach(() => {
  cleanup();
  if (typeof window !== 'undefined') window.sessionStorage.clear();
  delete (globalThis as { Office?: unknown }).Office;
});
