import { useCallback, useEffect, useRef, useState } from 'react';
import { isSeriesConflict } from '../api/seriesClient';
import type { SlotWarning } from '../api/types';

export interface Action {
  pending: boolean;
  error: unknown;
  /** Warnings of a 409 from the scheduling core: the same request with acceptWarnings applies it. */
  warnings: readonly SlotWarning[] | null;
  run: (work: (signal: AbortSignal) => Promise<void>) => Promise<boolean>;
  clear: () => void;
}

/** One write at a time; its failure (or warnings) stays until the next run. What the person typed is not touched. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<readonly SlotWarning[] | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (work: (signal: AbortSignal) => Promise<void>) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setPending(true);
    setError(null);
    setWarnings(null);
    try {
      await work(c.signal);
      return true;
    } catch (e) {
      if (c.signal.aborted) return false;
      if (isSeriesConflict(e) && e.warnings.length > 0) setWarnings(e.warnings);
      else setError(e);
      return false;
    } finally {
      if (!c.signal.aborted) setPending(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setWarnings(null);
  }, []);
  return { pending, error, warnings, run, clear };
}
