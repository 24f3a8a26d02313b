import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { PairsApi } from '../api/pairsClient';
import type { Me } from '../api/types';

/** What every view needs: the APIs, who is signed in, and where a lost sign-in goes. */
export interface PaneContextValue {
  pairsApi: PairsApi;
  peopleApi: ApiClient;
  me: Me;
  onSignInNeeded: () => void;
  peopleSearchDebounceMs?: number;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePaneContext(): PaneContextValue {
  const value = useContext(PaneContext);
  if (value === null) throw new Error('usePaneContext outside <PaneContext.Provider>');
  return value;
}

