import { createContext, useCallback, useContext, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ApiClient } from '../api/client';
import type { Commitment, Goal, Pair, Versioned } from '../api/pairTypes';
import type { PairsApi } from '../api/pairsClient';
import type { Me } from '../api/types';
import type { AsyncState } from '../hooks/useAsync';
import { needsSignIn } from '../app/userMessage';

/** What every part of the My peers view needs: the APIs, who is signed in, and where a lost sign-in goes. */
export interface PeersContextValue {
  pairsApi: PairsApi;
  peopleApi: ApiClient;
  me: Me;
  onSignInNeeded: () => void;
  peopleSearchDebounceMs?: number;
}

export const PeersContext = createContext<PeersContextValue | null>(null);

export function usePeersContext(): PeersContextValue {
  const value = useContext(PeersContext);
  if (value === null) throw new Error('usePeersContext outside <PeersContext.Provider>');
  return value;
}

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
  const { onSignInNeeded } = usePeersContext();
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

export function usePairs(): ListResource<Pair> {
  const { pairsApi } = usePeersContext();
  return useListResource((signal) => pairsApi.listPairs(signal), [pairsApi]);
}

export function useGoals(pairId: string): ListResource<Goal> {
  const { pairsApi } = usePeersContext();
  return useListResource((signal) => pairsApi.listGoals(pairId, signal), [pairsApi, pairId]);
}

export function useOpenCommitments(pairId: string): ListResource<Commitment> {
  const { pairsApi } = usePeersContext();
  return useListResource((signal) => pairsApi.listCommitments(pairId, 'open', signal), [pairsApi, pairId]);
}

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
  const { onSignInNeeded } = usePeersContext();
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
