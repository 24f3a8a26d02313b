import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` when the person comes back to the pane: its window gains focus or its page becomes visible again
 * (another browser tab, another Outlook window, a minimised Teams). Both often fire for one return: one refresh then.
 */
export function useRefreshOnReturn(refresh: () => void, coalesceMs = 500): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let last = Number.NEGATIVE_INFINITY;
    const onReturn = () => {
      if (document.visibilityState === 'hidden') return;
      const now = Date.now();
      if (now - last < coalesceMs) return;
      last = now;
      latest.current();
    };
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, [coalesceMs]);
}
