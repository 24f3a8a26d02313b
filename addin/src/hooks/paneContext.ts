import { createContext, useContext } from 'react';
import type { AgendaApi } from '../api/agendaClient';
import type { ApiClient } from '../api/client';
import type { PairsApi } from '../api/pairsClient';
import type { SeriesApi } from '../api/seriesClient';
import type { Me } from '../api/types';

/** The API's clients, made once for the signed-in user; every view takes them from the pane's context. */
export interface PaneApis {
  peopleApi: ApiClient;
  pairsApi: PairsApi;
  seriesApi: SeriesApi;
  agendaApi: AgendaApi;
}

/** What every view needs: the APIs, who is signed in, and where a lost sign-in goes. */
export interface PaneContextValue extends PaneApis {
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
