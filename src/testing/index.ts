// Test helpers for adapters and recommenders, kept out of the main entry (they load node:test): `lmrec/testing`.

export { type FakeOllamaReply, type FakeOllamaServer, startFakeOllamaServer } from './fake-ollama-server.ts';
export {
  type FakeChatReply,
  type FakeEndpoint,
  type FakeFailure,
  type FakeOpenAiOptions,
  type FakeOpenAiServer,
  fakeVector,
  startFakeOpenAiServer,
} from './fake-openai-server.ts';
export { type RankerContractOptions, runRankerContract } from './ranker-contract.ts';
export { type RecommenderContractOptions, runRecommenderContract } from './recommender-contract.ts';
export { type FixtureOptions, type RecommenderFixture, recommenderFixture } from './recommender-fixture.ts';
export { runStoreContract, type StoreContractOptions } from './store-contract.ts';
