import { Spinner } from '@fluentui/react-components';
import type React from 'react';
import { useEffect, useRef } from 'react';
import type { SeriesApi } from '../api/seriesClient';
import type { Suggestion, Me } from '../api/types';
import { usePaneContext } from '../hooks/paneContext';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CreateSeriesButton } from './CreateSeriesButton';
import { SeriesPanel } from './SeriesPanel';
import { usePairSeries, type PairSeriesState, type SeriesDeps } from './usePairSeries';

export interface PairSeriesFrameProps {
  /** Seams for tests; the APIs and the signed-in person come from the pane's context. */
  deps?: SeriesDeps;
  /** The people the slots on screen were found for; null while there are none. */
  peers: readonly string[] | null;
  /** Draws the slots, with "Create series" on each card when given. */
  children: (slotAction?: (suggestion: Suggestion, titleId: string) => React.ReactNode) => React.ReactNode;
}

/** Around the Schedule view's slots: the pair's series above them and "Create series" on each card, when the peers are one's pair. */
export const PairSeriesFrame: React.FC<PairSeriesFrameProps> = ({ deps = {}, peers, children }) => {
  const { seriesApi, me } = usePaneContext();
  const state = usePairSeries(peers);
  return (
    <>
      {peers !== null ? <PairSeriesSection seriesApi={seriesApi} state={state} me={me} /> : null}
      {children(createSeriesAction(seriesApi, deps, state))}
    </>
  );
};

/** Above the suggestions: the pair's current series (with its management), once the chosen peers are one's pair. */
export const PairSeriesSection: React.FC<{ seriesApi: SeriesApi; state: PairSeriesState; me: Me }> = ({ seriesApi, state, me }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  const createdId = state.justCreated ? state.series?.id : null;
  useEffect(() => {
    // After "Create series", the result is where attention goes next.
    if (createdId) heading.current?.focus();
  }, [createdId]);

  if (state.pair !== null && state.loading) return <Spinner size="tiny" label="Checking your pair’s series…" />;
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (state.series === null) return null;
  return (
    <SeriesPanel
      seriesApi={seriesApi}
      series={state.series}
      pair={state.pair}
      me={me}
      onChange={(s) => state.show(s)}
      justCreated={state.justCreated}
      headingRef={heading}
    />
  );
};

/** "Create series" on each slot, when the peers are exactly one's active pair and it has no series going. */
export function createSeriesAction(seriesApi: SeriesApi, deps: SeriesDeps, state: PairSeriesState): (suggestion: Suggestion, titleId: string) => React.ReactNode {
  return (suggestion, titleId) => {
    const pair = state.pair;
    if (pair === null || state.loading || state.error || (state.series !== null && state.series.status !== 'ended')) return null;
    return (
      <CreateSeriesButton
        seriesApi={seriesApi}
        pair={pair}
        suggestion={suggestion}
        describedBy={titleId}
        onCreated={(series) => state.show(series, true)}
        onExisting={() => state.reload()}
        {...(deps.sleep ? { sleep: deps.sleep } : {})}
        {...(deps.newKey ? { newKey: deps.newKey } : {})}
      />
    );
  };
}
