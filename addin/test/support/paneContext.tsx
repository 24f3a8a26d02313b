import type React from 'react';
import { createAgendaClient } from '../../src/api/agendaClient';
import { createApiClient } from '../../src/api/client';
import { createPairsClient } from '../../src/api/pairsClient';
import { createSeriesClient } from '../../src/api/seriesClient';
import type { Me } from '../../src/api/types';
import { PaneContext, type PaneContextValue } from '../../src/hooks/paneContext';

/** The pane's context as App builds it, with every API client on the stub server at `origin`. */
export function paneContextFor(origin: string, me: Me, extra: Partial<PaneContextValue> = {}): PaneContextValue {
  const auth = { getAccessToken: () => Promise.resolve('token'), invalidateToken: () => undefined };
  return {
    peopleApi: createApiClient({ auth, baseUrl: origin }),
    pairsApi: createPairsClient({ auth, baseUrl: origin }),
    seriesApi: createSeriesClient({ auth, baseUrl: origin }),
    agendaApi: createAgendaClient({ auth, baseUrl: origin }),
    me,
    onSignInNeeded: () => undefined,
    peopleSearchDebounceMs: 0,
    ...extra,
  };
}

export const InPane: React.FC<{ value: PaneContextValue; children: React.ReactNode }> = ({ value, children }) => (
  <PaneContext.Provider value={value}>{children}</PaneContext.Provider>
);
