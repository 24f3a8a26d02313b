import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` when the person comes back to the pane after leaving it: its window got focus again after losing it,
 * or its page became visible again after being hidden (another browser tab, another Outlook window, a minimised
 * Teams). Both signals of one return make one refresh.
 */
export function useRefreshOnReturn(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let away = false;
    const leave = () => {
      away = true;
    };
    const onReturn = () => {
      if (document.visibilityState === 'hidden') {
        away = true;
        return;
      }
      if (!away) return;
      away = false;
      latest.current();
    };
    window.addEventListener('blur', leave);
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      window.removeEventListener('blur', leave);
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, []);
}
