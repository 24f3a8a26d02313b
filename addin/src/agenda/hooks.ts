import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Commitment, Goal, Versioned } from '../api/pairTypes';
import { needsSignIn } from '../ui/userMessage';
import type { ListResource } from '../hooks/useListResource';
import type { AgendaApi } from '../api/agendaClient';
import type { MyRating, SessionAgenda } from '../api/agendaTypes';

interface Snapshot {
  data: SessionAgenda | null;
  loading: boolean;
  error: unknown;
}

/** The Agenda view's data, with its commitments and goals as lists the shared My peers sections can change in place. */
export interface AgendaResource {
  data: SessionAgenda | null;
  loading: boolean;
  error: unknown;
  /** Loads it all again; what is on screen (and typed into it) stays while it loads. */
  reload: () => void;
  commitments: ListResource<Commitment>;
  goals: ListResource<Goal>;
  setMyRating: (rating: MyRating | null) => void;
}

type ListKey = 'commitments' | 'goals';

function upserted<T extends Versioned>(items: readonly T[], item: T, where: 'start' | 'end'): T[] {
  const index = items.findIndex((i) => i.id === item.id);
  if (index >= 0) return items.map((i, n) => (n === index ? item : i));
  return where === 'start' ? [item, ...items] : [...items, item];
}

/** Loads one session's agenda (again when the session changes or on reload), cancelling an older load. */
export function useAgenda(api: AgendaApi, pairId: string, sessionId: string, onSignInNeeded: () => void): AgendaResource {
  const [snapshot, setSnapshot] = useState<Snapshot>({ data: null, loading: true, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setSnapshot((previous) => ({ ...previous, loading: true, error: null }));
    api.getAgenda(pairId, sessionId, controller.signal).then(
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
  }, [api, pairId, sessionId, generation, onSignInNeeded]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const change = useCallback((key: ListKey, edit: (items: Versioned[]) => Versioned[]) => {
    setSnapshot((previous) =>
      previous.data === null ? previous : { ...previous, data: { ...previous.data, [key]: edit(previous.data[key]) } },
    );
  }, []);
  const setMyRating = useCallback((rating: MyRating | null) => {
    setSnapshot((previous) =>
      previous.data === null ? previous : { ...previous, data: { ...previous.data, session: { ...previous.data.session, myRating: rating } } },
    );
  }, []);

  const list = useCallback(
    <T extends Versioned>(key: ListKey, items: T[] | null, defaultWhere: 'start' | 'end'): ListResource<T> => ({
      data: items,
      loading: snapshot.loading,
      // The view says once, at the top, when the agenda could not be loaded.
      error: null,
      reload,
      upsert: (item, where = defaultWhere) => change(key, (all) => upserted(all, item, where)),
      remove: (id) => change(key, (all) => all.filter((i) => i.id !== id)),
    }),
    [snapshot.loading, reload, change],
  );
  const data = snapshot.data;
  // Goals are listed newest first, commitments by due date (the list sorts them itself).
  const commitments = useMemo(() => list<Commitment>('commitments', data?.commitments ?? null, 'end'), [list, data?.commitments]);
  const goals = useMemo(() => list<Goal>('goals', data?.goals ?? null, 'start'), [list, data?.goals]);
  return { ...snapshot, reload, commitments, goals, setMyRating };
}
