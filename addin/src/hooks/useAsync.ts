import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  data: T | null;
  loading: boolean;
  error: unknown;
  /** Runs the load again with the same inputs. */
  reload: () => void;
}

interface Snapshot<T> {
  data: T | null;
  loading: boolean;
  error: unknown;
}

/**
 * Runs `load` whenever `deps` change (or reload is called) and cancels the previous run with its AbortSignal,
 * so an old answer never overwrites a newer one. A null `load` means "nothing to do yet".
 */
export function useAsync<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: DependencyList,
  options: { keepPreviousData?: boolean } = {},
): AsyncState<T> {
  const [snapshot, setSnapshot] = useState<Snapshot<T>>({ data: null, loading: load !== null, error: null });
  const [generation, setGeneration] = useState(0);
  const keepPrevious = options.keepPreviousData ?? false;

  useEffect(() => {
    if (load === null) {
      setSnapshot({ data: null, loading: false, error: null });
      return undefined;
    }
    const controller = new AbortController();
    setSnapshot((previous) => ({ data: keepPrevious ? previous.data : null, loading: true, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSnapshot({ data, loading: false, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSnapshot({ data: null, loading: false, error });
      },
    );
    return () => controller.abort();
    // The caller's deps stand for `load`'s inputs; `load` itself is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation, load === null]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...snapshot, reload };
}
