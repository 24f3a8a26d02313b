import type { PairsApi } from '../api/pairsClient';
import type { Me } from '../api/types';
import { myUserId } from '../format/people';
import { useAsync } from '../hooks/useAsync';
import { useRefreshOnReturn } from '../hooks/useRefreshOnReturn';
import { isInvitation } from './wording';

/**
 * How many pairs wait for my acceptance, for the cue on the My peers tab: loaded when the pane opens and again when the
 * person comes back to it (or `refreshKey` changes). Null until known; a failure shows no cue (My peers says why).
 */
export function useInvitationCount(pairsApi: PairsApi | null, me: Me | null, refreshKey: unknown = null): number | null {
  const pairs = useAsync(pairsApi && me ? (signal) => pairsApi.listPairs(signal) : null, [pairsApi, me, refreshKey], { keepPreviousData: true });
  useRefreshOnReturn(pairs.reload);
  if (pairs.data === null || me === null) return null;
  return pairs.data.filter((p) => isInvitation(p, myUserId(p, me))).length;
}
