import type { Goal } from '../api/pairTypes';
import { usePaneContext } from '../hooks/paneContext';
import { useListResource, type ListResource } from '../hooks/useListResource';

export function useGoals(pairId: string): ListResource<Goal> {
  const { pairsApi } = usePaneContext();
  return useListResource((signal) => pairsApi.listGoals(pairId, signal), [pairsApi, pairId]);
}
