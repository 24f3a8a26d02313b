import { useCallback, useEffect, useRef, useState } from 'react';
import { needsSignIn } from '../ui/userMessage';
import { usePaneContext } from './paneContext';

/** A write's result; `aborted` means the component went away or a newer write replaced it: nothing to show. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; aborted: boolean };

export interface Mutation {
  pending: boolean;
  /** The last failure, until the next run or clear(). */
  error: unknown;
  run: <T>(write: (signal: AbortSignal) => Promise<T>) => Promise<Outcome<T>>;
  clear: () => void;
}

/** One write at a time; a write still running when the component goes away is cancelled. */
export function useMutation(): Mutation {
  const { onSignInNeeded } = usePaneContext();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async <T,>(write: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setPending(true);
      setError(null);
      try {
        const value = await write(current.signal);
        if (!current.signal.aborted) setPending(false);
        return { ok: true, value };
      } catch (failure) {
        if (!current.signal.aborted) {
          setPending(false);
          setError(failure);
          if (needsSignIn(failure)) onSignInNeeded();
        }
        return { ok: false, error: failure, aborted: current.signal.aborted };
      }
    },
    [onSignInNeeded],
  );
  const clear = useCallback(() => setError(null), []);
  return { pending, error, run, clear };
}
