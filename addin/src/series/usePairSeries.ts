import { useCallback, useMemo, useState } from 'react';
import type { Pair } from '../api/pairTypes';
import type { Series } from '../api/seriesTypes';
import { useAsync } from '../hooks/useAsync';
import { usePaneContext } from '../hooks/paneContext';
import { pairForPeople, type Sleep } from './createSeries';

/** Seams for tests of "Create series" (the APIs come from the pane's context). */
export interface SeriesDeps {
  /** Injected in tests: waits between retries of a creation. */
  sleep?: Sleep;
  /** Injected in tests: a new Idempotency-Key per "Create series" intent. */
  newKey?: () => string;
}

export interface PairSeriesState {
  pair: Pair | null;
  /** The pair's series to show: one just created or changed here, else its creating/active one. */
  series: Series | null;
  /** The pairs or the pair's series are still loading: "Create series" waits for them. */
  loading: boolean;
  /** Loading the matched pair's series failed. (A failed pairs list only means no "Create series".) */
  error: unknown;
  /** The series shown was created by a click here, just now. */
  justCreated: boolean;
  show: (series: Series, created?: boolean) => void;
  reload: () => void;
}

/** For the peers of the last search: the matching active pair (if any) and its current series. */
export function usePairSeries(peers: readonly string[] | null): PairSeriesState {
  const { pairsApi, seriesApi, me } = usePaneContext();
  const peersKey = peers === null ? null : [...peers].map((p) => p.toLowerCase()).sort().join(',');
  const pairs = useAsync(peersKey !== null ? (signal) => pairsApi.listPairs(signal) : null, [pairsApi, peersKey]);
  const pair = useMemo(() => (pairs.data && peers ? pairForPeople(pairs.data, me.mail, peers) : null), [pairs.data, peers, me.mail]);
  const pairId = pair?.id ?? null;
  const list = useAsync(pairId ? (signal) => seriesApi.listSeries(pairId, signal) : null, [seriesApi, pairId]);
  const [shown, setShown] = useState<{ series: Series; created: boolean } | null>(null);

  const fromList = list.data?.find((s) => s.status === 'active' || s.status === 'creating') ?? null;
  const own = shown !== null && shown.series.pairId === pairId ? shown : null;
  const series = own?.series ?? fromList;
  const reload = useCallback(() => {
    setShown(null);
    list.reload();
  }, [list]);
  const show = useCallback((next: Series, created = false) => setShown({ series: next, created }), []);

  return {
    pair,
    series,
    loading: pairs.loading || list.loading,
    error: list.error,
    justCreated: own?.created ?? false,
    show,
    reload,
  };
}
