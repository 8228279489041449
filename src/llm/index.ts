// The LLM gateway's public entry: the spec, the embedders, and (as they land) the gateway and its capabilities.

export { CachedEmbedder } from './embedders/cached-embedder.ts';
export { cosine, createEmbeddedEmbedder } from './embedders/embedded.ts';
export { cjkShare, LanguageRouterEmbedder } from './embedders/language-router.ts';
export { NgramEmbedder } from './embedders/ngram-embedder.ts';
export { SentenceEncoderEmbedder } from './embedders/sentence-encoder.ts';
export { type BlobSink, type KeyValuePort, MemoryKeyValue } from './ports.ts';
export type * from './spec.ts';
