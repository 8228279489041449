// The models layer's registry, and where worker threads of parallel evaluation import it from to rebuild models
// from their snapshots.

export { modelRegistry } from '../models/registry.ts';

/** Where worker threads find `modelRegistry`. */
export const modelRegistryModule = {
  url: new URL('../models/registry.ts', import.meta.url).href,
  exportName: 'modelRegistry',
};
