// The LLM-in-the-recommender layer's public entry: the conversational recommender and shopping assistant, its
// engine port and Store-backed engine, the planner, grounding and guards, and the simulated-shopper evaluation.

export { type BuildIntentMapResult, buildIntentMap, mineIntents } from './assistant/build-intent-map.ts';
export { type BundleChoice, type BundleSlot, chooseBundle } from './assistant/bundle.ts';
export { type IntentDefinition, loadIntentMap, saveIntentMap } from './assistant/intent-map.ts';
export type { PlanLine, PlanNeed, PlanResult, ShoppingPlan } from './assistant/plan.ts';
export { executePlan } from './assistant/plan-executor.ts';
export { CandidateBuffer } from './chat/candidate-buffer.ts';
export { CatalogIndex, type CategoryInfo } from './chat/catalog-index.ts';
export { ChatAssistant, type ChatAssistantOptions, type VoicePort } from './chat/chat-assistant.ts';
export { type CreateChatAssistantOptions, createChatAssistant } from './chat/create-chat-assistant.ts';
export { type ChatEvaluation, type ConversationRecord, evaluateChat } from './chat/eval/evaluate-chat.ts';
export { SimulatedShopper } from './chat/eval/simulated-shopper.ts';
export { groundReply, resolveMention } from './chat/grounding.ts';
export type { PreferenceProfile } from './chat/memory/profile.ts';
export type { FeedbackSink } from './chat/memory/reactions.ts';
export type { ChatSession } from './chat/memory/session-store.ts';
export { type ParsedMessage, parseMessage } from './chat/parse/parse-message.ts';
export { sanitizeUntrusted, screenMessage } from './chat/safety.ts';
export type * from './chat/shop-port.ts';
export { StoreShopEngine, type StoreShopEngineOptions } from './chat/store-engine/store-shop-engine.ts';
export { readOnlyTools } from './chat/tools/toolbox.ts';
export type {
  AssistantQuestion,
  ChatEvent,
  ChatMode,
  ChatTurnRequest,
  ChatTurnResult,
  ChecklistEntry,
  ItemCard,
  Language as ChatLanguage,
  PlanView,
  TurnKind,
} from './chat/types.ts';
export type { EnrichedAttributes } from './enrich/apply-attributes.ts';
export { type AttributeField, type CategorySchema, cleanSchema, extractionSchema } from './enrich/attribute-schema.ts';
export { attributeSimilarity, rankerAttributes, similarByAttributes } from './enrich/attribute-similarity.ts';
export { type CopyCheck, checkCopy } from './enrich/copy-checker.ts';
export { CopyRejectedError } from './enrich/copy-job.ts';
export { type EnrichOptions, enrichAttributes } from './enrich/enrich-attributes.ts';
export { type EnrichCopyOptions, enrichCopy } from './enrich/enrich-copy.ts';
export { keywordTags } from './enrich/keyword-tags.ts';
export { type AttributeValue, normaliseValues } from './enrich/normalise-values.ts';
export { extractByRules, rulesSchema } from './enrich/rule-extractors.ts';
export { convert as convertQuantity, parseQuantity } from './enrich/units.ts';
export {
  buildFinetuneData,
  type ExportFinetuneOptions,
  type ExportSummary,
  exportFinetune,
} from './finetune/export-finetune.ts';
export { type FinetuneOptions, type FinetuneTask, finetuneExamples } from './finetune/finetune-examples.ts';
export { type Timeline, userTimelines } from './finetune/user-timelines.ts';
export { groundCitations, type LabelledHistory, labelHistory } from './history-labels.ts';
export { itemBrief } from './item-brief.ts';
export * from './jobs/index.ts';
export { type Q2iSettings, type Q2iUnit, q2iJob, selectQ2iUnits } from './q2i/q2i-job.ts';
export { groundQ2iAnswer, q2iPrompt, q2iSchema } from './q2i/q2i-prompt.ts';
export { retrieveQueries } from './q2i/retrieve-queries.ts';
export { attributeReasons } from './reasons/attribute-reasons.ts';
export { groundReasonsAnswer, reasonsPrompt, reasonsSchema } from './reasons/reason-prompt.ts';
export { type ReasonsUnit, reasonsJob, selectReasonUnits } from './reasons/reasons-job.ts';
export { LlmReasonWriter, writeReasonsWithLlm } from './reasons/write-reasons.ts';
export { bordaOrder, shuffledRounds } from './rerank/borda.ts';
export { candidateLabels } from './rerank/labels.ts';
export { LlmListReranker, type RerankStats } from './rerank/llm-list-reranker.ts';
export { type PopularityBiasReport, popularityBiasReport } from './rerank/popularity-bias.ts';
