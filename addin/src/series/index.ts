// What the pane's shell uses of series: the frame it puts around the Schedule view's slots.
export { PairSeriesFrame, type PairSeriesFrameProps } from './PairSeriesSection';
export type { SeriesDeps } from './usePairSeries';
