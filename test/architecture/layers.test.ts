// The architecture as a test: imports point down the layers, `llm` depends on `core` only, and there are no cycles.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../src');

/** Which top-level folders each layer may import (besides itself). Type-only imports count too. */
const allowed: Record<string, string[]> = {
  core: [],
  llm: ['core'],
  store: ['core'],
  data: ['core', 'store'],
  models: ['core'],
  pipeline: ['core', 'data', 'store', 'models', 'llm'],
  llmrec: ['core', 'data', 'store', 'models', 'llm', 'pipeline'],
  eval: ['core', 'data', 'store', 'models', 'llm', 'pipeline'],
  server: ['core', 'data', 'store', 'models', 'llm', 'pipeline', 'llmrec', 'eval'],
  cli: ['core', 'data', 'store', 'models', 'llm', 'pipeline', 'llmrec', 'eval', 'server'],
  testing: ['core', 'data', 'store', 'models', 'llm', 'pipeline', 'llmrec', 'eval', 'server'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(importPattern)) {
      targets.push(path.resolve(path.dirname(file), match[1] ?? match[2]));
    }
    edges.set(file, targets);
  }
  return edges;
}

const layerOf = (file: string) => path.relative(root, file).split(path.sep)[0];

it('imports only point to allowed layers', () => {
  const problems: string[] = [];
  for (const [file, targets] of graph()) {
    const from = layerOf(file);
    if (from === 'index.ts') continue;
    for (const target of targets) {
      const to = layerOf(target);
      if (to === from || allowed[from]?.includes(to)) continue;
      problems.push(`${path.relative(root, file)} → ${path.relative(root, target)}`);
    }
  }
  assert.deepEqual(problems, []);
});

it('has no import cycles', () => {
  const edges = graph();
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (state.get(target) === 'open') {
        cycles.push(
          stack
            .slice(stack.indexOf(target))
            .map((f) => path.relative(root, f))
            .join(' → '),
        );
      } else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});
