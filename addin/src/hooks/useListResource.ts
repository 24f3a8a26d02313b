import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { Versioned } from '../api/pairTypes';
import { needsSignIn } from '../ui/userMessage';
import type { AsyncState } from './useAsync';
import { usePaneContext } from './paneContext';

/** A list the view can change in place after a successful (or conflicting) write, without loading it again. */
export interface ListResource<T> extends AsyncState<T[]> {
  /** Replaces the item with the same id, or adds it (at the start or the end). */
  upsert: (item: T, where?: 'start' | 'end') => void;
  remove: (id: string) => void;
}

interface ListSnapshot<T> {
  data: T[] | null;
  loading: boolean;
  error: unknown;
}

/**
 * Loads a list whenever `deps` change (or on reload), cancelling the previous load with its AbortSignal. A reload
 * keeps the items on screen while it runs, so rows (and what someone is typing in them) stay mounted.
 */
export function useListResource<T extends Versioned>(load: (signal: AbortSignal) => Promise<T[]>, deps: DependencyList): ListResource<T> {
  const { onSignInNeeded } = usePaneContext();
  const [snapshot, setSnapshot] = useState<ListSnapshot<T>>({ data: null, loading: true, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setSnapshot((previous) => ({ data: previous.data, loading: true, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSnapshot({ data, loading: false, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSnapshot((previous) => ({ data: previous.data, loading: false, error }));
        if (needsSignIn(error)) onSignInNeeded();
      },
    );
    return () => controller.abort();
    // The caller's deps stand for `load`'s inputs; `load` itself is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const upsert = useCallback((item: T, where: 'start' | 'end' = 'end') => {
    setSnapshot((previous) => {
      const items = previous.data ?? [];
      const index = items.findIndex((i) => i.id === item.id);
      const data = index >= 0 ? items.map((i, n) => (n === index ? item : i)) : where === 'start' ? [item, ...items] : [...items, item];
      return { ...previous, data };
    });
  }, []);
  const remove = useCallback((id: string) => {
    setSnapshot((previous) => ({ ...previous, data: previous.data?.filter((i) => i.id !== id) ?? null }));
  }, []);
  return { ...snapshot, reload, upsert, remove };
}
