import type { Pair } from '../api/pairTypes';
import type { PairsApi } from '../api/pairsClient';
import type { Me } from '../api/types';
import { myUserId } from '../format/people';
import { useAsync } from '../hooks/useAsync';
import { useRefreshOnReturn } from '../hooks/useRefreshOnReturn';
import { isInvitation } from './wording';

/**
 * How many pairs wait for my acceptance, for the cue on the My peers tab. While My peers is open it counts the pairs My
 * peers shows (`shownPairs`: that view loads them, and again on every return), so the list is not asked for twice;
 * otherwise it loads them itself when the pane opens, when My peers closes and when the person comes back. Null until
 * known; a failure shows no cue (My peers says why).
 */
export function useInvitationCount(pairsApi: PairsApi | null, me: Me | null, shownPairs: readonly Pair[] | null): number | null {
  const own = shownPairs === null;
  const loaded = useAsync(pairsApi && me && own ? (signal) => pairsApi.listPairs(signal) : null, [pairsApi, me, own], { keepPreviousData: true });
  useRefreshOnReturn(own ? loaded.reload : noop);
  const pairs = shownPairs ?? loaded.data;
  if (pairs === null || me === null) return null;
  return pairs.filter((p) => isInvitation(p, myUserId(p, me))).length;
}

const noop = () => undefined;
