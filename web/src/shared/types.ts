// The API's shapes as the UI reads them: the engine's own types (type imports only; the bundle gets none of the
// server's code), with the fields the routes add (`item` with details=true).

import type { Item } from '../../../src/core/types.ts';
import type { ListedItem as EngineListedItem } from '../../../src/pipeline/item-lists.ts';
import type { PipelineResult, RecommendedItem } from '../../../src/pipeline/types.ts';

export type { Feedback as FeedbackEvent, Item, User } from '../../../src/core/types.ts';
export type { SearchResult } from '../../../src/pipeline/hybrid-search.ts';
export type { Reason, StageTrace } from '../../../src/pipeline/types.ts';

/** GET /api/recommend/:userId?details=true. */
export interface Recommendations extends Omit<PipelineResult, 'items' | 'trace'> {
  items: Array<RecommendedItem & { item?: Item }>;
}

/** An item of any list: recommendations carry position and propensity, the other lists do not. */
export type ListedItem = EngineListedItem & { item?: Item; position?: number; propensity?: number };

export interface ItemList {
  items: ListedItem[];
  modelVersion: number | null;
}
