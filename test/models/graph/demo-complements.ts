// The demo shop's complement relations as item-graph rules (fit rules become the `fits` check).

import { demoComplements, itemsFit } from '../../../src/data/demo/complements.ts';
import type { ComplementRule } from '../../../src/models/graph/item-graph.ts';

export const demoComplementRules: ComplementRule[] = demoComplements.map((relation) => ({
  from: relation.from,
  to: relation.to,
  strength: relation.strength,
  fits: relation.fit.length ? (first, second) => itemsFit(relation, first, second) : undefined,
}));
