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
  /** The inputs this snapshot answers for. */
  inputs: readonly unknown[];
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/**
 * Runs `load` whenever `deps` change (or reload is called) and cancels the previous run with its AbortSignal,
 * so an old answer never overwrites a newer one. A null `load` means "nothing to do yet".
 */
export function useAsync<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: DependencyList,
  options: { keepPreviousData?: boolean } = {},
): AsyncState<T> {
  const [generation, setGeneration] = useState(0);
  const inputs = [...deps, generation, load === null];
  const [snapshot, setSnapshot] = useState<Snapshot<T>>({ data: null, loading: load !== null, error: null, inputs });
  const keepPrevious = options.keepPreviousData ?? false;

  useEffect(() => {
    if (load === null) {
      setSnapshot({ data: null, loading: false, error: null, inputs });
      return undefined;
    }
    const controller = new AbortController();
    setSnapshot((previous) => ({ data: keepPrevious ? previous.data : null, loading: true, error: null, inputs }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSnapshot({ data, loading: false, error: null, inputs });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSnapshot({ data: null, loading: false, error, inputs });
      },
    );
    return () => controller.abort();
    // The caller's deps stand for `load`'s inputs; `load` itself is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, inputs);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // In the render where the inputs change, the effect has not run yet: the snapshot still answers the old inputs.
  // Report that render as loading (as the effect is about to), so nothing is drawn from an answer to other inputs,
  // e.g. a "Create series" button that would vanish as soon as the pair's series starts loading.
  if (!sameInputs(snapshot.inputs, inputs)) {
    return { data: keepPrevious ? snapshot.data : null, loading: load !== null, error: null, reload };
  }
  const { data, loading, error } = snapshot;
  return { data, loading, error, reload };
}
