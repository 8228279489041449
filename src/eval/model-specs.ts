// `--models ials:factors=64,alpha=2,bpr,ease` → one spec per model. Commas separate models and also a model's
// hyperparameters, so a token with `=` and no `:` continues the previous model; each model's text is then parsed
// by the models layer (parseModelSpec). The label tells two configurations of one algorithm apart.

import { InvalidInputError } from '../core/errors.ts';
import { formatModelSpec, parseModelSpec } from '../models/params.ts';
import type { ParamValue } from '../models/recommender.ts';

export interface ModelSpec {
  /** The algorithm's registry name, e.g. `ials`. */
  name: string;
  /** Hyperparameters given on the command line. */
  params: Record<string, ParamValue>;
  /** `ials`, or `ials:factors=64` when hyperparameters were given. */
  label: string;
}

export function parseModelSpecs(text: string): ModelSpec[] {
  const pieces: string[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    if (!token) continue;
    const colon = token.indexOf(':');
    const equals = token.indexOf('=');
    if (equals >= 0 && (colon < 0 || colon > equals)) {
      if (pieces.length === 0) {
        throw new InvalidInputError(`"${token}" has no model before it`, { context: { field: 'models' } });
      }
      pieces[pieces.length - 1] += `${pieces[pieces.length - 1].includes(':') ? ',' : ':'}${token}`;
    } else pieces.push(token);
  }
  if (pieces.length === 0) throw new InvalidInputError('no model given', { context: { field: 'models' } });
  const specs = pieces.map((piece) => {
    const spec = parseModelSpec(piece);
    return { name: spec.name, params: spec.params, label: formatModelSpec(spec) };
  });
  const labels = new Set<string>();
  for (const spec of specs) {
    if (labels.has(spec.label)) {
      throw new InvalidInputError(`model "${spec.label}" is listed twice`, { context: { field: 'models' } });
    }
    labels.add(spec.label);
  }
  return specs;
}
