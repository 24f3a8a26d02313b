import type { Pair, PairSummary } from '../api/pairTypes';
import { usePaneContext } from '../hooks/paneContext';
import { useAsync } from '../hooks/useAsync';
import { useListResource, type ListResource } from '../hooks/useListResource';

export function usePairs(): ListResource<Pair> {
  const { pairsApi } = usePaneContext();
  return useListResource((signal) => pairsApi.listPairs(signal), [pairsApi]);
}

/**
 * The pair's next session and history: loaded again when the pair changes (its ETag) or `refresh` does; the last
 * answer stays on screen while it loads. Null until the first answer, and when there is nothing to summarise yet.
 */
export function usePairSummary(pair: Pair, refresh: number): PairSummary | null {
  const { pairsApi } = usePaneContext();
  const wanted = pair.status !== 'proposed';
  const summary = useAsync(wanted ? (signal) => pairsApi.getSummary(pair.id, signal) : null, [pairsApi, pair.id, pair.etag, refresh], { keepPreviousData: true });
  return wanted ? summary.data : null;
}
