// Test helpers for adapters and recommenders, kept out of the main entry (they load node:test): `lmrec/testing`.

export { type FakeOllamaReply, type FakeOllamaServer, startFakeOllamaServer } from './fake-ollama-server.ts';
export {
  type ChatBody,
  type FakeChatReply,
  type FakeEndpoint,
  type FakeFailure,
  type FakeOpenAiOptions,
  type FakeOpenAiServer,
  type FakeScriptEntry,
  fakeVector,
  startFakeOpenAiServer,
} from './fake-openai-server.ts';
export { type MockCall, MockModel, type MockRecommenderOptions, mockRecommender } from './mock-recommender.ts';
export { type RankerContractOptions, runRankerContract } from './ranker-contract.ts';
export { type RecommenderContractOptions, runRecommenderContract } from './recommender-contract.ts';
export { type FixtureOptions, type RecommenderFixture, recommenderFixture } from './recommender-fixture.ts';
export { type ServerProcess, startServerProcess } from './server-process.ts';
export { serviceAbsent, testPostgresLocation, testPostgresUrl, testRedisUrl, uniqueSchema } from './services.ts';
export { fixtureCategories, type ServingFixture, servingFixture } from './serving-fixture.ts';
export { runSharedStateContract, type SharedStateContractOptions } from './shared-state-contract.ts';
export { runStoreContract, type StoreContractOptions } from './store-contract.ts';
export { type TestServer, testServer } from './test-server.ts';
