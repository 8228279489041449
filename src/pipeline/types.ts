// The shapes one request carries through the named stages: recall → merge → rank → rerank → explain.

import type { Catalog } from './catalog.ts';
import type { ModelBundle } from './model-bundle.ts';
import type { UserHistory } from './user-history.ts';

/** Why an item is recommended: a kind, a sentence in the request's language, and the items that support it. */
export interface Reason {
  kind: string;
  text: string;
  evidence: string[];
}

export type Language = 'en' | 'zh';

/** What every recall source sees of the request. */
export interface RecallContext {
  /** The user, or null for an anonymous session. */
  userId: string | null;
  history: UserHistory;
  catalog: Catalog;
  /** The models being served, or null before the first training. */
  bundle: ModelBundle | null;
  /** Item ids no source should return (seen, disliked, hidden, excluded by the request). */
  exclude: ReadonlySet<string>;
  /** When the request restricts categories: the only item ids allowed; null otherwise. */
  allowed: ReadonlySet<string> | null;
  /** `exclude` and `allowed` as the bundle's item indices, computed once per request for every model source. */
  indices: { exclude: Int32Array; allowed: Int32Array | undefined } | null;
  /** Aborted when the stage's time budget is spent. */
  signal: AbortSignal;
}

export interface RecalledItem {
  id: string;
  score: number;
  /** Item ids that support this candidate (e.g. the recent item it is similar to). */
  evidence?: string[];
}

/**
 * A recall source: `(context, quota) → scored items`. Every kind (a fitted model, popularity, item-to-item,
 * co-purchase, content, user-to-user, an external service) has this one shape and is chosen by name in the config.
 */
export interface RecallSource {
  /** Unique within the pipeline; shown as the item's `source`. */
  readonly name: string;
  /** The reason kind its items get: personal, popular, trending, new, because, bought-together, similar, … */
  readonly reason: string;
  /** Fusion weight. */
  readonly weight: number;
  readonly quota: number;
  recall(context: RecallContext, quota: number): Promise<RecalledItem[]> | RecalledItem[];
}

/** One item between merge and explain. */
export interface Candidate {
  id: string;
  /** Score per contributing source, and its rank there (0-based). */
  sources: Array<{ source: string; reason: string; score: number; rank: number; weight: number }>;
  evidence: Map<string, string[]>;
  /** Fused score after rank; boosts add to it in rerank. */
  score: number;
  /** Kinds of boosts applied (pinned, seasonal, brand, new). */
  boosts: string[];
  /** Set when exploration placed the item. */
  explored?: boolean;
  /** Probability that the policy shows this item at its position (1 for deterministic positions). */
  propensity: number;
}

export interface PipelineRequest {
  /** The user, or null for an anonymous session (then `sessionItems` is the history). */
  userId: string | null;
  /** Items of an anonymous session, oldest first. */
  sessionItems?: Array<{ itemId: string; type?: string }>;
  n: number;
  offset?: number;
  /** Only items in one of these categories (any level). */
  categories?: string[];
  excludeCategories?: string[];
  /** Item ids never returned. */
  exclude?: string[];
  lang?: Language;
  /** Keep per-stage snapshots in the result (the pipeline inspector). */
  trace?: boolean;
  /** Online: stages have a time budget. Offline (precompute): no budget. The code path is the same. */
  online?: boolean;
  /** Seeds exploration, so one request id always gives one list. */
  requestId?: string;
}

export interface RecommendedItem {
  id: string;
  score: number;
  /** The source that contributed most (or `exploration`). */
  source: string;
  /** Every source that recalled the item. */
  sources: string[];
  position: number;
  propensity: number;
  explored: boolean;
  reasons: Reason[];
}

/** A stage's snapshot for the inspector: its top items and notes (errors, timeouts, skipped sources). */
export interface StageTrace {
  stage: string;
  ms: number;
  items: Array<{ id: string; score: number; source?: string }>;
  notes: string[];
  /** Per recall source: its items (recall stage only). */
  sources?: Array<{ name: string; ms: number; items: Array<{ id: string; score: number }>; error?: string }>;
}

export interface PipelineResult {
  items: RecommendedItem[];
  modelVersion: number | null;
  requestId: string;
  /** Fallback sources that filled the list, in order. */
  fallback: string[];
  trace?: StageTrace[];
}
