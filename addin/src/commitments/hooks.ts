import type { Commitment } from '../api/pairTypes';
import { usePaneContext } from '../hooks/paneContext';
import { useListResource, type ListResource } from '../hooks/useListResource';

export function useOpenCommitments(pairId: string): ListResource<Commitment> {
  const { pairsApi } = usePaneContext();
  return useListResource((signal) => pairsApi.listCommitments(pairId, 'open', signal), [pairsApi, pairId]);
}
