// The model registry the CLI and the training worker use: the models layer's `recommenders`, loaded by module path
// so that a training worker can load the same module. LMREC_REGISTRY_MODULE points at another module exporting
// `recommenders` (a plugin, or test doubles).

import { pathToFileURL } from 'node:url';
import { ConfigError } from '../core/errors.ts';
import type { ModelRegistry } from './model-bundle.ts';

export function registryModule(): string {
  const custom = process.env.LMREC_REGISTRY_MODULE;
  if (custom) return custom.startsWith('file:') ? custom : pathToFileURL(custom).href;
  return new URL('../models/registry.ts', import.meta.url).href;
}

export async function loadRegistry(module = registryModule()): Promise<ModelRegistry> {
  let loaded: { recommenders?: ModelRegistry };
  try {
    loaded = (await import(module)) as { recommenders?: ModelRegistry };
  } catch (error) {
    throw new ConfigError(`cannot load the model registry from ${module}: ${(error as Error).message}`, {
      cause: error,
      context: { file: module },
    });
  }
  if (!(loaded.recommenders instanceof Map)) {
    throw new ConfigError(`${module} does not export a "recommenders" map`, { context: { file: module } });
  }
  return loaded.recommenders;
}
