// The demo shop's public surface: catalog vocabularies, complements and intents as typed data, the store writer
// and loader, and the ground-truth simulator.

export { type DemoBrand, demoBrands } from './brands.ts';
export { defaultEndDate, shopTimeZone } from './calendar.ts';
export {
  type DemoCategory,
  demoCategories,
  demoCategory,
  demoCategoryOf,
  departments,
  singlePerKitCategories,
} from './categories.ts';
export type { Bilingual, BrandTier, DepartmentId, Season } from './category-spec.ts';
export { type ComplementRelation, complementsOf, demoComplements, type FitRule, itemsFit } from './complements.ts';
export {
  type BuildDemoStoreOptions,
  buildDemoStore,
  type DemoManifest,
  type DemoStoreSummary,
  demoNamespace,
  loadDemoSimulator,
  readDemoManifest,
} from './demo-store.ts';
export {
  type AttributeConstraint,
  type DemoIntent,
  demoIntents,
  type IntentMatch,
  type IntentNeed,
  matchIntents,
  parseTripDays,
} from './intents.ts';
export { type DemoParameters, defaultDemoParameters } from './parameters.ts';
export { type DemoOptions, type DemoRun, runDemoSimulation } from './run-simulation.ts';
export type { SearchSort } from './shop-search.ts';
export {
  type DemoDevice,
  type DemoQuery,
  type DemoResponse,
  DemoSimulator,
  type DemoUserTruth,
  type LoggingDistribution,
} from './simulator.ts';
