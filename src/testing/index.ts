// Test helpers for adapters and recommenders, kept out of the main entry (they load node:test): `lmrec/testing`.

export { type RecommenderContractOptions, runRecommenderContract } from './recommender-contract.ts';
export { type FixtureOptions, type RecommenderFixture, recommenderFixture } from './recommender-fixture.ts';
export { runStoreContract, type StoreContractOptions } from './store-contract.ts';
