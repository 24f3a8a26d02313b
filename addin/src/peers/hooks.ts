import type { Pair } from '../api/pairTypes';
import { usePaneContext } from '../hooks/paneContext';
import { useListResource, type ListResource } from '../hooks/useListResource';

export function usePairs(): ListResource<Pair> {
  const { pairsApi } = usePaneContext();
  return useListResource((signal) => pairsApi.listPairs(signal), [pairsApi]);
}
