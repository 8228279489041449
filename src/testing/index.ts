// Test helpers for adapters and recommenders, kept out of the main entry (they load node:test): `lmrec/testing`.

export { runStoreContract, type StoreContractOptions } from './store-contract.ts';
