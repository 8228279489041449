// The splitters: seeded, deterministic train/validation/test splits over the same id maps.

export { type ColdItemsSplitOptions, coldItemsSplit } from './cold-items-split.ts';
export { assignFolds, type KFoldOptions, kFoldSplits } from './k-fold-split.ts';
export { type LeaveLastOutOptions, leaveLastOutSplit } from './leave-last-out-split.ts';
export type { Split } from './split.ts';
export { type StratifiedSplitOptions, stratifiedSplit } from './stratified-split.ts';
export { type TemporalSplitOptions, temporalSplit } from './temporal-split.ts';
